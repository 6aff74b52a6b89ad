namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// A half-open passive connection (SYN-RECEIVED) in a listener's SYN queue: only what the
    /// handshake needs, no rings. The control block is taken when the final ACK arrives.
    /// </summary>
    public sealed class SynEntry
    {
        public bool Used;
        public uint LocalAddress;
        public uint RemoteAddress;
        public int LocalPort;
        public int RemotePort;
        public uint Iss;
        public uint Irs;
        /// <summary>The peer's MSS option (536 when it sent none, RFC 9293 §3.7.1).</summary>
        public int PeerMss;
        public int PeerWindow;
        /// <summary>Both SYNs carry RFC 7323 timestamps; TsRecent is the peer's SYN's TSval.</summary>
        public bool TsOk;
        public uint TsRecent;
        /// <summary>SYN-ACK retransmissions so far.</summary>
        public int Retries;
        public int RtoMs;
        public long RetransmitAt;
        /// <summary>When the first SYN-ACK left: an RTT sample if it was never retransmitted (Karn).</summary>
        public long FirstSentAt;
        public long CreatedAt;
        /// <summary>The peer's final ACK arrived but was dropped (accept queue full): a real client, never recycled.</summary>
        public bool AckSeen;
    }
}
