using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>SEGMENT ARRIVES (RFC 9293 §3.10.7.3 and §3.10.7.4, with RFC 5961).</summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>A segment for this block's 4-tuple; the state is SYN-SENT or synchronized (not LISTEN, not TIME-WAIT).</summary>
        internal void Input(TcpSegment s, long nowMs)
        {
            if (State == TcpState.SynSent)
            {
                InputSynSent(s, nowMs);
                return;
            }

            uint seq = s.Seq;
            int dataOffset = s.DataOffset;
            int dataLength = s.DataLength;
            bool syn = s.Syn;
            bool fin = s.Fin;
            int window = ReceiveWindow();

            if (PawsRejects(s, nowMs))
            {
                // An old duplicate by its timestamp, whatever its sequence number: ACK and drop.
                _counters.PawsRejected++;
                AckNow = true;
                Output(nowMs);
                return;
            }

            // RST first (RFC 5961 §3.2): exactly RCV.NXT resets, elsewhere in the window
            // earns a challenge ACK, outside the window it is ignored.
            if (s.Rst)
            {
                if (seq == RcvNxt)
                {
                    ResetReceived();
                }
                else if (window > 0 && TcpSeq.InRange(seq, RcvNxt, unchecked(RcvNxt + (uint)window)))
                {
                    ChallengeAck(nowMs);
                }
                else
                {
                    _counters.OutOfWindow++;
                }

                return;
            }

            if (syn)
            {
                // After a simultaneous open the peer's SYN-ACK repeats its SYN and acknowledges
                // ours: it completes the handshake (RFC 9293 §3.5 figure 7; Linux accepts it so).
                if (State == TcpState.SynReceived && s.AckFlag && unchecked(seq + 1) == RcvNxt && s.Ack == SndMax)
                {
                    syn = false;
                    seq = RcvNxt;
                    AckNow = true; // It repeats a sequence number we have: acknowledge.
                }
                else
                {
                    // A SYN in a synchronized state, whatever its sequence number (RFC 5961 §4.2).
                    ChallengeAck(nowMs);
                    return;
                }
            }

            // First check: is the segment acceptable (RFC 9293 §3.10.7.4 table)?
            int segLen = dataLength + (fin ? 1 : 0);
            bool acceptable;
            uint windowEnd = unchecked(RcvNxt + (uint)window);
            if (segLen == 0)
            {
                acceptable = window == 0 ? seq == RcvNxt : TcpSeq.InRange(seq, RcvNxt, windowEnd);
            }
            else
            {
                acceptable = window > 0 && (TcpSeq.InRange(seq, RcvNxt, windowEnd) || TcpSeq.InRange(unchecked(seq + (uint)segLen - 1), RcvNxt, windowEnd));
            }

            if (!acceptable && window == 0 && seq == RcvNxt)
            {
                // Zero window: the data cannot be taken, but ACK fields must still be
                // processed (RFC 9293 §3.10.7.4); the reply ACK answers a window probe.
                dataLength = 0;
                fin = false;
                AckNow = true;
                acceptable = true;
            }

            if (!acceptable)
            {
                if (segLen > 0 && TcpSeq.Le(unchecked(seq + (uint)segLen), RcvNxt))
                {
                    _counters.DuplicateSegments++;
                }
                else
                {
                    _counters.OutOfWindow++;
                }

                AckNow = true;
                Output(nowMs);
                return;
            }

            LastReceivedAt = nowMs;
            KeepAliveSent = 0;
            UpdateTsRecent(s, nowMs);

            // Trim what we already have off the front...
            if (TcpSeq.Lt(seq, RcvNxt))
            {
                int old = TcpSeq.Diff(RcvNxt, seq);
                if (old >= dataLength)
                {
                    fin = fin && old == dataLength;
                    dataOffset += dataLength;
                    dataLength = 0;
                }
                else
                {
                    dataOffset += old;
                    dataLength -= old;
                }

                seq = RcvNxt;
                _counters.DuplicateSegments++;
                AckNow = true; // Duplicate data: ACK at once (RFC 5681 §4.2).
            }

            // ... and what lies beyond the window (or beyond the buffer) off the back.
            int offset = TcpSeq.Diff(seq, RcvNxt);
            int room = (window < Rx.Free ? window : Rx.Free) - offset;
            if (room < 0)
            {
                room = 0;
            }

            if (dataLength > room)
            {
                dataLength = room;
                fin = false;
                AckNow = true; // The peer overran the window: tell it at once where we are.
            }

            // Fifth check: the ACK field.
            if (!s.AckFlag)
            {
                return;
            }

            if (State == TcpState.SynReceived)
            {
                if (TcpSeq.Lt(SndUna, s.Ack) && TcpSeq.Le(s.Ack, SndMax))
                {
                    EstablishFromSynReceived(s, nowMs);
                }
                else
                {
                    _emitter.SendResetFor(s, nowMs);
                    return;
                }
            }
            else
            {
                if (TcpSeq.Gt(s.Ack, SndMax))
                {
                    // Acknowledges something never sent: ACK and drop (RFC 9293; RFC 5961 §5.2 rate limit).
                    ChallengeAck(nowMs);
                    return;
                }

                if (TcpSeq.Lt(s.Ack, unchecked(SndUna - (uint)MaxSndWnd)))
                {
                    // Older than anything the peer could legitimately acknowledge (RFC 5961 §5.2).
                    ChallengeAck(nowMs);
                    return;
                }

                if (ProcessAck(s, nowMs))
                {
                    return; // Closed or moved to TIME-WAIT.
                }
            }

            // Seventh: segment text.
            if (dataLength > 0)
            {
                if (State == TcpState.Established || State == TcpState.FinWait1 || State == TcpState.FinWait2)
                {
                    if (Owner == TcpOwner.Orphan)
                    {
                        // Nobody will ever read it: reset, as Linux does (RFC 2525 §2.17 spirit).
                        SendReset(nowMs);
                        _counters.ConnectionsAborted++;
                        Fail(SocketError.ConnectionAborted);
                        return;
                    }

                    if (ReceiveShutdown)
                    {
                        // shutdown(SHUT_RD): acknowledge and discard.
                        if (seq == RcvNxt)
                        {
                            RcvNxt = unchecked(RcvNxt + (uint)dataLength);
                            RcvAdvEdge = unchecked(RcvNxt + (uint)PotentialWindow());
                        }

                        AckNow = true;
                    }
                    else
                    {
                        StoreData(seq, s.Buffer, dataOffset, dataLength, nowMs);
                    }
                }
            }

            // Eighth: FIN, processed only when everything before it has arrived.
            if (fin && (State == TcpState.SynReceived || State == TcpState.Established || State == TcpState.FinWait1 || State == TcpState.FinWait2))
            {
                uint finSeq = unchecked(seq + (uint)dataLength);
                if (finSeq != RcvNxt)
                {
                    RemoteFinPending = true;
                    RemoteFinSeq = finSeq;
                    AckNow = true;
                }
            }

            if (!FinReceived && (fin || RemoteFinPending))
            {
                uint finAt = fin ? unchecked(seq + (uint)dataLength) : RemoteFinSeq;
                if (finAt == RcvNxt && (State == TcpState.SynReceived || State == TcpState.Established || State == TcpState.FinWait1 || State == TcpState.FinWait2))
                {
                    if (ProcessFin(nowMs))
                    {
                        return;
                    }
                }
            }

            Output(nowMs);
        }

        private void InputSynSent(TcpSegment s, long nowMs)
        {
            if (s.AckFlag && (TcpSeq.Le(s.Ack, Iss) || TcpSeq.Gt(s.Ack, SndMax)))
            {
                _emitter.SendResetFor(s, nowMs); // Unacceptable ACK (never answers a RST).
                return;
            }

            if (s.Rst)
            {
                // Acceptable only with an ACK of our SYN (RFC 9293; RFC 5961 §3.2 for SYN-SENT).
                if (s.AckFlag)
                {
                    _counters.ResetsReceived++;
                    Fail(SocketError.ConnectionRefused);
                }

                return;
            }

            if (!s.Syn)
            {
                return;
            }

            Irs = s.Seq;
            RcvNxt = unchecked(Irs + 1);
            RcvAdvEdge = unchecked(RcvNxt + (uint)PotentialWindow());
            NegotiateTimestamps(s, nowMs);
            SetPeerMss(s.Mss);
            LastReceivedAt = nowMs;

            if (s.AckFlag)
            {
                SndUna = s.Ack;
                if (TcpSeq.Lt(SndNxt, SndUna))
                {
                    SndNxt = SndUna;
                }

                State = TcpState.Established;
                SndWnd = s.Window;
                MaxSndWnd = s.Window;
                SndWl1 = s.Seq;
                SndWl2 = s.Ack;
                FinishHandshakeTimers(s, nowMs);
                _counters.ActiveOpens++;
                AckNow = true; // Data or FIN on the SYN-ACK is not taken: the peer sends it again.
                Touch();
                Output(nowMs);
                return;
            }

            // Simultaneous open (RFC 9293 §3.5 figure 7): SYN-RECEIVED, answer SYN-ACK.
            State = TcpState.SynReceived;
            SndWnd = s.Window;
            MaxSndWnd = s.Window;
            SndWl1 = s.Seq;
            SndWl2 = SndUna;
            RttTiming = false; // Which of our SYNs will be acknowledged is ambiguous.
            AckNow = true;
            Touch();
            Output(nowMs);
        }

        /// <summary>The handshake's ACK arrived in SYN-RECEIVED: ESTABLISHED, with variables from the segment.</summary>
        private void EstablishFromSynReceived(TcpSegment s, long nowMs)
        {
            SndUna = s.Ack;
            if (TcpSeq.Lt(SndNxt, SndUna))
            {
                SndNxt = SndUna;
            }

            State = TcpState.Established;
            SndWnd = s.Window;
            if (SndWnd > MaxSndWnd)
            {
                MaxSndWnd = SndWnd;
            }

            SndWl1 = s.Seq;
            SndWl2 = s.Ack;
            FinishHandshakeTimers(s, nowMs);
            if (Parent == null)
            {
                _counters.ActiveOpens++; // Simultaneous open.
            }

            Touch();
            if (Parent != null)
            {
                Parent.Touch();
            }
        }

        /// <summary>
        /// RTT sample from the SYN exchange: by its timestamp echo, else only if it was not
        /// retransmitted (Karn); IW and RTO per RFC 5681 §3.1, RFC 6298 §5.7.
        /// </summary>
        private void FinishHandshakeTimers(TcpSegment s, long nowMs)
        {
            int rtt;
            if (TimestampRtt(s, nowMs, out rtt))
            {
                Rtt.Sample(rtt);
            }
            else if (RttTiming && !SynRetransmitted)
            {
                Rtt.Sample((int)(nowMs - RttStart));
            }

            RttTiming = false;
            if (SynRetransmitted)
            {
                Rtt.ReinitializeAfterSynLoss();
            }

            Cc.Init(SendMss, SynRetransmitted);
            RetransmitAt = Never;
            Retries = 0;
        }

        /// <summary>
        /// The ACK field in a synchronized state. Returns true when the block closed or moved to
        /// TIME-WAIT and processing must stop.
        /// </summary>
        private bool ProcessAck(TcpSegment s, long nowMs)
        {
            uint ack = s.Ack;
            bool windowUnchanged = s.Window == SndWnd;
            if (TcpSeq.Gt(ack, SndUna))
            {
                int acked = TcpSeq.Diff(ack, SndUna);
                int dataAcked = acked;
                if (FinSent && !FinAcked && TcpSeq.Gt(ack, DataEnd))
                {
                    FinAcked = true;
                    dataAcked--; // The FIN's sequence number carries no byte.
                }

                Tx.Consume(dataAcked);
                SndUna = ack;
                if (TcpSeq.Lt(SndNxt, SndUna))
                {
                    SndNxt = SndUna;
                }

                int rtt;
                if (TimestampRtt(s, nowMs, out rtt))
                {
                    Rtt.Sample(rtt); // RTTM (RFC 7323 §4.1): also after a retransmission, so a back-off ends here.
                    RttTiming = false;
                }
                else if (RttTiming && TcpSeq.Ge(ack, RttSeq))
                {
                    Rtt.Sample((int)(nowMs - RttStart));
                    RttTiming = false;
                }
                else if (TsOk)
                {
                    // The echo was too old to measure (a lost ACK), but the path works again and
                    // later echoes will measure it: no reason to keep the backed-off RTO.
                    Rtt.EndBackoff();
                }

                int flightAfter = TcpSeq.Diff(SndMax, SndUna);
                bool partial = Cc.OnNewAck(ack, acked, flightAfter, SendMss);
                Retries = 0;
                RetransmitAt = SndUna == SndMax ? Never : nowMs + Rtt.Rto; // RFC 6298 §5.2, §5.3
                if (partial)
                {
                    RetransmitHead(nowMs, false); // NewReno partial ACK (RFC 6582 §3.2 step 5).
                }

                Touch();
            }
            else if (ack == SndUna && s.DataLength == 0 && !s.Syn && !s.Fin && windowUnchanged && SndMax != SndUna && SndWnd != 0 && PersistAt == Never)
            {
                // Duplicate ACK per RFC 5681 §2 (not a window update, data outstanding).
                int flight = TcpSeq.Diff(SndMax, SndUna);
                int unsent = TcpSeq.Diff(DataEnd, SndMax);
                bool canSendNew = unsent > 0 && SndWnd - flight >= (unsent < SendMss ? unsent : SendMss);
                if (Cc.OnDuplicateAck(SndUna, SndMax, flight, SendMss, canSendNew))
                {
                    RetransmitHead(nowMs, true);
                }
            }

            // Window update (RFC 9293 §3.10.7.4: only from a newer segment).
            if (TcpSeq.Lt(SndWl1, s.Seq) || (SndWl1 == s.Seq && TcpSeq.Le(SndWl2, ack)))
            {
                if (s.Window > SndWnd)
                {
                    Touch();
                }

                SndWnd = s.Window;
                SndWl1 = s.Seq;
                SndWl2 = ack;
                if (SndWnd > MaxSndWnd)
                {
                    MaxSndWnd = SndWnd;
                }
            }

            PersistUnanswered = 0;
            if (SndWnd > 0 && PersistAt != Never)
            {
                PersistAt = Never; // The window opened: leave persist mode.
            }

            if (FinAcked)
            {
                if (State == TcpState.FinWait1)
                {
                    State = TcpState.FinWait2;
                    Touch();
                }
                else if (State == TcpState.Closing)
                {
                    _layer.EnterTimeWait(this, nowMs);
                    return true;
                }
                else if (State == TcpState.LastAck)
                {
                    Fail(SocketError.Success);
                    return true;
                }
            }

            return false;
        }

        /// <summary>In-window payload at seq (≥ RCV.NXT, already trimmed): in order or into the assembler.</summary>
        private void StoreData(uint seq, byte[] buffer, int offset, int length, long nowMs)
        {
            int at = TcpSeq.Diff(seq, RcvNxt);
            Assembler ooo = Rx.OutOfOrder;
            if (at == 0)
            {
                bool filledHole = ooo.Count > 0;
                Rx.WriteAt(0, buffer, offset, length);
                ooo.Add(0, length);
                int n = ooo.RemoveFront();
                Rx.CommitReadable(n);
                RcvNxt = unchecked(RcvNxt + (uint)n);
                Touch();
                if (filledHole)
                {
                    AckNow = true; // RFC 5681 §4.2: ACK at once when a hole is (partly) filled.
                }
                else
                {
                    // Delayed ACK (RFC 1122 §4.2.3.2, RFC 5681 §4.2): at least every second segment.
                    AckPendingSegments++;
                    if (AckPendingSegments >= 2)
                    {
                        AckNow = true;
                    }
                    else if (DelayedAckAt == Never)
                    {
                        DelayedAckAt = nowMs + _config.DelayedAckMs;
                    }
                }

                return;
            }

            if (ooo.Add(at, length))
            {
                Rx.WriteAt(at, buffer, offset, length);
                _counters.OutOfOrderQueued++;
            }
            else
            {
                _counters.OutOfOrderDropped++;
            }

            AckNow = true; // Out of order: an immediate duplicate ACK (RFC 5681 §4.2).
        }

        /// <summary>The peer's FIN is next in sequence. Returns true when the block moved to TIME-WAIT.</summary>
        private bool ProcessFin(long nowMs)
        {
            RcvNxt = unchecked(RcvNxt + 1);
            RcvAdvEdge = unchecked(RcvAdvEdge + 1);
            FinReceived = true;
            RemoteFinPending = false;
            AckNow = true;
            Touch();
            switch (State)
            {
                case TcpState.SynReceived:
                case TcpState.Established:
                    State = TcpState.CloseWait;
                    break;
                case TcpState.FinWait1:
                    State = TcpState.Closing; // Our FIN is not acknowledged yet: simultaneous close.
                    break;
                case TcpState.FinWait2:
                    Output(nowMs); // The ACK of the FIN, then TIME-WAIT.
                    _layer.EnterTimeWait(this, nowMs);
                    return true;
            }

            return false;
        }

        private void ResetReceived()
        {
            _counters.ResetsReceived++;
            switch (State)
            {
                case TcpState.SynReceived:
                    Fail(Parent != null ? SocketError.ConnectionReset : SocketError.ConnectionRefused);
                    break;
                case TcpState.Established:
                case TcpState.FinWait1:
                case TcpState.FinWait2:
                case TcpState.CloseWait:
                    _counters.ConnectionsReset++;
                    Fail(SocketError.ConnectionReset);
                    break;
                default:
                    Fail(SocketError.Success); // CLOSING, LAST-ACK: just close.
                    break;
            }
        }

        /// <summary>RFC 5961 §7: a rate-limited ACK that tells a legitimate peer where we are.</summary>
        private void ChallengeAck(long nowMs)
        {
            if (_layer.ChallengeAcks.Allow(nowMs))
            {
                _counters.ChallengeAcks++;
                AckNow = true;
                Output(nowMs);
            }
            else
            {
                _counters.ChallengeAcksSuppressed++;
            }
        }
    }
}
