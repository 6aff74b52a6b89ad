namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Reno congestion control (RFC 5681) with NewReno partial-ACK handling (RFC 6582):
    /// slow start and congestion avoidance on new ACKs, fast retransmit on the third
    /// duplicate ACK, fast recovery with window inflation, and loss recovery after an RTO.
    /// Small windows (a few KB is typical here) rarely see three duplicate ACKs, so Limited
    /// Transmit (RFC 3042) and Early Retransmit (RFC 5827) let them recover without an RTO.
    /// No SACK, so each partial ACK retransmits one segment ("NewReno-lite": no
    /// "impatient/slow-but-steady" timer variants).
    /// </summary>
    public sealed class CongestionControl
    {
        private const int CwndCap = 1 << 30;

        public int Cwnd;
        public int Ssthresh;
        public int DupAcks;
        public bool InRecovery;
        /// <summary>RFC 6582 "recover": the highest sequence sent when loss was detected.</summary>
        public uint Recover;
        private bool _recoverValid;
        /// <summary>New data sent beyond Cwnd by Limited Transmit since the last new ACK.</summary>
        private int _limitedBytes;

        /// <summary>Initial window (RFC 5681 §3.1), one segment if the SYN or SYN-ACK was lost.</summary>
        public void Init(int mss, bool synLost)
        {
            if (synLost)
            {
                Cwnd = mss;
            }
            else if (mss > 2190)
            {
                Cwnd = 2 * mss;
            }
            else if (mss > 1095)
            {
                Cwnd = 3 * mss;
            }
            else
            {
                Cwnd = 4 * mss;
            }

            Ssthresh = CwndCap; // "arbitrarily high" (RFC 5681 §3.1).
            DupAcks = 0;
            _limitedBytes = 0;
            InRecovery = false;
            _recoverValid = false;
        }

        /// <summary>
        /// New data acknowledged. Returns true on a NewReno partial ACK: the caller
        /// retransmits the first unacknowledged segment and restarts its timer.
        /// </summary>
        public bool OnNewAck(uint ack, int acked, int flightAfter, int mss)
        {
            DupAcks = 0;
            _limitedBytes = 0;
            if (InRecovery)
            {
                if (TcpSeq.Ge(ack, Recover))
                {
                    // Full ACK (RFC 6582 §3.2 step 3): deflate.
                    InRecovery = false;
                    int deflated = (flightAfter > mss ? flightAfter : mss) + mss;
                    Cwnd = deflated < Ssthresh ? deflated : Ssthresh;
                    return false;
                }

                // Partial ACK: deflate by what was acknowledged, add back one segment.
                Cwnd -= acked;
                if (acked >= mss)
                {
                    Cwnd += mss;
                }

                if (Cwnd < mss)
                {
                    Cwnd = mss;
                }

                return true;
            }

            if (Cwnd < Ssthresh)
            {
                Cwnd += acked < mss ? acked : mss; // Slow start, L = 1 SMSS (RFC 5681 §3.1 / RFC 3465).
            }
            else
            {
                int increment = (int)((long)mss * mss / Cwnd); // Congestion avoidance (RFC 5681 eq. 3).
                Cwnd += increment > 0 ? increment : 1;
            }

            if (Cwnd > CwndCap)
            {
                Cwnd = CwndCap;
            }

            return false;
        }

        /// <summary>
        /// How much more than Cwnd may be outstanding in new data now: one segment for each of
        /// the first two duplicate ACKs outside recovery (RFC 3042 Limited Transmit).
        /// </summary>
        public int LimitedTransmitAllowance(int mss)
        {
            if (InRecovery || DupAcks == 0)
            {
                return 0;
            }

            return (DupAcks < 2 ? DupAcks : 2) * mss;
        }

        /// <summary>The caller has bytes outstanding beyond Cwnd, sent under Limited Transmit.</summary>
        public void NoteLimitedTransmit(int bytesBeyondCwnd)
        {
            if (bytesBeyondCwnd > _limitedBytes)
            {
                _limitedBytes = bytesBeyondCwnd;
            }
        }

        /// <summary>
        /// A duplicate ACK (RFC 5681 §2). Returns true when the caller must fast-retransmit now:
        /// on the third, or earlier when fewer than four segments are outstanding and no new
        /// data can go out to bring more (RFC 5827 §3.1, Early Retransmit: outstanding − 1).
        /// </summary>
        public bool OnDuplicateAck(uint sndUna, uint sndMax, int flight, int mss, bool canSendNew)
        {
            DupAcks++;
            if (InRecovery)
            {
                Cwnd += mss; // Inflation (RFC 5681 §3.2 step 4).
                return false;
            }

            int threshold = 3;
            if (!canSendNew && flight < 4 * mss)
            {
                int segments = (flight + mss - 1) / mss;
                if (segments >= 2)
                {
                    threshold = segments - 1;
                }
            }

            // RFC 6582 §3.2 step 2: no new fast retransmit for losses from before the last recovery.
            if (DupAcks >= threshold && (!_recoverValid || TcpSeq.Gt(sndUna, Recover)))
            {
                // Limited Transmit's segments do not count in FlightSize here (RFC 5681 §3.2 step 2).
                Ssthresh = HalfFlight(flight - _limitedBytes, mss);
                Cwnd = Ssthresh + DupAcks * mss; // Inflated by the segments that have left (§3.2 step 3).
                InRecovery = true;
                Recover = sndMax;
                _recoverValid = true;
                return true;
            }

            return false;
        }

        /// <summary>Retransmission timeout (RFC 5681 §3.1 eq. 4, loss window 1 SMSS).</summary>
        public void OnRetransmitTimeout(uint sndMax, int flight, int mss)
        {
            Ssthresh = HalfFlight(flight, mss);
            Cwnd = mss;
            DupAcks = 0;
            _limitedBytes = 0;
            InRecovery = false;
            Recover = sndMax;
            _recoverValid = true;
        }

        private static int HalfFlight(int flight, int mss)
        {
            int half = flight / 2;
            return half > 2 * mss ? half : 2 * mss;
        }
    }
}
