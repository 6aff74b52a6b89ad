using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Link
{
    /// <summary>
    /// ARP for IPv4 over Ethernet (RFC 826) with the pieces a host needs around it:
    /// a fixed cache with aging and unicast re-probing, request retries, one parked
    /// packet per unresolved next hop, replies for our address, learning from requests
    /// addressed to us, announcements on (re)configuration (RFC 5227 §2.3), conflict
    /// detection and defence (RFC 5227 §2.4), probing of a candidate address (RFC 5227
    /// §2.1.1, for DHCP), and static entries.
    /// </summary>
    public sealed class ArpLayer
    {
        private readonly InterfaceAddress _iface;
        private readonly EthernetLayer _ethernet;
        private readonly FramePool _pool;
        private readonly ArpCounters _counters;
        private readonly ArpCache _cache;
        private readonly int _retries;
        private readonly int _intervalMs;
        private readonly int _lifetimeMs;
        private readonly int _failedHoldMs;
        private readonly int _defendIntervalMs;
        private readonly int _announceCount;
        private readonly byte[] _tx = new byte[EthernetFrame.HeaderLength + ArpPacket.Length];
        private readonly byte[] _groupMac = new byte[] { 0x01, 0x00, 0x5e, 0, 0, 0 };
        private readonly byte[] _zeroMac = new byte[MacAddress.Length];
        private readonly byte[] _conflictMac = new byte[MacAddress.Length];
        private INextHopListener _listener;
        private int _announceLeft;
        private long _announceAt;
        private long _nextDefendAllowedMs = long.MinValue;
        private uint _conflictAddress;
        private long _conflictMs;
        private uint _probeAddress;
        private bool _probeClaimed;

        public ArpLayer(NetConfig config, InterfaceAddress iface, EthernetLayer ethernet, FramePool pool, ArpCounters counters)
        {
            _iface = iface;
            _ethernet = ethernet;
            _pool = pool;
            _counters = counters;
            _cache = new ArpCache(config.ArpEntries < 1 ? 1 : config.ArpEntries);
            _retries = config.ArpRequestRetries < 1 ? 1 : config.ArpRequestRetries;
            _intervalMs = config.ArpRequestIntervalMs;
            _lifetimeMs = config.ArpEntryLifetimeMs;
            _failedHoldMs = config.ArpFailedHoldMs;
            _defendIntervalMs = config.ArpDefendIntervalMs;
            _announceCount = config.GratuitousArpCount;
        }

        public ArpCounters Counters
        {
            get { return _counters; }
        }

        internal void Attach(INextHopListener listener)
        {
            _listener = listener;
        }

        // ---- receive ----------------------------------------------------------------

        /// <summary>Handles one ARP packet at frame[offset..offset+length).</summary>
        public void Receive(byte[] frame, int offset, int length, long nowMs)
        {
            if (length < ArpPacket.Length
                || NetOrder.ReadUInt16(frame, offset + ArpPacket.HardwareTypeOffset) != ArpPacket.HardwareEthernet
                || NetOrder.ReadUInt16(frame, offset + ArpPacket.ProtocolTypeOffset) != EthernetFrame.TypeIpv4
                || frame[offset + ArpPacket.HardwareLengthOffset] != 6
                || frame[offset + ArpPacket.ProtocolLengthOffset] != 4)
            {
                _counters.Malformed++;
                return;
            }

            int op = NetOrder.ReadUInt16(frame, offset + ArpPacket.OperationOffset);
            int sha = offset + ArpPacket.SenderMacOffset;
            if ((op != ArpPacket.OperationRequest && op != ArpPacket.OperationReply)
                || MacAddress.IsGroup(frame, sha) || MacAddress.IsZero(frame, sha))
            {
                _counters.Malformed++;
                return;
            }

            if (op == ArpPacket.OperationRequest)
            {
                _counters.RequestsIn++;
            }
            else
            {
                _counters.RepliesIn++;
            }

            if (MacAddress.AreEqual(frame, sha, _iface.Mac, 0))
            {
                // Our own packet reflected back to us.
                _counters.Ignored++;
                return;
            }

            uint spa = NetOrder.ReadUInt32(frame, offset + ArpPacket.SenderIpOffset);
            uint tpa = NetOrder.ReadUInt32(frame, offset + ArpPacket.TargetIpOffset);
            uint ours = _iface.Address;
            if (_probeAddress != 0 && (spa == _probeAddress || (spa == 0 && op == ArpPacket.OperationRequest && tpa == _probeAddress)))
            {
                // RFC 5227 §2.1.1: while probing, any ARP from another host claiming the address,
                // or another host's probe for it, means the address is not ours to take.
                _probeClaimed = true;
                _conflictAddress = _probeAddress;
                _conflictMs = nowMs;
                MacAddress.Copy(frame, sha, _conflictMac, 0);
            }

            if (ours != 0 && spa == ours)
            {
                Conflict(frame, sha, spa, nowMs);
                return;
            }

            bool forUs = ours != 0 && tpa == ours;

            // RFC 826 "merge": refresh a known sender whoever the packet targets; create
            // an entry only when the packet is addressed to us (the sender will talk to us).
            int e = spa != 0 ? _cache.Find(spa) : -1;
            if (e >= 0)
            {
                if (_cache.State[e] != ArpEntryState.Static)
                {
                    Learn(e, frame, sha, nowMs);
                }
            }
            else if (forUs && spa != 0 && spa != 0xFFFFFFFF && !IPv4.IsMulticast(spa))
            {
                e = _cache.Allocate(spa, nowMs);
                if (e >= 0)
                {
                    Learn(e, frame, sha, nowMs);
                }
                else
                {
                    _counters.CacheFull++;
                }
            }

            if (op == ArpPacket.OperationRequest && forUs)
            {
                ArpPacket.Write(_tx, EthernetFrame.HeaderLength, ArpPacket.OperationReply, _iface.Mac, 0, ours, frame, sha, spa);
                if (_ethernet.Transmit(_tx, _tx.Length, frame, sha, EthernetFrame.TypeArp))
                {
                    _counters.RepliesOut++;
                }
            }
            else if (!forUs && e < 0)
            {
                _counters.Ignored++;
            }
        }

        private void Learn(int e, byte[] frame, int macOffset, long nowMs)
        {
            MacAddress.Copy(frame, macOffset, _cache.Mac, _cache.MacOffset(e));
            _cache.State[e] = ArpEntryState.Reachable;
            _cache.Timer[e] = NetTime.After(nowMs, _lifetimeMs);
            _cache.Updated[e] = nowMs;
            _cache.Requests[e] = 0;
            _counters.Learned++;
            SendParked(e, nowMs);
        }

        private void SendParked(int e, long nowMs)
        {
            int p = _cache.Parked[e];
            if (p < 0)
            {
                return;
            }

            _cache.Parked[e] = -1;
            _cache.LastUsed[e] = nowMs;
            if (_ethernet.Transmit(_pool.Get(p), _cache.ParkedLength[e], _cache.Mac, _cache.MacOffset(e), EthernetFrame.TypeIpv4))
            {
                _counters.ParkedSent++;
            }
            else
            {
                _counters.ParkedDropped++;
            }

            _pool.Return(p);
        }

        private void Conflict(byte[] frame, int sha, uint address, long nowMs)
        {
            _counters.Conflicts++;
            _conflictAddress = address;
            _conflictMs = nowMs;
            MacAddress.Copy(frame, sha, _conflictMac, 0);

            // RFC 5227 §2.4 (b): defend once, then not again within DEFEND_INTERVAL.
            if (nowMs >= _nextDefendAllowedMs)
            {
                _nextDefendAllowedMs = NetTime.After(nowMs, _defendIntervalMs);
                if (SendAnnouncement())
                {
                    _counters.Defends++;
                }
            }
        }

        // ---- transmit ---------------------------------------------------------------

        /// <summary>
        /// Sends an IPv4 frame (header at 14, length bytes in all) towards nextHop: broadcast
        /// and multicast go out at once, a resolved hop gets its MAC, an unresolved one gets
        /// a request and the frame is copied into its pending slot.
        /// </summary>
        public IpSendResult Output(byte[] frame, int length, uint nextHop, long nowMs)
        {
            if (_iface.IsBroadcast(nextHop))
            {
                return Transmit(frame, length, MacAddress.Broadcast, 0);
            }

            if (IPv4.IsMulticast(nextHop))
            {
                // RFC 1112 §6.4: 01:00:5e + low 23 bits of the group.
                _groupMac[3] = (byte)((nextHop >> 16) & 0x7F);
                _groupMac[4] = (byte)(nextHop >> 8);
                _groupMac[5] = (byte)nextHop;
                return Transmit(frame, length, _groupMac, 0);
            }

            int e = _cache.Find(nextHop);
            if (e >= 0)
            {
                ArpEntryState s = _cache.State[e];
                if (s == ArpEntryState.Reachable || s == ArpEntryState.Probe || s == ArpEntryState.Static)
                {
                    _cache.LastUsed[e] = nowMs;
                    return Transmit(frame, length, _cache.Mac, _cache.MacOffset(e));
                }

                if (s == ArpEntryState.Incomplete)
                {
                    return Park(e, frame, length);
                }

                if (nowMs < _cache.Timer[e])
                {
                    return IpSendResult.HostUnreachable;
                }
            }
            else
            {
                e = _cache.Allocate(nextHop, nowMs);
                if (e < 0)
                {
                    _counters.CacheFull++;
                    return IpSendResult.NoBuffer;
                }
            }

            StartResolution(e, nowMs);
            return Park(e, frame, length);
        }

        /// <summary>
        /// Whether nextHop can take a frame now: Sent (resolved, broadcast), Pending (resolving;
        /// starts a resolution if none runs), HostUnreachable (failed recently), NoBuffer (table busy).
        /// </summary>
        public IpSendResult Resolve(uint nextHop, long nowMs)
        {
            if (_iface.IsBroadcast(nextHop) || IPv4.IsMulticast(nextHop))
            {
                return IpSendResult.Sent;
            }

            int e = _cache.Find(nextHop);
            if (e >= 0)
            {
                ArpEntryState s = _cache.State[e];
                if (s == ArpEntryState.Reachable || s == ArpEntryState.Probe || s == ArpEntryState.Static)
                {
                    return IpSendResult.Sent;
                }

                if (s == ArpEntryState.Incomplete)
                {
                    return IpSendResult.Pending;
                }

                if (nowMs < _cache.Timer[e])
                {
                    return IpSendResult.HostUnreachable;
                }
            }
            else
            {
                e = _cache.Allocate(nextHop, nowMs);
                if (e < 0)
                {
                    _counters.CacheFull++;
                    return IpSendResult.NoBuffer;
                }
            }

            StartResolution(e, nowMs);
            return IpSendResult.Pending;
        }

        private IpSendResult Transmit(byte[] frame, int length, byte[] mac, int macOffset)
        {
            return _ethernet.Transmit(frame, length, mac, macOffset, EthernetFrame.TypeIpv4) ? IpSendResult.Sent : IpSendResult.LinkDown;
        }

        private void StartResolution(int e, long nowMs)
        {
            _cache.State[e] = ArpEntryState.Incomplete;
            _cache.Requests[e] = 1;
            _cache.Timer[e] = NetTime.After(nowMs, _intervalMs);
            _cache.LastUsed[e] = nowMs;
            SendRequest(_cache.Ip[e], MacAddress.Broadcast, 0);
        }

        private IpSendResult Park(int e, byte[] frame, int length)
        {
            // One packet per next hop (lwIP's default): a second one is refused, not queued,
            // so a burst to a silent host cannot drain the pool.
            if (_cache.Parked[e] >= 0)
            {
                _counters.PendingRefused++;
                return IpSendResult.NoBuffer;
            }

            int p = _pool.Rent();
            if (p < 0)
            {
                _counters.PendingRefused++;
                return IpSendResult.NoBuffer;
            }

            System.Array.Copy(frame, 0, _pool.Get(p), 0, length);
            _cache.Parked[e] = p;
            _cache.ParkedLength[e] = length;
            return IpSendResult.Pending;
        }

        private bool SendRequest(uint target, byte[] destination, int destinationOffset)
        {
            ArpPacket.Write(_tx, EthernetFrame.HeaderLength, ArpPacket.OperationRequest, _iface.Mac, 0, _iface.Address, _zeroMac, 0, target);
            if (_ethernet.Transmit(_tx, _tx.Length, destination, destinationOffset, EthernetFrame.TypeArp))
            {
                _counters.RequestsOut++;
                return true;
            }

            return false;
        }

        private bool SendAnnouncement()
        {
            uint ours = _iface.Address;
            if (ours == 0)
            {
                return false;
            }

            ArpPacket.Write(_tx, EthernetFrame.HeaderLength, ArpPacket.OperationRequest, _iface.Mac, 0, ours, _zeroMac, 0, ours);
            if (_ethernet.Transmit(_tx, _tx.Length, MacAddress.Broadcast, 0, EthernetFrame.TypeArp))
            {
                _counters.GratuitousOut++;
                return true;
            }

            return false;
        }

        // ---- timers -----------------------------------------------------------------

        /// <summary>Schedules GratuitousArpCount announcements, the first on the next Poll.</summary>
        public void Announce()
        {
            _announceLeft = _announceCount;
            _announceAt = long.MinValue;
        }

        /// <summary>Retries, failures, aging, probing and announcements. Returns the next deadline.</summary>
        public long Poll(long nowMs)
        {
            long next = NetTime.Never;
            for (int e = 0; e < _cache.Count; e++)
            {
                ArpEntryState s = _cache.State[e];
                if (s == ArpEntryState.Free || s == ArpEntryState.Static)
                {
                    continue;
                }

                if (nowMs >= _cache.Timer[e])
                {
                    if (s == ArpEntryState.Incomplete)
                    {
                        if (_cache.Requests[e] >= _retries)
                        {
                            Fail(e, nowMs);
                        }
                        else
                        {
                            _cache.Requests[e]++;
                            _cache.Timer[e] = NetTime.After(nowMs, _intervalMs);
                            SendRequest(_cache.Ip[e], MacAddress.Broadcast, 0);
                        }
                    }
                    else if (s == ArpEntryState.Reachable)
                    {
                        if (_cache.LastUsed[e] > _cache.Updated[e])
                        {
                            // Still in use: keep the MAC and ask its owner directly (RFC 1122 §2.3.2.1).
                            _cache.State[e] = ArpEntryState.Probe;
                            _cache.Requests[e] = 1;
                            _cache.Timer[e] = NetTime.After(nowMs, _intervalMs);
                            SendRequest(_cache.Ip[e], _cache.Mac, _cache.MacOffset(e));
                        }
                        else
                        {
                            _cache.State[e] = ArpEntryState.Free;
                            _counters.Expired++;
                        }
                    }
                    else if (s == ArpEntryState.Probe)
                    {
                        if (_cache.Requests[e] >= _retries)
                        {
                            _cache.State[e] = ArpEntryState.Free;
                            _counters.Expired++;
                        }
                        else
                        {
                            _cache.Requests[e]++;
                            _cache.Timer[e] = NetTime.After(nowMs, _intervalMs);
                            SendRequest(_cache.Ip[e], _cache.Mac, _cache.MacOffset(e));
                        }
                    }
                    else
                    {
                        _cache.State[e] = ArpEntryState.Free;
                    }
                }

                if (_cache.State[e] != ArpEntryState.Free)
                {
                    next = NetTime.Earliest(next, _cache.Timer[e]);
                }
            }

            if (_announceLeft > 0)
            {
                if (!_iface.Configured)
                {
                    _announceLeft = 0;
                }
                else
                {
                    if (nowMs >= _announceAt)
                    {
                        SendAnnouncement();
                        _announceLeft--;
                        _announceAt = NetTime.After(nowMs, _intervalMs);
                    }

                    if (_announceLeft > 0)
                    {
                        next = NetTime.Earliest(next, _announceAt);
                    }
                }
            }

            return next;
        }

        private void Fail(int e, long nowMs)
        {
            _counters.ResolveFailures++;
            _cache.State[e] = ArpEntryState.Failed;
            _cache.Timer[e] = NetTime.After(nowMs, _failedHoldMs);
            int p = _cache.Parked[e];
            if (p >= 0)
            {
                _cache.Parked[e] = -1;
                _counters.ParkedDropped++;
                if (_listener != null)
                {
                    _listener.NextHopUnreachable(_pool.Get(p), EthernetFrame.HeaderLength, _cache.ParkedLength[e] - EthernetFrame.HeaderLength, nowMs);
                }

                _pool.Return(p);
            }
        }

        // ---- management (console) ---------------------------------------------------

        /// <summary>Number of cache entries (fixed).</summary>
        public int Capacity
        {
            get { return _cache.Count; }
        }

        /// <summary>Entry index's state, address and MAC (mac gets 6 bytes at macOffset); Free entries report 0.</summary>
        public ArpEntryState GetEntry(int index, out uint address, byte[] mac, int macOffset)
        {
            address = 0;
            if (index < 0 || index >= _cache.Count || _cache.State[index] == ArpEntryState.Free)
            {
                return ArpEntryState.Free;
            }

            address = _cache.Ip[index];
            if (mac != null)
            {
                MacAddress.Copy(_cache.Mac, _cache.MacOffset(index), mac, macOffset);
            }

            return _cache.State[index];
        }

        /// <summary>When entry index was last learned (ms), for the console's age column.</summary>
        public long GetEntryUpdatedMs(int index)
        {
            return index >= 0 && index < _cache.Count ? _cache.Updated[index] : 0;
        }

        /// <summary>The state of address's entry (Free when unknown).</summary>
        public ArpEntryState GetState(uint address)
        {
            int e = _cache.Find(address);
            return e < 0 ? ArpEntryState.Free : _cache.State[e];
        }

        /// <summary>Copies address's MAC when it is usable (Reachable, Probe, Static).</summary>
        public bool TryGetMac(uint address, byte[] mac, int macOffset)
        {
            int e = _cache.Find(address);
            if (e < 0)
            {
                return false;
            }

            ArpEntryState s = _cache.State[e];
            if (s != ArpEntryState.Reachable && s != ArpEntryState.Probe && s != ArpEntryState.Static)
            {
                return false;
            }

            MacAddress.Copy(_cache.Mac, _cache.MacOffset(e), mac, macOffset);
            return true;
        }

        /// <summary>"arp add": a permanent entry. A packet parked for it leaves at once.</summary>
        public SocketError AddStatic(uint address, byte[] mac, int macOffset, long nowMs)
        {
            if (address == 0 || address == 0xFFFFFFFF || IPv4.IsMulticast(address) || mac == null
                || MacAddress.IsGroup(mac, macOffset) || MacAddress.IsZero(mac, macOffset))
            {
                return SocketError.InvalidArgument;
            }

            int e = _cache.Find(address);
            if (e < 0)
            {
                e = _cache.Allocate(address, nowMs);
                if (e < 0)
                {
                    return SocketError.NoBufferSpace;
                }
            }

            MacAddress.Copy(mac, macOffset, _cache.Mac, _cache.MacOffset(e));
            _cache.State[e] = ArpEntryState.Static;
            _cache.Updated[e] = nowMs;
            SendParked(e, nowMs);
            return SocketError.Success;
        }

        /// <summary>"arp del": removes address's entry (static or not). False when there was none.</summary>
        public bool Remove(uint address)
        {
            int e = _cache.Find(address);
            if (e < 0)
            {
                return false;
            }

            Clear(e);
            return true;
        }

        /// <summary>"arp flush": removes every dynamic entry (parked packets are dropped); static entries stay.</summary>
        public void Flush()
        {
            for (int e = 0; e < _cache.Count; e++)
            {
                if (_cache.State[e] != ArpEntryState.Free && _cache.State[e] != ArpEntryState.Static)
                {
                    Clear(e);
                }
            }
        }

        private void Clear(int e)
        {
            int p = _cache.Parked[e];
            if (p >= 0)
            {
                _cache.Parked[e] = -1;
                _counters.ParkedDropped++;
                _pool.Return(p);
            }

            _cache.State[e] = ArpEntryState.Free;
        }

        // ---- address probing (RFC 5227 §2.1; DHCP's check of a leased address, RFC 2131 §4.4.1) ----

        /// <summary>
        /// Sends one ARP probe for address (who-has address, sender IP 0.0.0.0, broadcast) and
        /// watches for other hosts claiming it until StopProbe. The first probe for a new
        /// address clears ProbeClaimed. False when the frame could not be sent.
        /// </summary>
        public bool Probe(uint address)
        {
            if (address != _probeAddress)
            {
                _probeAddress = address;
                _probeClaimed = false;
            }

            ArpPacket.Write(_tx, EthernetFrame.HeaderLength, ArpPacket.OperationRequest, _iface.Mac, 0, 0, _zeroMac, 0, address);
            if (_ethernet.Transmit(_tx, _tx.Length, MacAddress.Broadcast, 0, EthernetFrame.TypeArp))
            {
                _counters.RequestsOut++;
                return true;
            }

            return false;
        }

        /// <summary>Stops watching the probed address.</summary>
        public void StopProbe()
        {
            _probeAddress = 0;
            _probeClaimed = false;
        }

        /// <summary>Whether another host claimed the probed address since the first Probe (its MAC: GetLastConflictMac).</summary>
        public bool ProbeClaimed
        {
            get { return _probeClaimed; }
        }

        /// <summary>Address claimed by the last conflicting ARP (ours at the time, or the one being probed), 0 when none seen.</summary>
        public uint LastConflictAddress
        {
            get { return _conflictAddress; }
        }

        /// <summary>When the last conflict was seen (ms).</summary>
        public long LastConflictMs
        {
            get { return _conflictMs; }
        }

        /// <summary>Copies the MAC of the last host that claimed our address.</summary>
        public void GetLastConflictMac(byte[] mac, int offset)
        {
            MacAddress.Copy(_conflictMac, 0, mac, offset);
        }

        /// <summary>Bytes allocated at start-up (cache and scratch).</summary>
        public int FootprintBytes
        {
            get { return _cache.Count * (4 + 6 + 4 + 8 + 4 + 4 + 4 + 8 + 8) + _tx.Length + 24; }
        }
    }
}
