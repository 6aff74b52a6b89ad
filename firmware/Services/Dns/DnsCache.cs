namespace NanoIP.Services.Dns
{
    /// <summary>
    /// A fixed table of name → address answers (NetConfig.DnsCacheEntries), each kept for its
    /// TTL (RFC 1035 §3.2.1) and capped by NetConfig.DnsMaxTtlSeconds. Linear search: a handful
    /// of entries is cheaper to scan than to hash. Replacement takes the same name, then a free
    /// or expired entry, then the least recently used one.
    /// </summary>
    internal sealed class DnsCache
    {
        private readonly byte[][] _name;
        private readonly int[] _nameLength;
        private readonly uint[] _address;
        private readonly long[] _expires;
        private readonly long[] _lastUsed;
        private readonly long _maxTtlMs;

        internal DnsCache(int entries, int maxTtlSeconds)
        {
            if (entries < 0)
            {
                entries = 0;
            }

            _name = new byte[entries][];
            for (int i = 0; i < entries; i++)
            {
                _name[i] = new byte[DnsName.MaxWireLength];
            }

            _nameLength = new int[entries];
            _address = new uint[entries];
            _expires = new long[entries];
            _lastUsed = new long[entries];
            _maxTtlMs = (long)(maxTtlSeconds < 0 ? 0 : maxTtlSeconds) * 1000;
        }

        internal int Capacity
        {
            get { return _name.Length; }
        }

        /// <summary>The live entry for name, or -1 (expired entries are freed on the way).</summary>
        internal int Find(byte[] name, int offset, int length, long nowMs)
        {
            for (int i = 0; i < _name.Length; i++)
            {
                if (_nameLength[i] == 0)
                {
                    continue;
                }

                if (nowMs >= _expires[i])
                {
                    _nameLength[i] = 0;
                    continue;
                }

                if (_nameLength[i] == length && DnsName.Equal(_name[i], 0, name, offset, length))
                {
                    _lastUsed[i] = nowMs;
                    return i;
                }
            }

            return -1;
        }

        internal uint Address(int entry)
        {
            return _address[entry];
        }

        internal void Add(byte[] name, int offset, int length, uint address, uint ttlSeconds, long nowMs)
        {
            long ttlMs = (long)ttlSeconds * 1000;
            if (ttlMs > _maxTtlMs)
            {
                ttlMs = _maxTtlMs;
            }

            if (ttlMs <= 0 || _name.Length == 0 || length > DnsName.MaxWireLength)
            {
                // TTL 0: use once, never cache (RFC 1035 §3.2.1).
                return;
            }

            int victim = -1;
            long oldest = long.MaxValue;
            for (int i = 0; i < _name.Length; i++)
            {
                if (_nameLength[i] == length && DnsName.Equal(_name[i], 0, name, offset, length))
                {
                    victim = i;
                    break;
                }

                long rank = _nameLength[i] == 0 || nowMs >= _expires[i] ? long.MinValue : _lastUsed[i];
                if (rank < oldest)
                {
                    oldest = rank;
                    victim = i;
                }
            }

            System.Array.Copy(name, offset, _name[victim], 0, length);
            _nameLength[victim] = length;
            _address[victim] = address;
            _expires[victim] = NetTime.After(nowMs, ttlMs);
            _lastUsed[victim] = nowMs;
        }

        internal void Clear()
        {
            for (int i = 0; i < _nameLength.Length; i++)
            {
                _nameLength[i] = 0;
            }
        }

        /// <summary>Entry index when live at nowMs: its name length (0 when free or expired).</summary>
        internal int LiveLength(int entry, long nowMs)
        {
            return entry < 0 || entry >= _name.Length || _nameLength[entry] == 0 || nowMs >= _expires[entry] ? 0 : _nameLength[entry];
        }

        internal byte[] Name(int entry)
        {
            return _name[entry];
        }

        internal long Expires(int entry)
        {
            return _expires[entry];
        }

        internal int FootprintBytes
        {
            get { return _name.Length * (DnsName.MaxWireLength + 4 + 4 + 8 + 8 + 8); }
        }
    }
}
