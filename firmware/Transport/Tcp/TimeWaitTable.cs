namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// TIME-WAIT without a socket slot: when a connection enters TIME-WAIT its control block
    /// (with its rings) is released and only what TIME-WAIT needs stays here: the 4-tuple,
    /// SND.NXT, RCV.NXT, the last window and the expiry (2 × MSL, RFC 9293 §3.4.2). When the
    /// table is full the entry closest to expiry (the oldest) is evicted: losing an old
    /// TIME-WAIT only risks a late duplicate reaching a new incarnation, which the ISN clock of
    /// RFC 6528 already makes unlikely, whereas refusing to close would leak a socket slot.
    /// </summary>
    public sealed class TimeWaitTable
    {
        private readonly uint[] _local;
        private readonly uint[] _remote;
        private readonly int[] _localPort;
        private readonly int[] _remotePort;
        private readonly uint[] _sndNxt;
        private readonly uint[] _rcvNxt;
        private readonly int[] _window;
        // RFC 7323 §3.2: timestamps stay on every segment, TIME-WAIT's ACKs included.
        private readonly bool[] _tsOk;
        private readonly uint[] _tsOffset;
        private readonly uint[] _tsRecent;
        private readonly long[] _expiry;
        private readonly bool[] _used;
        private readonly long _durationMs;
        private readonly TcpEmitter _emitter;
        private readonly ChallengeAckLimiter _limiter;
        private readonly TcpCounters _counters;
        private int _count;

        public TimeWaitTable(int entries, long durationMs, TcpEmitter emitter, ChallengeAckLimiter limiter, TcpCounters counters)
        {
            if (entries < 1)
            {
                entries = 1;
            }

            _local = new uint[entries];
            _remote = new uint[entries];
            _localPort = new int[entries];
            _remotePort = new int[entries];
            _sndNxt = new uint[entries];
            _rcvNxt = new uint[entries];
            _window = new int[entries];
            _tsOk = new bool[entries];
            _tsOffset = new uint[entries];
            _tsRecent = new uint[entries];
            _expiry = new long[entries];
            _used = new bool[entries];
            _durationMs = durationMs;
            _emitter = emitter;
            _limiter = limiter;
            _counters = counters;
        }

        public int Count { get { return _count; } }

        public int Capacity { get { return _used.Length; } }

        public long DurationMs { get { return _durationMs; } }

        /// <summary>Records a connection that entered TIME-WAIT now, with its timestamps clock offset and TS.Recent when in use.</summary>
        public void Add(uint local, uint remote, int localPort, int remotePort, uint sndNxt, uint rcvNxt, int window, bool tsOk, uint tsOffset, uint tsRecent, long nowMs)
        {
            int slot = Find(local, remote, localPort, remotePort);
            if (slot < 0)
            {
                for (int i = 0; i < _used.Length; i++)
                {
                    if (!_used[i])
                    {
                        slot = i;
                        break;
                    }
                }
            }

            if (slot < 0)
            {
                slot = 0;
                for (int i = 1; i < _used.Length; i++)
                {
                    if (_expiry[i] < _expiry[slot])
                    {
                        slot = i;
                    }
                }

                _counters.TimeWaitEvictions++;
                _used[slot] = false;
                _count--;
            }

            if (!_used[slot])
            {
                _count++;
            }

            _used[slot] = true;
            _local[slot] = local;
            _remote[slot] = remote;
            _localPort[slot] = localPort;
            _remotePort[slot] = remotePort;
            _sndNxt[slot] = sndNxt;
            _rcvNxt[slot] = rcvNxt;
            _window[slot] = window;
            _tsOk[slot] = tsOk;
            _tsOffset[slot] = tsOffset;
            _tsRecent[slot] = tsRecent;
            _expiry[slot] = nowMs + _durationMs;
            _counters.TimeWaitEntries++;
        }

        public int Find(uint local, uint remote, int localPort, int remotePort)
        {
            if (_count == 0)
            {
                return -1;
            }

            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _localPort[i] == localPort && _remotePort[i] == remotePort && _remote[i] == remote && _local[i] == local)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Whether an entry holds localPort on an address overlapping local (0 = any).</summary>
        public bool PortInUse(uint local, int localPort)
        {
            if (_count == 0)
            {
                return false;
            }

            for (int i = 0; i < _used.Length; i++)
            {
                if (_used[i] && _localPort[i] == localPort && (local == 0 || _local[i] == local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Entry i's 4-tuple when it is in use (the console's netstat lists TIME-WAIT from here).</summary>
        public bool TryGet(int i, out uint local, out int localPort, out uint remote, out int remotePort)
        {
            bool used = i >= 0 && i < _used.Length && _used[i];
            local = used ? _local[i] : 0;
            localPort = used ? _localPort[i] : 0;
            remote = used ? _remote[i] : 0;
            remotePort = used ? _remotePort[i] : 0;
            return used;
        }

        public long ExpiryOf(int i)
        {
            return _expiry[i];
        }

        public void Remove(int i)
        {
            if (_used[i])
            {
                _used[i] = false;
                _count--;
            }
        }

        public void Clear()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                _used[i] = false;
            }

            _count = 0;
        }

        /// <summary>Drops expired entries; returns the next expiry, or long.MaxValue.</summary>
        public long Expire(long nowMs)
        {
            long next = long.MaxValue;
            if (_count == 0)
            {
                return next;
            }

            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    continue;
                }

                if (_expiry[i] <= nowMs)
                {
                    Remove(i);
                }
                else if (_expiry[i] < next)
                {
                    next = _expiry[i];
                }
            }

            return next;
        }

        /// <summary>
        /// A segment for entry i (RFC 9293 §3.10.7.4, TIME-WAIT rows; RFC 5961). Returns true
        /// when the entry was removed and the segment, a new SYN, should go to a listener.
        /// </summary>
        public bool Input(int i, TcpSegment s, long nowMs)
        {
            uint rcvNxt = _rcvNxt[i];
            if (_tsOk[i] && s.HasTimestamp && !s.Rst && unchecked((int)(s.TsVal - _tsRecent[i])) > 0)
            {
                _tsRecent[i] = s.TsVal; // Echoed in the ACKs below.
            }

            if (s.Rst)
            {
                // RFC 5961 §3.2: exact RCV.NXT resets; otherwise in window → challenge ACK.
                if (s.Seq == rcvNxt)
                {
                    Remove(i);
                }
                else if (_window[i] > 0 && TcpSeq.InRange(s.Seq, rcvNxt, unchecked(rcvNxt + (uint)_window[i])))
                {
                    ChallengeAck(i, nowMs);
                }

                return false;
            }

            if (s.Syn)
            {
                // A new SYN above everything of the old incarnation may reopen the pair
                // (RFC 1122 §4.2.2.13, RFC 6191; what Linux does). Anything else is answered
                // with a challenge ACK (RFC 5961 §4.2).
                if (!s.AckFlag && TcpSeq.Gt(s.Seq, rcvNxt))
                {
                    Remove(i);
                    return true;
                }

                ChallengeAck(i, nowMs);
                return false;
            }

            if (s.Fin)
            {
                // Our ACK of the peer's FIN was lost: acknowledge again and restart 2 MSL.
                _expiry[i] = nowMs + _durationMs;
                _counters.TimeWaitReacks++;
                SendAck(i, nowMs);
                return false;
            }

            if (s.DataLength > 0)
            {
                SendAck(i, nowMs); // Unacceptable in TIME-WAIT: answer with an ACK.
            }

            return false;
        }

        private void ChallengeAck(int i, long nowMs)
        {
            if (_limiter.Allow(nowMs))
            {
                _counters.ChallengeAcks++;
                SendAck(i, nowMs);
            }
            else
            {
                _counters.ChallengeAcksSuppressed++;
            }
        }

        private void SendAck(int i, long nowMs)
        {
            _emitter.Send(_local[i], _remote[i], _localPort[i], _remotePort[i], _sndNxt[i], _rcvNxt[i], TcpFlags.Ack, _window[i], 0,
                _tsOk[i], TcpConnection.TsClock(nowMs, _tsOffset[i]), _tsRecent[i], null, 0, 0, nowMs);
        }
    }
}
