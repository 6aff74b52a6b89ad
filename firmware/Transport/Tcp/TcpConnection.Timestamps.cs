using NanoIP.Network;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// RFC 7323 timestamps of one connection: agreed when both SYNs carry the option (§3.2),
    /// then on every segment we send. They give an RTT sample on every ACK of new data, even
    /// one for a retransmission (RTTM, §4.1), which Karn's rule alone cannot; TS.Recent
    /// (§4.3) is what we echo; PAWS (§5.3) drops segments older than it.
    /// </summary>
    internal sealed partial class TcpConnection
    {
        /// <summary>TS.Recent older than this (24 days) no longer rejects anything (RFC 7323 §5.5).</summary>
        private const long TsRecentLifetimeMs = 24L * 24 * 3600 * 1000;

        /// <summary>Timestamps in use (while SYN-SENT: offered).</summary>
        internal bool TsOk;
        internal uint TsRecent;
        internal long TsRecentAt;
        /// <summary>Last.ACK.sent: the ACK field of the last segment we sent (RFC 7323 §4.3).</summary>
        internal uint LastAckSent;
        /// <summary>TSval of our latest data retransmission (valid once HasRetransmitted).</summary>
        internal uint RetransmitTsVal;
        internal bool HasRetransmitted;

        /// <summary>
        /// TSval: the millisecond clock plus a per-connection offset, so a TSval tells nothing of
        /// the uptime and a new incarnation does not continue the old one's values (RFC 7323 §7.1).
        /// The offset is the ISS, which a SYN-RECEIVED entry hands to its connection.
        /// </summary>
        internal static uint TsClock(long nowMs, uint offset)
        {
            return unchecked((uint)nowMs + offset);
        }

        /// <summary>The peer's SYN or SYN-ACK: timestamps stay on only if it carried the option too.</summary>
        private void NegotiateTimestamps(TcpSegment s, long nowMs)
        {
            TsOk = TsOk && s.HasTimestamp;
            if (TsOk)
            {
                TsRecent = s.TsVal;
                TsRecentAt = nowMs;
            }
        }

        /// <summary>PAWS test R1: a timestamp older than TS.Recent, which is still valid (RFC 7323 §5.3).</summary>
        private bool PawsRejects(TcpSegment s, long nowMs)
        {
            if (!TsOk || !s.HasTimestamp || s.Rst)
            {
                return false;
            }

            return unchecked((int)(s.TsVal - TsRecent)) < 0 && nowMs - TsRecentAt <= TsRecentLifetimeMs;
        }

        /// <summary>R3: an acceptable segment that starts at or before Last.ACK.sent brings a newer TS.Recent.</summary>
        private void UpdateTsRecent(TcpSegment s, long nowMs)
        {
            if (TsOk && s.HasTimestamp && TcpSeq.Le(s.Seq, LastAckSent) && unchecked((int)(s.TsVal - TsRecent)) >= 0)
            {
                TsRecent = s.TsVal;
                TsRecentAt = nowMs;
            }
        }

        /// <summary>
        /// RTTM (RFC 7323 §4.1): the echoed TSecr of a segment that acknowledges new data gives
        /// the RTT, retransmission or not. A zero or implausible echo gives nothing, and so does
        /// one older than our latest retransmission: the ACK of that earlier copy was lost and
        /// the peer acknowledged again only later (its own next segment), so the span measures
        /// that wait rather than the path; under heavy loss such samples would swell the RTO.
        /// </summary>
        private bool TimestampRtt(TcpSegment s, long nowMs, out int rttMs)
        {
            rttMs = 0;
            if (!TsOk || !s.HasTimestamp || s.TsEcr == 0)
            {
                return false;
            }

            if (HasRetransmitted && unchecked((int)(s.TsEcr - RetransmitTsVal)) < 0)
            {
                return false;
            }

            int rtt = unchecked((int)(TsClock(nowMs, Iss) - s.TsEcr));
            if (rtt < 0 || rtt > _config.MaxRtoMs)
            {
                return false;
            }

            rttMs = rtt;
            return true;
        }

        /// <summary>A data segment (or FIN) goes out again: echoes of older copies no longer give samples.</summary>
        private void NoteRetransmission(long nowMs)
        {
            RetransmitTsVal = TsClock(nowMs, Iss);
            HasRetransmitted = true;
        }

        /// <summary>Sends a segment of this connection, with TSval and TS.Recent echoed when timestamps are in use.</summary>
        private IpSendResult Emit(uint seq, uint ack, int flags, int window, int mss, int ringOffset, int length, long nowMs)
        {
            uint tsEcr = (flags & TcpFlags.Ack) != 0 ? TsRecent : 0; // No ACK: TSecr is zero (§3.2).
            return _emitter.Send(LocalAddress, RemoteAddress, LocalPort, RemotePort, seq, ack, flags, window, mss,
                TsOk, TsClock(nowMs, Iss), tsEcr, length > 0 ? Tx : null, ringOffset, length, nowMs);
        }
    }
}
