using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>The application's calls on one connection (RFC 9293 §3.10.1-3.10.6), non-blocking.</summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Starts an active open: SYN-SENT and the first SYN (RFC 9293 §3.10.1).</summary>
        internal void StartConnect(uint remoteAddress, int remotePort, uint iss, long nowMs)
        {
            ResetConnection();
            Error = SocketError.Success;
            RemoteAddress = remoteAddress;
            RemotePort = remotePort;
            Iss = iss;
            SndUna = iss;
            SndNxt = unchecked(iss + 1);
            SndMax = SndNxt;
            TsOk = _config.TcpTimestamps; // Offered on the SYN; kept if the SYN-ACK has them too.
            SendMss = OwnMss();
            State = TcpState.SynSent;
            RttTiming = true;
            RttSeq = SndNxt;
            RttStart = nowMs;
            RetransmitAt = nowMs + Rtt.Rto;
            Touch();
            SendSyn(nowMs);
        }

        /// <summary>A passive open completed by the handshake's ACK: SYN-RECEIVED from the listener's SYN entry.</summary>
        internal void InitPassive(SynEntry e, TcpConnection listener, long nowMs)
        {
            ResetConnection();
            Error = SocketError.Success;
            LocalAddress = e.LocalAddress;
            RemoteAddress = e.RemoteAddress;
            LocalPort = e.LocalPort;
            RemotePort = e.RemotePort;
            Bound = true;
            NoDelay = listener.NoDelay; // Options are inherited from the listener, as in BSD.
            KeepAlive = listener.KeepAlive;
            ReuseAddress = listener.ReuseAddress;
            LingerEnabled = listener.LingerEnabled;
            LingerMs = listener.LingerMs;
            Iss = e.Iss;
            SndUna = e.Iss;
            SndNxt = unchecked(e.Iss + 1);
            SndMax = SndNxt;
            Irs = e.Irs;
            RcvNxt = unchecked(e.Irs + 1);
            RcvAdvEdge = unchecked(RcvNxt + (uint)PotentialWindow());
            TsOk = e.TsOk;
            TsRecent = e.TsRecent;
            TsRecentAt = nowMs;
            LastAckSent = RcvNxt; // The SYN-ACK acknowledged the SYN.
            SetPeerMss(e.PeerMss);
            SndWnd = e.PeerWindow;
            MaxSndWnd = e.PeerWindow;
            SndWl1 = e.Irs;
            SndWl2 = e.Iss;
            State = TcpState.SynReceived;
            SynRetransmitted = e.Retries > 0;
            RttTiming = true;
            RttSeq = SndNxt;
            RttStart = e.FirstSentAt;
            LastReceivedAt = nowMs;
        }

        internal SocketError UserSend(byte[] buffer, int offset, int count, out int sent)
        {
            sent = 0;
            if (Error != SocketError.Success)
            {
                return Error;
            }

            switch (State)
            {
                case TcpState.Established:
                case TcpState.CloseWait:
                    break;
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    return SocketError.WouldBlock; // Not connected yet: wait for writable.
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                case TcpState.Closing:
                case TcpState.LastAck:
                case TcpState.TimeWait:
                    return SocketError.Shutdown;
                default:
                    return SocketError.NotConnected;
            }

            if (FinQueued)
            {
                return SocketError.Shutdown;
            }

            if (count == 0)
            {
                return SocketError.Success;
            }

            if (Tx.Free == 0)
            {
                return SocketError.WouldBlock;
            }

            sent = Tx.Write(buffer, offset, count);
            _layer.RequestPoll();
            return SocketError.Success;
        }

        internal SocketError UserReceive(byte[] buffer, int offset, int count, out int received)
        {
            received = 0;
            if (State == TcpState.Listen)
            {
                return SocketError.NotConnected;
            }

            if (Rx.Readable > 0 && count > 0)
            {
                received = Rx.Read(buffer, offset, count);
                if (State == TcpState.Established || State == TcpState.FinWait1 || State == TcpState.FinWait2)
                {
                    // Window update when reading reopened a small window by a worthwhile amount
                    // (RFC 1122 §4.2.3.3; Linux waits for the window to at least double), or
                    // when an ACK is being delayed and the read freed a full segment: the
                    // sender may be waiting for exactly that (Linux tcp_cleanup_rbuf).
                    int increase = PendingWindowIncrease();
                    if (increase >= WindowUpdateThreshold() && (ReceiveWindow() * 2 <= Rx.Capacity || (DelayedAckAt != Never && increase >= SendMss)))
                    {
                        AckNow = true;
                        _layer.RequestPoll();
                    }
                }

                return SocketError.Success;
            }

            if (Rx.Readable > 0)
            {
                return SocketError.Success; // count == 0
            }

            if (Error != SocketError.Success)
            {
                return Error;
            }

            if (FinReceived || ReceiveShutdown)
            {
                return SocketError.Success; // End of stream: 0 bytes.
            }

            switch (State)
            {
                case TcpState.SynSent:
                case TcpState.SynReceived:
                case TcpState.Established:
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                    return SocketError.WouldBlock;
                case TcpState.Closed:
                    return SocketError.NotConnected;
                default:
                    return SocketError.Success;
            }
        }

        internal SocketError UserShutdown(TcpShutdown how, long nowMs)
        {
            if (State == TcpState.Closed || State == TcpState.Listen || State == TcpState.SynSent || State == TcpState.SynReceived)
            {
                return SocketError.NotConnected;
            }

            if (how == TcpShutdown.Receive || how == TcpShutdown.Both)
            {
                ReceiveShutdown = true;
                Rx.Clear();
                if (PendingWindowIncrease() >= WindowUpdateThreshold())
                {
                    AckNow = true;
                }
            }

            if (how == TcpShutdown.Send || how == TcpShutdown.Both)
            {
                CloseSendSide();
            }

            Touch();
            Output(nowMs);
            return SocketError.Success;
        }

        /// <summary>FIN after the queued data (RFC 9293 §3.10.4 CLOSE).</summary>
        private void CloseSendSide()
        {
            if (State == TcpState.Established)
            {
                FinQueued = true;
                State = TcpState.FinWait1;
            }
            else if (State == TcpState.CloseWait)
            {
                FinQueued = true;
                State = TcpState.LastAck;
            }
        }

        /// <summary>
        /// close(): graceful unless linger is on with 0 s or unread data remains (then RST, as
        /// RFC 2525 §2.17 and Linux do). Returns true when the block must be freed now.
        /// </summary>
        internal bool UserClose(long nowMs)
        {
            switch (State)
            {
                case TcpState.Closed:
                case TcpState.SynSent:
                case TcpState.TimeWait:
                    return true;
            }

            if ((LingerEnabled && LingerMs == 0) || Rx.Readable > 0 || State == TcpState.SynReceived)
            {
                UserAbort(nowMs);
                return true;
            }

            CloseSendSide();
            Owner = TcpOwner.Orphan;
            OrphanDeadline = nowMs + (LingerEnabled ? LingerMs : _config.DefaultLingerMs);
            Output(nowMs);
            return false;
        }

        /// <summary>ABORT (RFC 9293 §3.10.5): RST in synchronized states; the caller frees the block.</summary>
        internal void UserAbort(long nowMs)
        {
            switch (State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                case TcpState.CloseWait:
                    SendReset(nowMs);
                    _counters.ConnectionsAborted++;
                    break;
            }
        }

        internal int StatusBits()
        {
            int status = 0;
            if (State == TcpState.Listen)
            {
                return Queue.AcceptCount > 0 ? TcpStatus.Readable : 0;
            }

            bool failed = Error != SocketError.Success;
            if (Rx.Readable > 0 || FinReceived || ReceiveShutdown || failed)
            {
                status |= TcpStatus.Readable;
            }

            if (failed)
            {
                status |= TcpStatus.Error | TcpStatus.Writable;
            }
            else if ((State == TcpState.Established || State == TcpState.CloseWait) && !FinQueued && Tx.Free > 0)
            {
                status |= TcpStatus.Writable;
            }

            if (FinReceived)
            {
                status |= TcpStatus.RemoteClosed;
            }

            return status;
        }
    }
}
