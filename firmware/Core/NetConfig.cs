namespace NanoIP
{
    /// <summary>
    /// Every size and limit of the stack, decided once at start-up. Nothing is allocated
    /// after NetStack is built from it (ARCHITECTURE §4). Defaults suit an ESP32 without PSRAM.
    /// </summary>
    public sealed class NetConfig
    {
        // Link
        /// <summary>Frame buffers in the receive/transmit pool (each MaxFrameLength bytes).</summary>
        public int FrameBuffers = 4;
        /// <summary>Largest Ethernet frame without FCS.</summary>
        public int MaxFrameLength = 1514;
        /// <summary>Frames read from the device per Poll call (bounds the time one Poll takes).</summary>
        public int RxFramesPerPoll = 8;

        // ARP (RFC 826)
        public int ArpEntries = 8;
        /// <summary>A resolved entry is refreshed after this long (Linux: ~30 s reachable time, lwIP: 5 min).</summary>
        public int ArpEntryLifetimeMs = 300000;
        public int ArpRequestRetries = 3;
        public int ArpRequestIntervalMs = 1000;
        /// <summary>After retries run out, sends to that next hop fail at once (HostUnreachable) for this long.</summary>
        public int ArpFailedHoldMs = 3000;
        /// <summary>Announcements sent on Configure / address change / link up, ArpRequestIntervalMs apart (RFC 5227 ANNOUNCE_NUM 2).</summary>
        public int GratuitousArpCount = 2;
        /// <summary>At most one defending announcement per this interval on an address conflict (RFC 5227 DEFEND_INTERVAL).</summary>
        public int ArpDefendIntervalMs = 10000;

        // IPv4
        public byte DefaultTtl = 64;
        /// <summary>ICMP errors (port unreachable) sent at most this often (RFC 1812 §4.3.2.8 rate limiting).</summary>
        public int IcmpErrorIntervalMs = 100;
        /// <summary>Transport protocols that can be registered besides ICMP (UDP, TCP, ...).</summary>
        public int MaxTransports = 4;
        /// <summary>Echo requests the ping client tracks at once.</summary>
        public int PingSlots = 4;
        /// <summary>An echo request without reply is timed out after this long.</summary>
        public int PingTimeoutMs = 2000;

        // Sockets
        /// <summary>Each TCP socket holds its send and receive rings: 4 × 8 KB fits an ESP32 without PSRAM (~100 KB heap).</summary>
        public int TcpSockets = 4;
        /// <summary>DHCP and the DNS resolver take one each; the rest are for applications.</summary>
        public int UdpSockets = 6;
        public int TcpSendBufferSize = 4096;
        public int TcpReceiveBufferSize = 4096;
        public int UdpReceiveBufferSize = 2048;
        /// <summary>Largest SYN queue (SYN_RCVD) and accept queue (ESTABLISHED, not yet accepted) per listener; listen(backlog) is capped by these.</summary>
        public int MaxSynQueue = 8;
        public int MaxAcceptQueue = 8;
        /// <summary>TIME_WAIT entries held in the compact table (not socket slots).</summary>
        public int TimeWaitEntries = 16;
        /// <summary>Out-of-order segments held per connection.</summary>
        public int OutOfOrderSlots = 4;
        public int EphemeralPortFirst = 49152;
        public int EphemeralPortLast = 65535;

        // TCP (RFC 9293, 6298, 5681)
        public int Mss = 1460;
        /// <summary>Maximum segment lifetime; TIME_WAIT lasts 2 × MSL (RFC 9293 §3.4.2).</summary>
        public int MslMs = 30000;
        public int InitialRtoMs = 1000;
        public int MinRtoMs = 200;
        public int MaxRtoMs = 60000;
        public int SynRetries = 5;
        public int SynAckRetries = 5;
        public int DataRetries = 12;
        /// <summary>
        /// Offer RFC 7323 timestamps: with them every ACK of new data is an RTT sample, so the RTO
        /// collapses after a loss episode instead of staying backed off (Karn), at 12 bytes a segment.
        /// </summary>
        public bool TcpTimestamps = true;
        public int DelayedAckMs = 200;
        public int KeepAliveIdleMs = 7200000;
        public int KeepAliveIntervalMs = 75000;
        public int KeepAliveProbes = 9;
        public int DefaultLingerMs = 60000;
        /// <summary>Challenge ACKs at most this many per second (RFC 5961 §7).</summary>
        public int ChallengeAckLimitPerSecond = 10;
        /// <summary>Secret for RFC 6528 initial sequence numbers; boards seed it from a hardware RNG.</summary>
        public uint IsnSecret = 0x5eed1234;

        // Services
        /// <summary>
        /// Seed of the services' pseudo-random numbers (DHCP xid and back-off jitter, DNS query
        /// ids), mixed with the MAC so two boards with the same seed still differ. Boards seed
        /// it from a hardware RNG; tests fix it so runs replay.
        /// </summary>
        public int RandomSeed = 0x2131;

        // DHCP client (RFC 2131, RFC 2132)
        /// <summary>Host name option (12) sent to the server; null or empty sends none.</summary>
        public string DhcpHostName = null;
        /// <summary>Retransmissions of a REQUEST (REQUESTING, INIT-REBOOT) before starting over with DISCOVER.</summary>
        public int DhcpRequestRetries = 4;
        /// <summary>Longest retransmission interval (RFC 2131 §4.1: 4, 8, 16, 32, 64 s, each ±1 s).</summary>
        public int DhcpMaxBackoffMs = 64000;
        /// <summary>Upper bound of a random wait before the first DISCOVER (RFC 2131 §4.4.1 suggests 1–10 s); 0 starts at once.</summary>
        public int DhcpStartDelayMaxMs = 0;
        /// <summary>ARP probes for a leased address before using it (RFC 2131 §4.4.1, RFC 5227 §2.1.1); 0 skips the check.</summary>
        public int DhcpArpProbes = 2;
        /// <summary>Time between probes, and after the last one, before the address counts as free.</summary>
        public int DhcpArpProbeIntervalMs = 1000;
        /// <summary>Wait after a DHCPDECLINE before a new DISCOVER (RFC 2131 §3.1 step 5: at least 10 s).</summary>
        public int DhcpDeclineWaitMs = 10000;

        // DNS resolver (RFC 1035)
        /// <summary>Names resolved at once (each query slot holds its name: ~300 bytes).</summary>
        public int DnsQuerySlots = 4;
        /// <summary>Answers remembered for their TTL (each entry holds its name: ~280 bytes).</summary>
        public int DnsCacheEntries = 8;
        /// <summary>Wait for an answer before retrying (with the next server, if there are two).</summary>
        public int DnsTimeoutMs = 2000;
        /// <summary>Retransmissions after the first query, alternating between the servers.</summary>
        public int DnsRetries = 3;
        /// <summary>Cap on a cached answer's life (a huge TTL must not pin a stale address).</summary>
        public int DnsMaxTtlSeconds = 86400;
    }
}
