namespace NanoIP.Transport.Tcp
{
    /// <summary>What the TCP layer saw and did, for the console and tests (like Linux's TcpExt MIB).</summary>
    public sealed class TcpCounters
    {
        // Segments
        public int SegmentsReceived;
        public int SegmentsSent;
        public int Retransmits;
        public int FastRetransmits;
        public int RetransmitTimeouts;
        public int SendErrors;

        // Dropped on arrival
        public int BadChecksum;
        /// <summary>Truncated, bad data offset, bad option length, port 0.</summary>
        public int Malformed;
        /// <summary>Broadcast/multicast destination or source (RFC 1122 §4.2.3.10): dropped silently.</summary>
        public int NotUnicast;
        public int OutOfWindow;
        public int DuplicateSegments;
        /// <summary>Segments with a timestamp older than TS.Recent, dropped and ACKed (RFC 7323 §5.3 R1, PAWS).</summary>
        public int PawsRejected;

        // Resets
        public int ResetsSent;
        public int ResetsReceived;
        /// <summary>Segments that found no socket; answered with RST unless they were RSTs (RFC 9293 §3.10.7.1).</summary>
        public int NoSocket;

        // RFC 5961
        public int ChallengeAcks;
        public int ChallengeAcksSuppressed;

        // Listen queues
        public int SynQueueFullDrops;
        public int AcceptQueueFullSynDrops;
        /// <summary>Final ACKs dropped because the accept queue was full or no control block was free.</summary>
        public int AcceptQueueOverflows;
        public int SynAckRetransmits;
        public int SynQueueTimeouts;
        /// <summary>SYN-RECEIVED entries whose SYN-ACK went unanswered, replaced by a new SYN while the SYN queue was full.</summary>
        public int SynQueueEvictions;

        // Receive reassembly
        public int OutOfOrderQueued;
        public int OutOfOrderDropped;

        // Connections
        public int ActiveOpens;
        public int PassiveOpens;
        public int ConnectionsReset;
        public int ConnectionsTimedOut;
        /// <summary>RST sent by Close with unread data, linger expiry, data to a closed socket, Abort.</summary>
        public int ConnectionsAborted;

        // Timers
        public int DelayedAcks;
        public int PersistProbes;
        public int KeepAliveProbes;

        // TIME_WAIT table
        public int TimeWaitEntries;
        public int TimeWaitEvictions;
        public int TimeWaitReacks;

        // ICMP
        public int IcmpErrors;
    }
}
