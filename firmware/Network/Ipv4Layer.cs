using NanoIP.Link;

namespace NanoIP.Network
{
    /// <summary>
    /// IPv4 for a host (RFC 791, RFC 1122 §3): validates received headers and hands the
    /// payload to the registered transport; builds headers for transports (IIpSender),
    /// routes on-link or via the gateway, and passes frames down to ARP. No fragmentation
    /// or reassembly: fragments are counted and dropped, and we send with DF set.
    /// </summary>
    public sealed class Ipv4Layer : IIpSender, INextHopListener
    {
        private const int LinkHeader = EthernetFrame.HeaderLength;
        private const int TransportStart = EthernetFrame.HeaderLength + Ipv4Header.MinLength;

        private readonly InterfaceAddress _iface;
        private readonly ArpLayer _arp;
        private readonly Ipv4Counters _counters;
        private readonly byte _ttl;
        private readonly byte[] _tx;
        private readonly int _mtu;
        private readonly byte[] _protocols;
        private readonly IIpReceiver[] _receivers;
        private int _receiverCount;
        private IcmpLayer _icmp;
        private int _identification;

        /// <param name="txBuffer">Frame-sized buffer the transports write into (held for life).</param>
        /// <param name="mtu">Largest IPv4 packet (frame length − 14).</param>
        public Ipv4Layer(NetConfig config, InterfaceAddress iface, ArpLayer arp, byte[] txBuffer, int mtu, Ipv4Counters counters)
        {
            _iface = iface;
            _arp = arp;
            _counters = counters;
            _ttl = config.DefaultTtl;
            _tx = txBuffer;
            _mtu = mtu;
            int slots = config.MaxTransports + 1;
            _protocols = new byte[slots];
            _receivers = new IIpReceiver[slots];
            _identification = (int)(config.IsnSecret & 0xFFFF);
        }

        public Ipv4Counters Counters
        {
            get { return _counters; }
        }

        internal void Attach(IcmpLayer icmp)
        {
            _icmp = icmp;
        }

        // ---- IIpSender ---------------------------------------------------------------

        public byte[] TxBuffer
        {
            get { return _tx; }
        }

        public int TransportOffset
        {
            get { return TransportStart; }
        }

        public int MaxTransportLength
        {
            get { return _mtu - Ipv4Header.MinLength; }
        }

        public uint LocalAddress
        {
            get { return _iface.Address; }
        }

        /// <summary>Largest IPv4 packet we send or accept (1500 on Ethernet).</summary>
        public int Mtu
        {
            get { return _mtu; }
        }

        /// <summary>Limited broadcast or our subnet's directed broadcast.</summary>
        public bool IsBroadcast(uint address)
        {
            return _iface.IsBroadcast(address);
        }

        public IpSendResult Send(uint destination, byte protocol, int transportLength, long nowMs)
        {
            if (transportLength < 0 || transportLength > MaxTransportLength)
            {
                _counters.OutDiscards++;
                return IpSendResult.NoBuffer;
            }

            uint nextHop;
            IpSendResult route = Route(destination, out nextHop);
            if (route != IpSendResult.Sent)
            {
                _counters.NoRoute++;
                return route;
            }

            int total = Ipv4Header.MinLength + transportLength;
            Ipv4Header.Write(_tx, LinkHeader, total, _identification, _ttl, protocol, _iface.Address, destination);
            _identification = (_identification + 1) & 0xFFFF;
            IpSendResult r = _arp.Output(_tx, LinkHeader + total, nextHop, nowMs);
            if (r == IpSendResult.Sent || r == IpSendResult.Pending)
            {
                _counters.PacketsOut++;
            }
            else
            {
                _counters.OutDiscards++;
            }

            return r;
        }

        public IpSendResult RouteStatus(uint destination, long nowMs)
        {
            uint nextHop;
            IpSendResult route = Route(destination, out nextHop);
            return route != IpSendResult.Sent ? route : _arp.Resolve(nextHop, nowMs);
        }

        /// <summary>Next hop for destination: itself when on-link or broadcast, else the gateway.</summary>
        private IpSendResult Route(uint destination, out uint nextHop)
        {
            nextHop = destination;
            if (destination == IPv4.LimitedBroadcast)
            {
                // Allowed unconfigured too, from 0.0.0.0 (DHCP, RFC 2131 §4.1).
                return IpSendResult.Sent;
            }

            uint ours = _iface.Address;
            if (ours == 0 || destination == 0 || destination == ours || IPv4.IsLoopback(destination) || (destination >> 24) == 0)
            {
                return IpSendResult.NetworkUnreachable;
            }

            if (_iface.IsBroadcast(destination) || IPv4.IsMulticast(destination) || _iface.IsOnLink(destination))
            {
                return IpSendResult.Sent;
            }

            if (_iface.Gateway != 0)
            {
                nextHop = _iface.Gateway;
                return IpSendResult.Sent;
            }

            return IpSendResult.NetworkUnreachable;
        }

        // ---- receive -----------------------------------------------------------------

        /// <summary>Validates one IPv4 packet at frame[offset..offset+length) and delivers it.</summary>
        public void Receive(byte[] frame, int offset, int length, bool linkBroadcast, long nowMs)
        {
            _counters.PacketsIn++;
            if (length < Ipv4Header.MinLength || (frame[offset] >> 4) != 4)
            {
                _counters.HeaderErrors++;
                return;
            }

            int ihl = Ipv4Header.HeaderLength(frame, offset);
            if (ihl < Ipv4Header.MinLength || ihl > length)
            {
                _counters.HeaderErrors++;
                return;
            }

            // The frame may carry Ethernet padding after the packet: trust the total length, never beyond the frame.
            int total = NetOrder.ReadUInt16(frame, offset + Ipv4Header.TotalLengthOffset);
            if (total < ihl || total > length)
            {
                _counters.BadLength++;
                return;
            }

            if (InternetChecksum.Compute(frame, offset, ihl) != 0)
            {
                _counters.BadChecksum++;
                return;
            }

            int flags = NetOrder.ReadUInt16(frame, offset + Ipv4Header.FlagsFragmentOffset);
            if ((flags & (Ipv4Header.FlagMoreFragments | Ipv4Header.FragmentOffsetMask)) != 0)
            {
                _counters.Fragments++;
                return;
            }

            uint source = NetOrder.ReadUInt32(frame, offset + Ipv4Header.SourceOffset);
            uint destination = NetOrder.ReadUInt32(frame, offset + Ipv4Header.DestinationOffset);
            uint ours = _iface.Address;
            bool broadcast = _iface.IsBroadcast(destination);
            if (!(broadcast || (ours != 0 && destination == ours)) || (linkBroadcast && !broadcast))
            {
                _counters.NotForUs++;
                return;
            }

            if (source == IPv4.LimitedBroadcast || IPv4.IsMulticast(source) || (ours != 0 && source == ours) || (source != 0 && _iface.IsBroadcast(source)))
            {
                _counters.BadSource++;
                return;
            }

            if (ihl > Ipv4Header.MinLength)
            {
                _counters.OptionsSkipped++;
            }

            byte protocol = frame[offset + Ipv4Header.ProtocolOffset];
            IIpReceiver receiver = Find(protocol);
            if (receiver == null)
            {
                _counters.NoProtocol++;
                if (!broadcast && _icmp != null)
                {
                    _icmp.SendDestinationUnreachable(IcmpMessage.CodeProtocolUnreachable, frame, offset, total, source, nowMs);
                }

                return;
            }

            _counters.Delivered++;
            bool taken = receiver.Receive(source, destination, broadcast, frame, offset + ihl, total - ihl, nowMs);
            if (!taken && protocol == IpProtocol.Udp && !broadcast && _icmp != null)
            {
                _icmp.SendDestinationUnreachable(IcmpMessage.CodePortUnreachable, frame, offset, total, source, nowMs);
            }
        }

        /// <summary>
        /// An ICMP error quoting one of our datagrams (quoted IPv4 header at offset, length bytes
        /// quoted): handed to the transport that sent it, if the quote is ours and long enough.
        /// </summary>
        internal void DeliverIcmpError(int type, int code, byte[] buffer, int offset, int length, long nowMs)
        {
            if (length < Ipv4Header.MinLength + 8 || (buffer[offset] >> 4) != 4)
            {
                _counters.IcmpErrorsIgnored++;
                return;
            }

            int ihl = Ipv4Header.HeaderLength(buffer, offset);
            uint source = NetOrder.ReadUInt32(buffer, offset + Ipv4Header.SourceOffset);
            IIpReceiver receiver = Find(buffer[offset + Ipv4Header.ProtocolOffset]);
            // RFC 1122 §3.2.2: the quote must carry at least 8 octets past the header; it must be a datagram we sent.
            if (ihl < Ipv4Header.MinLength || ihl + 8 > length || source != _iface.Address || receiver == null)
            {
                _counters.IcmpErrorsIgnored++;
                return;
            }

            _counters.IcmpErrorsDelivered++;
            uint quotedDestination = NetOrder.ReadUInt32(buffer, offset + Ipv4Header.DestinationOffset);
            receiver.IcmpError(type, code, quotedDestination, buffer, offset + ihl, length - ihl, nowMs);
        }

        /// <summary>ARP gave up on a parked packet: its transport learns host unreachable, as Linux does locally.</summary>
        public void NextHopUnreachable(byte[] frame, int offset, int length, long nowMs)
        {
            _counters.HostUnreachable++;
            DeliverIcmpError(IcmpMessage.TypeDestinationUnreachable, IcmpMessage.CodeHostUnreachable, frame, offset, length, nowMs);
        }

        // ---- transports --------------------------------------------------------------

        /// <summary>Adds the receiver for protocol (start-up only). Throws when taken or the table is full.</summary>
        public void Register(byte protocol, IIpReceiver receiver)
        {
            if (receiver == null)
            {
                throw new System.ArgumentNullException("receiver");
            }

            if (Find(protocol) != null)
            {
                throw new System.InvalidOperationException("protocol already registered");
            }

            if (_receiverCount == _receivers.Length)
            {
                throw new System.InvalidOperationException("NetConfig.MaxTransports reached");
            }

            _protocols[_receiverCount] = protocol;
            _receivers[_receiverCount] = receiver;
            _receiverCount++;
        }

        public IIpReceiver Find(byte protocol)
        {
            for (int i = 0; i < _receiverCount; i++)
            {
                if (_protocols[i] == protocol)
                {
                    return _receivers[i];
                }
            }

            return null;
        }

        /// <summary>Polls every registered transport; returns the earliest deadline.</summary>
        public long PollTransports(long nowMs)
        {
            long next = NetTime.Never;
            for (int i = 0; i < _receiverCount; i++)
            {
                next = NetTime.Earliest(next, _receivers[i].Poll(nowMs));
            }

            return next;
        }
    }
}
