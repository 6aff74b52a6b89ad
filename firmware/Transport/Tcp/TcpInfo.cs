namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// A snapshot of one connection's variables (in the spirit of Linux's TCP_INFO), filled by
    /// TcpLayer.GetInfo into an instance the caller owns; for the console, benchmarks and tests.
    /// </summary>
    public sealed class TcpInfo
    {
        public TcpState State;
        public uint Iss;
        public uint Irs;
        public uint SndUna;
        public uint SndNxt;
        public uint SndMax;
        public int SndWnd;
        public uint RcvNxt;
        /// <summary>The window last advertised.</summary>
        public int RcvWnd;
        /// <summary>The MSS this side sends with (min of the peer's, ours and the link's).</summary>
        public int SendMss;
        /// <summary>RFC 7323 timestamps in use (offered, while SYN-SENT).</summary>
        public bool Timestamps;
        public int Cwnd;
        public int Ssthresh;
        public bool InRecovery;
        public int Rto;
        public int Srtt;
        public int RttVar;
        public int Retries;
        public int SendQueued;
        public int ReceiveQueued;
        public int OutOfOrderRanges;
        public long RetransmitAt;
        public long PersistAt;
        public long DelayedAckAt;
        /// <summary>Endpoints (host byte order); remote 0 while listening or closed.</summary>
        public uint LocalAddress;
        public int LocalPort;
        public uint RemoteAddress;
        public int RemotePort;
        /// <summary>Listeners: SYN queue (SYN-RECEIVED entries) and accept queue occupancy and limits; 0 otherwise.</summary>
        public int SynQueued;
        public int SynLimit;
        public int AcceptQueued;
        public int AcceptLimit;
        /// <summary>No application handle: waiting in an accept queue, or closed and finishing in the background.</summary>
        public bool Detached;
    }
}
