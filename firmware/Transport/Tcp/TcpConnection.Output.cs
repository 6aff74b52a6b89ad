using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>Cutting segments from the send ring: window, congestion window, Nagle, sender SWS avoidance, ACKs.</summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>Sends whatever the state, the windows and the rules allow now, then an ACK if one is still owed.</summary>
        internal void Output(long nowMs)
        {
            switch (State)
            {
                case TcpState.Closed:
                case TcpState.Listen:
                case TcpState.TimeWait:
                    AckNow = false;
                    return;
                case TcpState.SynSent:
                    return; // The SYN goes out from Connect and the retransmission timer.
                case TcpState.SynReceived:
                    if (AckNow)
                    {
                        SendSynAck(nowMs);
                    }

                    return;
            }

            bool sentAny = false;
            int mss = SendMss > 0 ? SendMss : 536;
            int guard = Tx.Capacity / mss + 4;
            while (guard-- > 0 && State != TcpState.Closed)
            {
                uint dataEnd = DataEnd;
                int available = TcpSeq.Diff(dataEnd, SndNxt);
                if (available < 0)
                {
                    available = 0;
                }

                int flight = TcpSeq.Diff(SndNxt, SndUna);
                int cwnd = Cc.Cwnd;
                if (SndNxt == SndMax)
                {
                    cwnd += Cc.LimitedTransmitAllowance(mss); // New data only (RFC 3042 §2).
                }

                int wnd = SndWnd < cwnd ? SndWnd : cwnd;
                int usable = wnd - flight;
                if (usable < 0)
                {
                    usable = 0;
                }

                int len = available < usable ? available : usable;
                if (len > mss)
                {
                    len = mss;
                }

                // FIN goes with (or after) the last byte; it needs no window.
                bool fin = FinQueued && !FinAcked && TcpSeq.Le(SndNxt, dataEnd) && unchecked(SndNxt + (uint)len) == dataEnd;
                if (len == 0 && !fin)
                {
                    break;
                }

                if (len > 0 && !ShouldSend(len, available, flight))
                {
                    break;
                }

                int flags = TcpFlags.Ack;
                if (len > 0 && unchecked(SndNxt + (uint)len) == dataEnd)
                {
                    flags |= TcpFlags.Psh;
                }

                if (fin)
                {
                    flags |= TcpFlags.Fin;
                }

                bool retransmission = TcpSeq.Lt(SndNxt, SndMax);
                EmitData(SndNxt, flags, len, nowMs);
                if (retransmission)
                {
                    _counters.Retransmits++;
                    NoteRetransmission(nowMs);
                    RttTiming = false; // Karn.
                }
                else if (!RttTiming && len > 0)
                {
                    RttTiming = true;
                    RttSeq = unchecked(SndNxt + (uint)len);
                    RttStart = nowMs;
                }

                SndNxt = unchecked(SndNxt + (uint)len + (fin ? 1u : 0u));
                if (TcpSeq.Gt(SndNxt, SndMax))
                {
                    SndMax = SndNxt;
                }

                if (flight + len > Cc.Cwnd)
                {
                    Cc.NoteLimitedTransmit(flight + len - Cc.Cwnd);
                }

                if (fin)
                {
                    FinSent = true;
                }

                if (RetransmitAt == Never)
                {
                    RetransmitAt = nowMs + Rtt.Rto; // RFC 6298 §5.1
                }

                sentAny = true;
                if (fin)
                {
                    break;
                }
            }

            if (AckNow && !sentAny && State != TcpState.Closed)
            {
                // A pure ACK carries SND.MAX, as BSD does: after a timeout SND.NXT is back at
                // SND.UNA, below the peer's RCV.NXT, and the peer would drop the ACK as an old
                // segment (RFC 9293 §3.10.7.4); two sides retransmitting at once would then
                // never see each other's acknowledgments.
                EmitData(SndMax, TcpFlags.Ack, 0, nowMs);
            }

            // Persist timer: data waits, nothing is in flight to bring an ACK back, and
            // nothing could be sent (zero window, or a window too small to be worth it).
            if (State != TcpState.Closed && !sentAny && SndNxt == SndUna && TcpSeq.Lt(SndNxt, DataEnd) && RetransmitAt == Never)
            {
                if (PersistAt == Never)
                {
                    PersistIntervalMs = Rtt.Rto;
                    PersistAt = nowMs + PersistIntervalMs;
                }
            }
        }

        /// <summary>
        /// RFC 1122 §4.2.3.4 with Nagle (RFC 896): a full segment; or all that is queued when
        /// nothing is unacknowledged (always with NoDelay, or when FIN follows); or, with
        /// nothing in flight, at least half the largest window the peer offered.
        /// </summary>
        private bool ShouldSend(int len, int available, int flight)
        {
            if (len >= SendMss)
            {
                return true;
            }

            if (len == available && (NoDelay || flight == 0 || FinQueued))
            {
                return true;
            }

            return flight == 0 && MaxSndWnd > 0 && len >= MaxSndWnd / 2;
        }

        /// <summary>
        /// Sends the first unacknowledged segment again without moving SND.NXT: fast retransmit
        /// (RFC 5681 §3.2) or a NewReno partial ACK.
        /// </summary>
        private void RetransmitHead(long nowMs, bool fast)
        {
            uint dataEnd = DataEnd;
            int len = TcpSeq.Diff(dataEnd, SndUna);
            if (len > SendMss)
            {
                len = SendMss;
            }

            if (len < 0)
            {
                len = 0;
            }

            int flags = TcpFlags.Ack;
            if (FinSent && unchecked(SndUna + (uint)len) == dataEnd)
            {
                flags |= TcpFlags.Fin;
            }

            if (len == 0 && (flags & TcpFlags.Fin) == 0)
            {
                return;
            }

            if (fast)
            {
                _counters.FastRetransmits++;
            }
            else
            {
                _counters.Retransmits++;
                RetransmitAt = nowMs + Rtt.Rto;
            }

            RttTiming = false;
            NoteRetransmission(nowMs);
            EmitData(SndUna, flags, len, nowMs);
        }

        /// <summary>One segment from the ring at seq (len bytes), carrying the current ACK and window.</summary>
        private void EmitData(uint seq, int flags, int len, long nowMs)
        {
            int window = AdvertiseWindow();
            int ringOffset = TcpSeq.Diff(seq, SndUna);
            IpSendResult r = Emit(seq, RcvNxt, flags, window, 0, ringOffset, len, nowMs);
            AckSent();
            NoteSendResult(r);
        }

        /// <summary>Any segment with ACK settles what we owed.</summary>
        private void AckSent()
        {
            LastAckSent = RcvNxt;
            AckNow = false;
            AckPendingSegments = 0;
            DelayedAckAt = Never;
        }

        /// <summary>SYN (SYN-SENT) with our MSS option, the timestamps offer and the initial window.</summary>
        internal void SendSyn(long nowMs)
        {
            IpSendResult r = Emit(Iss, 0, TcpFlags.Syn, PotentialWindow(), OwnMss(), 0, 0, nowMs);
            NoteSendResult(r);
        }

        /// <summary>SYN-ACK for a simultaneous open (SYN-RECEIVED held in this block).</summary>
        private void SendSynAck(long nowMs)
        {
            IpSendResult r = Emit(Iss, RcvNxt, TcpFlags.Syn | TcpFlags.Ack, AdvertiseWindow(), OwnMss(), 0, 0, nowMs);
            AckSent();
            NoteSendResult(r);
        }

        /// <summary>
        /// The IPv4 layer's verdict: while connecting, unreachable is final (connect fails with
        /// it); later it is a soft error reported only if the connection then times out
        /// (RFC 1122 §4.2.3.9). Pending, LinkDown and NoBuffer count as a lost segment.
        /// </summary>
        private void NoteSendResult(IpSendResult r)
        {
            SocketError e;
            if (r == IpSendResult.HostUnreachable)
            {
                e = SocketError.HostUnreachable;
            }
            else if (r == IpSendResult.NetworkUnreachable)
            {
                e = SocketError.NetworkUnreachable;
            }
            else
            {
                return;
            }

            if (State == TcpState.SynSent)
            {
                Fail(e);
            }
            else
            {
                SoftError = e;
            }
        }
    }
}
