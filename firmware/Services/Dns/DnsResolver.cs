using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Udp;

namespace NanoIP.Services.Dns
{
    /// <summary>
    /// A stub resolver for A records over UDP (RFC 1035, RFC 1123 §6.1.3), non-blocking and
    /// poll-driven: Resolve takes a query slot and sends, Poll handles answers and timeouts,
    /// GetStatus tells the outcome, Release frees the slot. Up to two servers (SetServers,
    /// else the ServerSource such as the DHCP lease, else NetStack.DnsServer); a timeout
    /// moves to the next server. Answers are cached for their TTL. Slots and cache come from
    /// NetConfig and are allocated here; past the string at the API edge nothing is allocated.
    /// Single-threaded: call every member from the network thread.
    /// </summary>
    public sealed class DnsResolver
    {
        /// <summary>Resolve's result when every slot is in use.</summary>
        public const int NoFreeSlot = -1;
        /// <summary>Resolve's result for a name that is not a valid host name (RFC 1035 §2.3.4 limits).</summary>
        public const int InvalidName = -2;

        private const int MaxReceivesPerPoll = 8;

        private readonly NetStack _stack;
        private readonly UdpLayer _udp;
        private readonly DnsCounters _counters = new DnsCounters();
        private readonly DnsResponse _response = new DnsResponse();
        private readonly DnsQuery[] _slots;
        private readonly DnsCache _cache;
        private readonly System.Random _random;
        private readonly byte[] _tx = new byte[DnsMessage.HeaderLength + DnsName.MaxWireLength + 4];
        private readonly byte[] _rx = new byte[DnsMessage.MaxUdpLength];
        private readonly byte[] _scratch = new byte[DnsName.MaxWireLength];
        private readonly uint[] _servers = new uint[2];
        private readonly int _timeoutMs;
        private readonly int _retries;
        private uint _primary;
        private uint _secondary;
        private int _socket = -1;

        public DnsResolver(NetConfig config, NetStack stack)
        {
            if (config == null || stack == null)
            {
                throw new System.ArgumentNullException(config == null ? "config" : "stack");
            }

            _stack = stack;
            _udp = stack.Udp;
            int slots = config.DnsQuerySlots < 1 ? 1 : config.DnsQuerySlots;
            _slots = new DnsQuery[slots];
            for (int i = 0; i < slots; i++)
            {
                _slots[i] = new DnsQuery();
            }

            _cache = new DnsCache(config.DnsCacheEntries, config.DnsMaxTtlSeconds);
            _timeoutMs = config.DnsTimeoutMs < 1 ? 1 : config.DnsTimeoutMs;
            _retries = config.DnsRetries < 0 ? 0 : config.DnsRetries;
            byte[] mac = new byte[MacAddress.Length];
            stack.GetMacAddress(mac, 0);
            int seed = config.RandomSeed ^ 0x1035;
            for (int i = 0; i < mac.Length; i++)
            {
                seed = seed * 31 + mac[i];
            }

            _random = new System.Random(seed);
        }

        public DnsCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>Servers to use when SetServers gave none (e.g. the DhcpClient).</summary>
        public IDnsServerSource ServerSource;

        /// <summary>Static servers (console, configuration); they take precedence. 0, 0 returns to the source.</summary>
        public void SetServers(uint primary, uint secondary)
        {
            _primary = primary;
            _secondary = secondary == primary ? 0 : secondary;
        }

        /// <summary>How many servers queries would go to now.</summary>
        public int ServerCount
        {
            get { return LoadServers(); }
        }

        /// <summary>Server index (0 or 1) that queries would go to now, 0 when none.</summary>
        public uint GetServer(int index)
        {
            int n = LoadServers();
            return index >= 0 && index < n ? _servers[index] : 0;
        }

        // ---- queries -----------------------------------------------------------------

        /// <summary>
        /// Starts resolving name; returns the slot to poll with GetStatus, NoFreeSlot or
        /// InvalidName. A dotted quad, or a name in the cache, is Resolved at once; otherwise
        /// the query is sent now and the slot is Pending.
        /// </summary>
        public int Resolve(string name, long nowMs)
        {
            int slot = -1;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Status == DnsStatus.Free)
                {
                    slot = i;
                    break;
                }
            }

            if (slot < 0)
            {
                return NoFreeSlot;
            }

            DnsQuery q = _slots[slot];
            uint literal;
            if (IPv4.TryParse(name, out literal))
            {
                q.Reset();
                q.Address = literal;
                q.Finish(DnsStatus.Resolved, DnsError.None);
                return slot;
            }

            int n = DnsName.Encode(name, q.Name, 0);
            if (n < 0)
            {
                return InvalidName;
            }

            q.Reset();
            q.NameLength = n;
            int e = _cache.Find(q.Name, 0, n, nowMs);
            if (e >= 0)
            {
                _counters.CacheHits++;
                q.Address = _cache.Address(e);
                q.TtlSeconds = (uint)((_cache.Expires(e) - nowMs + 999) / 1000);
                q.Finish(DnsStatus.Resolved, DnsError.None);
                return slot;
            }

            q.Status = DnsStatus.Pending;
            q.Id = NewId();
            Transmit(q, nowMs);
            return slot;
        }

        public DnsStatus GetStatus(int slot)
        {
            return slot >= 0 && slot < _slots.Length ? _slots[slot].Status : DnsStatus.Free;
        }

        /// <summary>The address of a Resolved slot, 0 otherwise.</summary>
        public uint GetAddress(int slot)
        {
            return GetStatus(slot) == DnsStatus.Resolved ? _slots[slot].Address : 0;
        }

        /// <summary>Why a slot ended NotFound or Error (None otherwise).</summary>
        public DnsError GetError(int slot)
        {
            return GetStatus(slot) == DnsStatus.Free ? DnsError.None : _slots[slot].Error;
        }

        /// <summary>Seconds the answer stays valid (the smallest TTL along a CNAME chain); 0 for a dotted quad.</summary>
        public uint GetTtl(int slot)
        {
            return GetStatus(slot) == DnsStatus.Resolved ? _slots[slot].TtlSeconds : 0;
        }

        /// <summary>Frees a slot (a pending query is abandoned; a late answer is then counted as UnknownId).</summary>
        public void Release(int slot)
        {
            if (slot >= 0 && slot < _slots.Length)
            {
                _slots[slot].Reset();
            }
        }

        public int SlotCount
        {
            get { return _slots.Length; }
        }

        /// <summary>
        /// Synchronous look-up without a query: true with the address for a dotted quad or a live
        /// cache entry; false otherwise (then Resolve).
        /// </summary>
        public bool TryGetCached(string name, long nowMs, out uint address)
        {
            if (IPv4.TryParse(name, out address))
            {
                return true;
            }

            address = 0;
            int n = DnsName.Encode(name, _scratch, 0);
            if (n < 0)
            {
                return false;
            }

            int e = _cache.Find(_scratch, 0, n, nowMs);
            if (e < 0)
            {
                return false;
            }

            _counters.CacheHits++;
            address = _cache.Address(e);
            return true;
        }

        /// <summary>Lower-case status name for the console (no allocation).</summary>
        public static string StatusName(DnsStatus status)
        {
            switch (status)
            {
                case DnsStatus.Free: return "free";
                case DnsStatus.Pending: return "pending";
                case DnsStatus.Resolved: return "resolved";
                case DnsStatus.NotFound: return "not found";
                case DnsStatus.TimedOut: return "timed out";
                case DnsStatus.Error: return "error";
                default: return "?";
            }
        }

        /// <summary>Short reason for the console (no allocation).</summary>
        public static string ErrorName(DnsError error)
        {
            switch (error)
            {
                case DnsError.None: return "none";
                case DnsError.NameError: return "no such name (NXDOMAIN)";
                case DnsError.NoData: return "no address for the name";
                case DnsError.ServerFailure: return "server failure";
                case DnsError.Failure: return "server error";
                case DnsError.Truncated: return "answer truncated";
                case DnsError.ChainTooLong: return "CNAME chain too long";
                case DnsError.NoServer: return "no DNS server";
                case DnsError.NoRoute: return "network unreachable";
                case DnsError.NoSocket: return "no free UDP socket";
                default: return "?";
            }
        }

        // ---- cache (console) ---------------------------------------------------------

        public int CacheCapacity
        {
            get { return _cache.Capacity; }
        }

        /// <summary>Cache entry index: its name (allocates) with address and ms left, or null when free or expired.</summary>
        public string GetCacheEntry(int index, long nowMs, out uint address, out long remainingMs)
        {
            address = 0;
            remainingMs = 0;
            int n = _cache.LiveLength(index, nowMs);
            if (n == 0)
            {
                return null;
            }

            address = _cache.Address(index);
            remainingMs = _cache.Expires(index) - nowMs;
            return DnsName.ToString(_cache.Name(index), 0, n);
        }

        public void FlushCache()
        {
            _cache.Clear();
        }

        /// <summary>Bytes allocated at construction (slots, cache, buffers).</summary>
        public int FootprintBytes
        {
            get { return _slots.Length * (DnsName.MaxWireLength + 64) + _cache.FootprintBytes + _tx.Length + _rx.Length + _scratch.Length; }
        }

        // ---- the loop ----------------------------------------------------------------

        /// <summary>Handles answers that arrived, retries or ends queries whose time ran out; returns the next deadline.</summary>
        public long Poll(long nowMs)
        {
            if (_socket >= 0)
            {
                for (int i = 0; i < MaxReceivesPerPoll; i++)
                {
                    int n;
                    uint from;
                    int port;
                    SocketError e = _udp.ReceiveFrom(_socket, _rx, 0, _rx.Length, out n, out from, out port);
                    if (e == SocketError.WouldBlock)
                    {
                        break;
                    }

                    if (e == SocketError.MessageSize)
                    {
                        _counters.Oversized++;
                        continue;
                    }

                    if (e != SocketError.Success)
                    {
                        break;
                    }

                    Input(n, from, port, nowMs);
                }
            }

            long next = NetTime.Never;
            for (int i = 0; i < _slots.Length; i++)
            {
                DnsQuery q = _slots[i];
                if (q.Status != DnsStatus.Pending)
                {
                    continue;
                }

                if (nowMs >= q.Deadline)
                {
                    if (q.Tries > _retries)
                    {
                        _counters.TimedOut++;
                        q.Finish(DnsStatus.TimedOut, DnsError.None);
                        continue;
                    }

                    _counters.Retransmissions++;
                    Transmit(q, nowMs);
                    if (q.Status != DnsStatus.Pending)
                    {
                        continue;
                    }
                }

                next = NetTime.Earliest(next, q.Deadline);
            }

            // More datagrams than one Poll takes: ask to be called again at once.
            if (_socket >= 0 && _udp.QueuedDatagrams(_socket) > 0)
            {
                return nowMs;
            }

            return next;
        }

        private void Input(int length, uint from, int port, long nowMs)
        {
            _counters.ResponsesIn++;
            if (length < DnsMessage.HeaderLength)
            {
                _counters.Malformed++;
                return;
            }

            int id = NetOrder.ReadUInt16(_rx, DnsMessage.IdOffset);
            DnsQuery q = null;
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].Status == DnsStatus.Pending && _slots[i].Id == id)
                {
                    q = _slots[i];
                    break;
                }
            }

            if (q == null)
            {
                _counters.UnknownId++;
                return;
            }

            if (port != DnsMessage.Port || from == 0 || (from != q.SentTo0 && from != q.SentTo1))
            {
                _counters.WrongSource++;
                return;
            }

            int r = _response.Parse(_rx, length, q.Name, 0, q.NameLength);
            switch (r)
            {
                case DnsResponse.Answer:
                    _counters.Resolved++;
                    q.Address = _response.Address;
                    q.TtlSeconds = _response.TtlSeconds;
                    q.Finish(DnsStatus.Resolved, DnsError.None);
                    _cache.Add(q.Name, 0, q.NameLength, q.Address, q.TtlSeconds, nowMs);
                    break;
                case DnsResponse.NameError:
                    _counters.NameErrors++;
                    q.Finish(DnsStatus.NotFound, DnsError.NameError);
                    break;
                case DnsResponse.NoData:
                    _counters.NoData++;
                    q.Finish(DnsStatus.NotFound, DnsError.NoData);
                    break;
                case DnsResponse.ServerFailure:
                    // RFC 1035 §7.2: this server cannot help; the next try goes to the other one.
                    _counters.ServerFailures++;
                    if (q.Tries > _retries)
                    {
                        q.Finish(DnsStatus.Error, DnsError.ServerFailure);
                    }
                    else
                    {
                        _counters.Retransmissions++;
                        Transmit(q, nowMs);
                    }

                    break;
                case DnsResponse.Failure:
                    _counters.ServerFailures++;
                    q.Finish(DnsStatus.Error, DnsError.Failure);
                    break;
                case DnsResponse.Truncated:
                    _counters.Truncated++;
                    q.Finish(DnsStatus.Error, DnsError.Truncated);
                    break;
                case DnsResponse.ChainTooLong:
                    q.Finish(DnsStatus.Error, DnsError.ChainTooLong);
                    break;
                case DnsResponse.QuestionMismatch:
                    // Not an answer to this query: keep waiting (RFC 5452 §9.1).
                    _counters.QuestionMismatch++;
                    break;
                default:
                    _counters.Malformed++;
                    break;
            }
        }

        // ---- transmit ----------------------------------------------------------------

        /// <summary>Sends try number q.Tries to server (q.Tries mod count) and arms the timeout.</summary>
        private void Transmit(DnsQuery q, long nowMs)
        {
            int count = LoadServers();
            if (count == 0)
            {
                q.Finish(DnsStatus.Error, DnsError.NoServer);
                return;
            }

            if (_socket < 0 && !OpenSocket())
            {
                q.Finish(DnsStatus.Error, DnsError.NoSocket);
                return;
            }

            uint server = _servers[q.Tries % count];
            q.Tries++;
            q.Deadline = NetTime.After(nowMs, _timeoutMs);
            if (q.SentTo0 == 0 || q.SentTo0 == server)
            {
                q.SentTo0 = server;
            }
            else
            {
                q.SentTo1 = server;
            }

            int n = BuildQuery(q);
            SocketError e = _udp.SendTo(_socket, _tx, 0, n, server, DnsMessage.Port, nowMs);
            if (e == SocketError.Success)
            {
                _counters.QueriesOut++;
                return;
            }

            _counters.SendFailed++;
            if (e == SocketError.NetworkUnreachable || e == SocketError.NetworkDown)
            {
                // No address or no link: waiting for a timeout would only hide that.
                q.Finish(DnsStatus.Error, DnsError.NoRoute);
            }
        }

        private int BuildQuery(DnsQuery q)
        {
            NetOrder.WriteUInt16(_tx, DnsMessage.IdOffset, q.Id);
            // RFC 1123 §6.1.3.1: a stub resolver asks for recursion.
            NetOrder.WriteUInt16(_tx, DnsMessage.FlagsOffset, DnsMessage.FlagRd);
            NetOrder.WriteUInt16(_tx, DnsMessage.QdCountOffset, 1);
            NetOrder.WriteUInt16(_tx, DnsMessage.AnCountOffset, 0);
            NetOrder.WriteUInt16(_tx, DnsMessage.NsCountOffset, 0);
            NetOrder.WriteUInt16(_tx, DnsMessage.ArCountOffset, 0);
            int o = DnsMessage.HeaderLength;
            System.Array.Copy(q.Name, 0, _tx, o, q.NameLength);
            o += q.NameLength;
            NetOrder.WriteUInt16(_tx, o, DnsMessage.TypeA);
            NetOrder.WriteUInt16(_tx, o + 2, DnsMessage.ClassIn);
            return o + 4;
        }

        private bool OpenSocket()
        {
            int h;
            if (_udp.Open(out h) != SocketError.Success)
            {
                return false;
            }

            // An ephemeral port; connect is not used so either server may answer.
            if (_udp.Bind(h, 0, 0) != SocketError.Success)
            {
                _udp.Close(h);
                return false;
            }

            _socket = h;
            return true;
        }

        /// <summary>Fills _servers from SetServers, else ServerSource, else NetStack.DnsServer; returns the count.</summary>
        private int LoadServers()
        {
            int n = 0;
            if (_primary != 0 || _secondary != 0)
            {
                n = Add(n, _primary);
                n = Add(n, _secondary);
                return n;
            }

            IDnsServerSource source = ServerSource;
            if (source != null && source.DnsServerCount > 0)
            {
                n = Add(n, source.GetDnsServer(0));
                n = Add(n, source.GetDnsServer(1));
                if (n > 0)
                {
                    return n;
                }
            }

            return Add(0, _stack.DnsServer);
        }

        private int Add(int n, uint server)
        {
            if (server == 0 || n >= 2 || (n == 1 && _servers[0] == server))
            {
                return n;
            }

            _servers[n] = server;
            return n + 1;
        }

        /// <summary>RFC 5452 §9.2: an unpredictable id, distinct from every pending query's.</summary>
        private int NewId()
        {
            int id = 0;
            for (int attempt = 0; attempt < 8; attempt++)
            {
                id = _random.Next(0x10000);
                bool taken = false;
                for (int i = 0; i < _slots.Length; i++)
                {
                    if (_slots[i].Status == DnsStatus.Pending && _slots[i].Id == id)
                    {
                        taken = true;
                        break;
                    }
                }

                if (!taken)
                {
                    break;
                }
            }

            return id;
        }
    }
}
