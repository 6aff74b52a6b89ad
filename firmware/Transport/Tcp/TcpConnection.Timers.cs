using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// The timers of one connection, as deadlines compared with nowMs on each Poll:
    /// retransmission (RFC 6298), persist (RFC 9293 §3.8.6.1), delayed ACK (RFC 1122
    /// §4.2.3.2), keep-alive (RFC 1122 §4.2.3.6) and the orphan/linger deadline.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Fires what is due, then sends what is ready.</summary>
        internal void OnTimers(long nowMs)
        {
            if (State == TcpState.SynSent)
            {
                // ARP gave up on the next hop, or the route went away: connect fails with it.
                IpSendResult route = _layer.Ip.RouteStatus(RemoteAddress, nowMs);
                if (route == IpSendResult.HostUnreachable)
                {
                    Fail(SocketError.HostUnreachable);
                    return;
                }

                if (route == IpSendResult.NetworkUnreachable)
                {
                    Fail(SocketError.NetworkUnreachable);
                    return;
                }
            }

            if (OrphanDeadline <= nowMs)
            {
                OrphanExpired(nowMs);
                return;
            }

            if (RetransmitAt <= nowMs)
            {
                RetransmitTimeout(nowMs);
                if (State == TcpState.Closed)
                {
                    return;
                }
            }

            if (PersistAt <= nowMs)
            {
                PersistTimeout(nowMs);
                if (State == TcpState.Closed)
                {
                    return;
                }
            }

            if (DelayedAckAt <= nowMs)
            {
                DelayedAckAt = Never;
                AckNow = true;
                _counters.DelayedAcks++;
            }

            long keepAliveAt = KeepAliveDeadline();
            if (keepAliveAt <= nowMs)
            {
                if (KeepAliveSent >= _config.KeepAliveProbes)
                {
                    // Dead peer (RFC 1122 §4.2.3.6): reset as Linux does, report a timeout.
                    _counters.ConnectionsTimedOut++;
                    SendReset(nowMs);
                    Fail(SocketError.TimedOut);
                    return;
                }

                // <SEQ=SND.UNA−1>, no data: the peer must answer with an ACK.
                KeepAliveSent++;
                _counters.KeepAliveProbes++;
                Emit(unchecked(SndUna - 1), RcvNxt, TcpFlags.Ack, AdvertiseWindow(), 0, 0, 0, nowMs);
                AckSent();
            }

            Output(nowMs);
        }

        /// <summary>The earliest deadline of this block, or Never.</summary>
        internal long NextDeadline()
        {
            long next = RetransmitAt;
            if (PersistAt < next)
            {
                next = PersistAt;
            }

            if (DelayedAckAt < next)
            {
                next = DelayedAckAt;
            }

            if (OrphanDeadline < next)
            {
                next = OrphanDeadline;
            }

            long keepAliveAt = KeepAliveDeadline();
            return keepAliveAt < next ? keepAliveAt : next;
        }

        /// <summary>When the next keep-alive probe (or the verdict after the last one) is due.</summary>
        private long KeepAliveDeadline()
        {
            if (!KeepAlive || (State != TcpState.Established && State != TcpState.CloseWait) || SndUna != SndMax || Tx.Count != 0)
            {
                return Never;
            }

            return LastReceivedAt + _config.KeepAliveIdleMs + (long)KeepAliveSent * _config.KeepAliveIntervalMs;
        }

        private void RetransmitTimeout(long nowMs)
        {
            if (State == TcpState.SynSent || State == TcpState.SynReceived)
            {
                Retries++;
                int limit = State == TcpState.SynSent ? _config.SynRetries : _config.SynAckRetries;
                if (Retries > limit)
                {
                    _counters.ConnectionsTimedOut++;
                    Fail(SoftError != SocketError.Success ? SoftError : SocketError.TimedOut);
                    return;
                }

                _counters.RetransmitTimeouts++;
                _counters.Retransmits++;
                Rtt.Backoff();
                SynRetransmitted = true;
                RttTiming = false;
                RetransmitAt = nowMs + Rtt.Rto;
                if (State == TcpState.SynSent)
                {
                    SendSyn(nowMs);
                }
                else
                {
                    SendSynAck(nowMs);
                }

                return;
            }

            if (SndUna == SndMax)
            {
                RetransmitAt = Never;
                return;
            }

            if (SndWnd == 0 && TcpSeq.Lt(SndUna, DataEnd))
            {
                // The peer's window is closed: what is outstanding cannot be taken anyway. Probe
                // it with the persist timer instead of counting retransmissions (as Linux does).
                RetransmitAt = Never;
                SndNxt = SndUna;
                RttTiming = false;
                if (PersistAt == Never)
                {
                    PersistIntervalMs = Rtt.Rto;
                    PersistAt = nowMs + PersistIntervalMs;
                }

                return;
            }

            Retries++;
            _counters.RetransmitTimeouts++;
            if (Retries > _config.DataRetries)
            {
                _counters.ConnectionsTimedOut++;
                Fail(SoftError != SocketError.Success ? SoftError : SocketError.TimedOut);
                return;
            }

            // RFC 6298 §5.4-5.6 and RFC 5681 §3.1: back off, retransmit the earliest
            // unacknowledged segment (whatever Nagle or SWS avoidance would say: it was sent
            // before), then go on from there as the congestion window of one segment allows.
            Cc.OnRetransmitTimeout(SndMax, TcpSeq.Diff(SndMax, SndUna), SendMss);
            Rtt.Backoff();
            SndNxt = SndUna;
            RttTiming = false;
            RetransmitAt = nowMs + Rtt.Rto;
            uint dataEnd = DataEnd;
            int len = TcpSeq.Diff(dataEnd, SndUna);
            int sentBefore = TcpSeq.Diff(SndMax, SndUna);
            if (len > sentBefore)
            {
                len = sentBefore;
            }

            if (len > SendMss)
            {
                len = SendMss;
            }

            bool fin = FinSent && unchecked(SndUna + (uint)len) == dataEnd;
            if (len > 0 || fin)
            {
                _counters.Retransmits++;
                NoteRetransmission(nowMs);
                EmitData(SndUna, TcpFlags.Ack | (fin ? TcpFlags.Fin : 0), len, nowMs);
                SndNxt = unchecked(SndUna + (uint)len + (fin ? 1u : 0u));
            }

            Output(nowMs);
        }

        private void PersistTimeout(long nowMs)
        {
            PersistAt = Never;
            uint dataEnd = DataEnd;
            if (SndNxt != SndUna || !TcpSeq.Lt(SndNxt, dataEnd))
            {
                return;
            }

            PersistUnanswered++;
            if (PersistUnanswered > _config.DataRetries)
            {
                _counters.ConnectionsTimedOut++;
                Fail(SoftError != SocketError.Success ? SoftError : SocketError.TimedOut);
                return;
            }

            if (SndWnd == 0)
            {
                // Zero-window probe: one byte beyond the window (RFC 9293 §3.8.6.1).
                _counters.PersistProbes++;
                RttTiming = false;
                EmitData(SndNxt, TcpFlags.Ack, 1, nowMs);
                if (TcpSeq.Gt(unchecked(SndNxt + 1), SndMax))
                {
                    SndMax = unchecked(SndNxt + 1);
                }

                int doubled = PersistIntervalMs * 2;
                PersistIntervalMs = doubled > _config.MaxRtoMs || doubled <= 0 ? _config.MaxRtoMs : doubled;
                PersistAt = nowMs + PersistIntervalMs;
                return;
            }

            // The window is open but too small for the SWS rules: send what fits anyway
            // (RFC 1122 §4.2.3.4 override timeout).
            int available = TcpSeq.Diff(dataEnd, SndNxt);
            int len = SndWnd < Cc.Cwnd ? SndWnd : Cc.Cwnd;
            if (len > available)
            {
                len = available;
            }

            if (len > SendMss)
            {
                len = SendMss;
            }

            if (len <= 0)
            {
                len = 1;
            }

            bool retransmission = TcpSeq.Lt(SndNxt, SndMax);
            int flags = TcpFlags.Ack;
            if (unchecked(SndNxt + (uint)len) == dataEnd)
            {
                flags |= TcpFlags.Psh;
            }

            EmitData(SndNxt, flags, len, nowMs);
            if (retransmission)
            {
                RttTiming = false;
            }

            PersistUnanswered = 0;
            SndNxt = unchecked(SndNxt + (uint)len);
            if (TcpSeq.Gt(SndNxt, SndMax))
            {
                SndMax = SndNxt;
            }

            RetransmitAt = nowMs + Rtt.Rto;
        }

        private void OrphanExpired(long nowMs)
        {
            OrphanDeadline = Never;
            if (State != TcpState.FinWait2)
            {
                // Linger time is up with data or FIN still unacknowledged: abort.
                if (State == TcpState.Established || State == TcpState.FinWait1 || State == TcpState.CloseWait || State == TcpState.Closing || State == TcpState.LastAck || State == TcpState.SynReceived)
                {
                    SendReset(nowMs);
                }

                _counters.ConnectionsAborted++;
            }

            // FIN-WAIT-2 of an orphan ends quietly (Linux tcp_fin_timeout).
            Fail(SocketError.Success);
        }
    }
}
