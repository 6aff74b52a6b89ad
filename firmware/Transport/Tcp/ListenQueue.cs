namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// A listener's two queues (BSD's incomplete and completed queues, FNET's partial and
    /// incoming lists): the SYN queue of compact SynEntry records (SYN-RECEIVED) and the accept
    /// queue of control blocks that completed the handshake but were not accepted yet. Both
    /// are allocated at start-up at their configured maximum; listen(backlog) only sets limits.
    /// </summary>
    internal sealed class ListenQueue
    {
        private readonly SynEntry[] _syn;
        private readonly TcpConnection[] _accept;
        private int _synLimit;
        private int _synCount;
        private int _acceptLimit;
        private int _acceptHead;
        private int _acceptCount;

        public ListenQueue(int maxSynQueue, int maxAcceptQueue)
        {
            if (maxSynQueue < 1)
            {
                maxSynQueue = 1;
            }

            if (maxAcceptQueue < 1)
            {
                maxAcceptQueue = 1;
            }

            _syn = new SynEntry[maxSynQueue];
            for (int i = 0; i < _syn.Length; i++)
            {
                _syn[i] = new SynEntry();
            }

            _accept = new TcpConnection[maxAcceptQueue];
        }

        /// <summary>Sets both limits to min(backlog, configured maximum), at least 1.</summary>
        public void Configure(int backlog)
        {
            if (backlog < 1)
            {
                backlog = 1;
            }

            _synLimit = backlog < _syn.Length ? backlog : _syn.Length;
            _acceptLimit = backlog < _accept.Length ? backlog : _accept.Length;
        }

        public int SynLimit { get { return _synLimit; } }

        public int AcceptLimit { get { return _acceptLimit; } }

        public int SynCount { get { return _synCount; } }

        public int AcceptCount { get { return _acceptCount; } }

        public bool SynFull { get { return _synCount >= _synLimit; } }

        public bool AcceptFull { get { return _acceptCount >= _acceptLimit; } }

        public int SynCapacity { get { return _syn.Length; } }

        /// <summary>The SYN queue slot i (used or not), for timers and lookups.</summary>
        public SynEntry SynAt(int i)
        {
            return _syn[i];
        }

        public SynEntry FindSyn(uint local, uint remote, int localPort, int remotePort)
        {
            if (_synCount == 0)
            {
                return null;
            }

            for (int i = 0; i < _syn.Length; i++)
            {
                SynEntry e = _syn[i];
                if (e.Used && e.RemotePort == remotePort && e.LocalPort == localPort && e.RemoteAddress == remote && e.LocalAddress == local)
                {
                    return e;
                }
            }

            return null;
        }

        /// <summary>A free SYN slot marked used, or null when the queue is at its limit.</summary>
        public SynEntry AddSyn()
        {
            if (SynFull)
            {
                return null;
            }

            for (int i = 0; i < _syn.Length; i++)
            {
                if (!_syn[i].Used)
                {
                    _syn[i].Used = true;
                    _synCount++;
                    return _syn[i];
                }
            }

            return null;
        }

        /// <summary>
        /// With the SYN queue full: the oldest entry whose SYN-ACK went unanswered for a whole
        /// RTO (retransmitted at least once) and whose peer never ACKed, to be reused for a new
        /// SYN (RFC 4987 §3.3, recycling the oldest half-open TCB). Null when none qualifies, so
        /// a handshake in progress is never cut short. Without this, spoofed SYNs hold every
        /// slot for the whole SYN-ACK back-off (63 s) after a flood has ended.
        /// </summary>
        public SynEntry RecycleStale()
        {
            SynEntry oldest = null;
            for (int i = 0; i < _syn.Length; i++)
            {
                SynEntry e = _syn[i];
                if (e.Used && e.Retries > 0 && !e.AckSeen && (oldest == null || e.CreatedAt < oldest.CreatedAt))
                {
                    oldest = e;
                }
            }

            return oldest;
        }

        public void RemoveSyn(SynEntry e)
        {
            if (e.Used)
            {
                e.Used = false;
                _synCount--;
            }
        }

        public void EnqueueAccept(TcpConnection c)
        {
            _accept[(_acceptHead + _acceptCount) % _accept.Length] = c;
            _acceptCount++;
        }

        /// <summary>The oldest completed connection, or null.</summary>
        public TcpConnection DequeueAccept()
        {
            if (_acceptCount == 0)
            {
                return null;
            }

            TcpConnection c = _accept[_acceptHead];
            _accept[_acceptHead] = null;
            _acceptHead = (_acceptHead + 1) % _accept.Length;
            _acceptCount--;
            return c;
        }

        /// <summary>Takes c out of the accept queue wherever it is (it was reset or timed out before accept).</summary>
        public void RemoveAccept(TcpConnection c)
        {
            int found = -1;
            for (int k = 0; k < _acceptCount; k++)
            {
                if (_accept[(_acceptHead + k) % _accept.Length] == c)
                {
                    found = k;
                    break;
                }
            }

            if (found < 0)
            {
                return;
            }

            for (int k = found; k < _acceptCount - 1; k++)
            {
                _accept[(_acceptHead + k) % _accept.Length] = _accept[(_acceptHead + k + 1) % _accept.Length];
            }

            _accept[(_acceptHead + _acceptCount - 1) % _accept.Length] = null;
            _acceptCount--;
        }

        /// <summary>Empties the SYN queue (the accept queue is drained by the owner, which must abort each).</summary>
        public void ClearSyn()
        {
            for (int i = 0; i < _syn.Length; i++)
            {
                _syn[i].Used = false;
            }

            _synCount = 0;
        }
    }
}
