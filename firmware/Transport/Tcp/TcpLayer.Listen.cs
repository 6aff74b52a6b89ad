namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Passive open: SYNs to a listener, its SYN queue of compact SYN-RECEIVED entries, and
    /// the move of a completed handshake into the accept queue.
    ///
    /// Overload behaviour, as Linux with tcp_abort_on_overflow = 0 (the default):
    /// - SYN queue full: the SYN is dropped without a RST, so the client retries it after its
    ///   own RTO instead of failing (a RST would read as "connection refused"), unless an entry
    ///   has gone unanswered for a whole RTO: that one is recycled for the new SYN (a spoofed
    ///   SYN flood then cannot lock the listener for the 63 s of SYN-ACK back-off).
    /// - Accept queue full, or no free control block: new SYNs are dropped the same way, and a
    ///   handshake's final ACK is dropped silently while its entry stays in SYN-RECEIVED. The
    ///   entry's SYN-ACK retransmissions make the client repeat its ACK; any later ACK (or
    ///   data) from the client completes the handshake once the application has accepted and
    ///   made room. If room never comes the entry expires after SynAckRetries.
    /// </summary>
    public sealed partial class TcpLayer
    {
        private TcpConnection FindListener(uint local, int port)
        {
            TcpConnection wildcard = null;
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c.Owner == TcpOwner.Free || c.State != TcpState.Listen || c.LocalPort != port)
                {
                    continue;
                }

                if (c.LocalAddress == local)
                {
                    return c; // A specific address wins over the wildcard.
                }

                if (c.LocalAddress == 0)
                {
                    wildcard = c;
                }
            }

            return wildcard;
        }

        private static SynEntry FindSynAnyLocal(TcpConnection listener, uint remote, int localPort, int remotePort)
        {
            ListenQueue q = listener.Queue;
            if (q.SynCount == 0)
            {
                return null;
            }

            for (int i = 0; i < q.SynCapacity; i++)
            {
                SynEntry e = q.SynAt(i);
                if (e.Used && e.RemoteAddress == remote && e.RemotePort == remotePort && e.LocalPort == localPort)
                {
                    return e;
                }
            }

            return null;
        }

        /// <summary>LISTEN (RFC 9293 §3.10.7.2), or a segment for one of the listener's SYN entries.</summary>
        private void ListenInput(TcpConnection listener, TcpSegment s, long nowMs)
        {
            SynEntry e = listener.Queue.FindSyn(s.Destination, s.Source, s.DestinationPort, s.SourcePort);
            if (e != null)
            {
                SynEntryInput(listener, e, s, nowMs);
                return;
            }

            if (s.Rst)
            {
                return;
            }

            if (s.AckFlag)
            {
                Counters.NoSocket++;
                _emitter.SendResetFor(s, nowMs); // <SEQ=SEG.ACK><CTL=RST>
                return;
            }

            if (!s.Syn)
            {
                return;
            }

            if (listener.Queue.AcceptFull || !HasFreeConnection())
            {
                Counters.AcceptQueueFullSynDrops++;
                return;
            }

            SynEntry n = listener.Queue.AddSyn();
            if (n == null)
            {
                n = listener.Queue.RecycleStale();
                if (n == null)
                {
                    Counters.SynQueueFullDrops++;
                    return;
                }

                Counters.SynQueueEvictions++;
            }

            // Data on the SYN is not kept (allowed by RFC 9293 §3.10.7.2): it is not
            // acknowledged, so the client sends it again once established.
            n.LocalAddress = s.Destination;
            n.RemoteAddress = s.Source;
            n.LocalPort = s.DestinationPort;
            n.RemotePort = s.SourcePort;
            n.Irs = s.Seq;
            n.Iss = _isn.Next(s.Destination, s.DestinationPort, s.Source, s.SourcePort, nowMs);
            n.PeerMss = s.Mss;
            n.PeerWindow = s.Window;
            n.TsOk = _config.TcpTimestamps && s.HasTimestamp;
            n.TsRecent = s.TsVal;
            n.Retries = 0;
            n.RtoMs = _config.InitialRtoMs;
            n.FirstSentAt = nowMs;
            n.CreatedAt = nowMs;
            n.AckSeen = false;
            n.RetransmitAt = nowMs + n.RtoMs;
            SendSynAck(n, nowMs);
        }

        private void SynEntryInput(TcpConnection listener, SynEntry e, TcpSegment s, long nowMs)
        {
            uint rcvNxt = unchecked(e.Irs + 1);
            if (s.Rst)
            {
                if (s.Seq == rcvNxt)
                {
                    Counters.ResetsReceived++;
                    listener.Queue.RemoveSyn(e);
                }

                return;
            }

            if (s.Syn)
            {
                if (!s.AckFlag && s.Seq == e.Irs)
                {
                    // The client did not get our SYN-ACK: answer its retransmitted SYN.
                    Counters.SynAckRetransmits++;
                    SendSynAck(e, nowMs);
                }

                return;
            }

            if (!s.AckFlag)
            {
                return;
            }

            if (s.Ack != unchecked(e.Iss + 1))
            {
                _emitter.SendResetFor(s, nowMs); // Unacceptable ACK in SYN-RECEIVED.
                return;
            }

            int window = SynAckWindow();
            if (!TcpSeq.Le(rcvNxt, s.Seq) || !TcpSeq.Le(s.Seq, unchecked(rcvNxt + (uint)window)))
            {
                return;
            }

            if (listener.Queue.AcceptFull)
            {
                Counters.AcceptQueueOverflows++;
                e.AckSeen = true;
                return;
            }

            TcpConnection c = AllocateConnection();
            if (c == null)
            {
                Counters.AcceptQueueOverflows++;
                e.AckSeen = true;
                return;
            }

            c.Owner = TcpOwner.Queued;
            c.Parent = listener;
            c.InitPassive(e, listener, nowMs);
            listener.Queue.RemoveSyn(e);
            listener.Queue.EnqueueAccept(c);
            Counters.PassiveOpens++;
            c.Input(s, nowMs); // ESTABLISHED, and any data or FIN the segment carries.
        }

        /// <summary>SYN-ACK retransmission with back-off; entries expire after SynAckRetries.</summary>
        private long PollSynQueue(TcpConnection listener, long nowMs)
        {
            long next = long.MaxValue;
            ListenQueue q = listener.Queue;
            if (q.SynCount == 0)
            {
                return next;
            }

            for (int i = 0; i < q.SynCapacity; i++)
            {
                SynEntry e = q.SynAt(i);
                if (!e.Used)
                {
                    continue;
                }

                if (e.RetransmitAt <= nowMs)
                {
                    if (e.Retries >= _config.SynAckRetries)
                    {
                        Counters.SynQueueTimeouts++;
                        q.RemoveSyn(e);
                        continue;
                    }

                    e.Retries++;
                    int doubled = e.RtoMs * 2;
                    e.RtoMs = doubled > _config.MaxRtoMs || doubled <= 0 ? _config.MaxRtoMs : doubled;
                    e.RetransmitAt = nowMs + e.RtoMs;
                    Counters.SynAckRetransmits++;
                    Counters.Retransmits++;
                    SendSynAck(e, nowMs);
                }

                if (e.RetransmitAt < next)
                {
                    next = e.RetransmitAt;
                }
            }

            return next;
        }

        private int SynAckWindow()
        {
            int w = _config.TcpReceiveBufferSize;
            return w > 0xFFFF ? 0xFFFF : w;
        }

        private void SendSynAck(SynEntry e, long nowMs)
        {
            _emitter.Send(e.LocalAddress, e.RemoteAddress, e.LocalPort, e.RemotePort, e.Iss, unchecked(e.Irs + 1), TcpFlags.Syn | TcpFlags.Ack,
                SynAckWindow(), _emitter.LinkMss(_config.Mss), e.TsOk, TcpConnection.TsClock(nowMs, e.Iss), e.TsRecent, null, 0, 0, nowMs);
        }
    }
}
