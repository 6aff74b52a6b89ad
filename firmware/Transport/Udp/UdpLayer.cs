using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Transport.Udp
{
    /// <summary>
    /// UDP (RFC 768, RFC 1122 §4.1) over a fixed table of NetConfig.UdpSockets endpoints.
    /// Handles are small ints (table indexes). Every call is non-blocking and returns a
    /// SocketError named after BSD errno: a socket facade maps onto it one call per call.
    /// </summary>
    public sealed class UdpLayer : IIpReceiver
    {
        private readonly Ipv4Layer _ip;
        private readonly UdpCounters _counters;
        private readonly UdpEndpoint[] _endpoints;
        private readonly int _ephemeralFirst;
        private readonly int _ephemeralCount;
        private int _ephemeralNext;

        public UdpLayer(NetConfig config, Ipv4Layer ip, UdpCounters counters)
        {
            _ip = ip;
            _counters = counters;
            _endpoints = new UdpEndpoint[config.UdpSockets];
            for (int i = 0; i < _endpoints.Length; i++)
            {
                _endpoints[i] = new UdpEndpoint(config.UdpReceiveBufferSize);
            }

            _ephemeralFirst = config.EphemeralPortFirst;
            _ephemeralCount = config.EphemeralPortLast - config.EphemeralPortFirst + 1;
            // RFC 6056 §3.3.1 wants an unpredictable start; the secret boards seed from hardware serves.
            _ephemeralNext = (int)(config.IsnSecret % (uint)_ephemeralCount);
        }

        public UdpCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>Size of the endpoint table.</summary>
        public int Capacity
        {
            get { return _endpoints.Length; }
        }

        /// <summary>Largest payload one datagram can carry (MTU − 28).</summary>
        public int MaxDatagramSize
        {
            get { return _ip.MaxTransportLength - UdpHeader.Length; }
        }

        // ---- lifecycle ---------------------------------------------------------------

        /// <summary>socket(): takes a free endpoint. TooManyOpenSockets when the table is full.</summary>
        public SocketError Open(out int handle)
        {
            for (int i = 0; i < _endpoints.Length; i++)
            {
                if (!_endpoints[i].Open)
                {
                    _endpoints[i].Reset();
                    _endpoints[i].Open = true;
                    handle = i;
                    return SocketError.Success;
                }
            }

            handle = -1;
            return SocketError.TooManyOpenSockets;
        }

        /// <summary>close(): frees the endpoint and drops what it had queued.</summary>
        public SocketError Close(int handle)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            ep.Reset();
            return SocketError.Success;
        }

        public bool IsOpen(int handle)
        {
            return Get(handle) != null;
        }

        /// <summary>
        /// bind(): localAddress 0 (any) or ours; port 0 picks an ephemeral port. InvalidArgument
        /// when already bound, AddressNotAvailable for a foreign address, AddressAlreadyInUse
        /// when another endpoint holds the port.
        /// </summary>
        public SocketError Bind(int handle, uint localAddress, int port)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            if (ep.LocalPort != 0 || port < 0 || port > 65535)
            {
                return SocketError.InvalidArgument;
            }

            if (localAddress != 0 && localAddress != _ip.LocalAddress)
            {
                return SocketError.AddressNotAvailable;
            }

            if (port == 0)
            {
                port = EphemeralPort();
                if (port == 0)
                {
                    return SocketError.AddressNotAvailable;
                }
            }
            else if (PortInUse(port, localAddress))
            {
                return SocketError.AddressAlreadyInUse;
            }

            ep.LocalAddress = localAddress;
            ep.LocalPort = port;
            return SocketError.Success;
        }

        /// <summary>
        /// connect(): fixes the default destination and accepts datagrams only from it; binds an
        /// ephemeral port first if needed. Address 0 and port 0 dissolve the association.
        /// </summary>
        public SocketError Connect(int handle, uint remoteAddress, int remotePort)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            if (remoteAddress == 0 && remotePort == 0)
            {
                ep.RemoteAddress = 0;
                ep.RemotePort = 0;
                return SocketError.Success;
            }

            if (remotePort <= 0 || remotePort > 65535 || remoteAddress == 0)
            {
                return SocketError.InvalidArgument;
            }

            if (_ip.IsBroadcast(remoteAddress) && !ep.Broadcast)
            {
                return SocketError.AccessDenied;
            }

            SocketError e = EnsureBound(ep);
            if (e != SocketError.Success)
            {
                return e;
            }

            ep.RemoteAddress = remoteAddress;
            ep.RemotePort = remotePort;
            ep.Error = SocketError.Success;
            return SocketError.Success;
        }

        /// <summary>SO_BROADCAST: whether the endpoint may send to broadcast addresses.</summary>
        public SocketError SetBroadcast(int handle, bool enabled)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            ep.Broadcast = enabled;
            return SocketError.Success;
        }

        /// <summary>getsockname(): local address (0 = any) and port (0 = unbound).</summary>
        public SocketError GetLocalEndpoint(int handle, out uint address, out int port)
        {
            UdpEndpoint ep = Get(handle);
            address = ep == null ? 0 : ep.LocalAddress;
            port = ep == null ? 0 : ep.LocalPort;
            return ep == null ? SocketError.NotSocket : SocketError.Success;
        }

        /// <summary>getpeername(): the connected remote, NotConnected when none.</summary>
        public SocketError GetRemoteEndpoint(int handle, out uint address, out int port)
        {
            UdpEndpoint ep = Get(handle);
            address = 0;
            port = 0;
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            if (!ep.Connected)
            {
                return SocketError.NotConnected;
            }

            address = ep.RemoteAddress;
            port = ep.RemotePort;
            return SocketError.Success;
        }

        /// <summary>SO_ERROR: the pending error from an ICMP message, cleared by reading.</summary>
        public SocketError TakeError(int handle)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            SocketError e = ep.Error;
            ep.Error = SocketError.Success;
            return e;
        }

        /// <summary>The pending ICMP error without clearing it (poll's POLLERR), Success when none.</summary>
        public SocketError PeekError(int handle)
        {
            UdpEndpoint ep = Get(handle);
            return ep == null ? SocketError.NotSocket : ep.Error;
        }

        /// <summary>Counts datagrams and errors arriving on handle (a facade compares it to know when to wake waiters); -1 for a bad handle.</summary>
        public int HandleChangeCount(int handle)
        {
            UdpEndpoint ep = Get(handle);
            return ep == null ? -1 : ep.Changes;
        }

        // ---- data --------------------------------------------------------------------

        /// <summary>
        /// sendto(): one datagram of count bytes to address:port (binds an ephemeral port if
        /// unbound). MessageSize when larger than MaxDatagramSize, AccessDenied for broadcast
        /// without SetBroadcast, then the routing outcome (NetworkUnreachable, HostUnreachable,
        /// NoBufferSpace, NetworkDown). Success also when the datagram waits for ARP.
        /// A connected endpoint first reports a pending ICMP error (as BSD does).
        /// </summary>
        public SocketError SendTo(int handle, byte[] data, int offset, int count, uint address, int port, long nowMs)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            if (count < 0 || (count > 0 && (data == null || offset < 0 || offset + count > data.Length)) || port <= 0 || port > 65535 || address == 0)
            {
                return SocketError.InvalidArgument;
            }

            if (count > MaxDatagramSize)
            {
                return SocketError.MessageSize;
            }

            if (_ip.IsBroadcast(address) && !ep.Broadcast)
            {
                return SocketError.AccessDenied;
            }

            if (ep.Connected && ep.Error != SocketError.Success)
            {
                SocketError pending = ep.Error;
                ep.Error = SocketError.Success;
                return pending;
            }

            SocketError e = EnsureBound(ep);
            if (e != SocketError.Success)
            {
                return e;
            }

            byte[] tx = _ip.TxBuffer;
            int t = _ip.TransportOffset;
            int length = UdpHeader.Length + count;
            NetOrder.WriteUInt16(tx, t + UdpHeader.SourcePortOffset, ep.LocalPort);
            NetOrder.WriteUInt16(tx, t + UdpHeader.DestinationPortOffset, port);
            NetOrder.WriteUInt16(tx, t + UdpHeader.LengthOffset, length);
            tx[t + UdpHeader.ChecksumOffset] = 0;
            tx[t + UdpHeader.ChecksumOffset + 1] = 0;
            if (count > 0)
            {
                System.Array.Copy(data, offset, tx, t + UdpHeader.Length, count);
            }

            uint source = ep.LocalAddress != 0 ? ep.LocalAddress : _ip.LocalAddress;
            uint sum = InternetChecksum.AddPseudoHeader(0, source, address, IpProtocol.Udp, length);
            ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, tx, t, length));
            // RFC 768: a computed 0 is sent as all ones (0 means "no checksum").
            NetOrder.WriteUInt16(tx, t + UdpHeader.ChecksumOffset, checksum == 0 ? 0xFFFF : checksum);

            IpSendResult r = _ip.Send(address, IpProtocol.Udp, length, nowMs);
            if (r == IpSendResult.Sent || r == IpSendResult.Pending)
            {
                _counters.DatagramsOut++;
                return SocketError.Success;
            }

            _counters.SendFailed++;
            return SocketErrors.FromSend(r);
        }

        /// <summary>send(): sendto the connected remote; DestinationAddressRequired when not connected.</summary>
        public SocketError Send(int handle, byte[] data, int offset, int count, long nowMs)
        {
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            if (!ep.Connected)
            {
                return SocketError.DestinationAddressRequired;
            }

            return SendTo(handle, data, offset, count, ep.RemoteAddress, ep.RemotePort, nowMs);
        }

        /// <summary>
        /// recvfrom(): the oldest datagram into buffer, its length in received and its sender.
        /// WouldBlock when none waits. A datagram longer than count is truncated, the rest
        /// discarded, and MessageSize returned (received = count), as Winsock reports it.
        /// A connected endpoint first reports a pending ICMP error.
        /// </summary>
        public SocketError ReceiveFrom(int handle, byte[] buffer, int offset, int count, out int received, out uint address, out int port)
        {
            received = 0;
            address = 0;
            port = 0;
            UdpEndpoint ep = Get(handle);
            if (ep == null)
            {
                return SocketError.NotSocket;
            }

            if (count < 0 || (count > 0 && (buffer == null || offset < 0 || offset + count > buffer.Length)))
            {
                return SocketError.InvalidArgument;
            }

            if (ep.Connected && ep.Error != SocketError.Success)
            {
                SocketError pending = ep.Error;
                ep.Error = SocketError.Success;
                return pending;
            }

            int length = ep.Queue.Dequeue(buffer, offset, count, out address, out port);
            if (length < 0)
            {
                return SocketError.WouldBlock;
            }

            if (length > count)
            {
                received = count;
                return SocketError.MessageSize;
            }

            received = length;
            return SocketError.Success;
        }

        /// <summary>Length of the next datagram waiting (FIONREAD for UDP), -1 when none.</summary>
        public int NextDatagramLength(int handle)
        {
            UdpEndpoint ep = Get(handle);
            return ep == null ? -1 : ep.Queue.PeekLength();
        }

        /// <summary>Bytes of handle's receive buffer in use, record headers included (netstat's Recv-Q).</summary>
        public int QueuedBytes(int handle)
        {
            UdpEndpoint ep = Get(handle);
            return ep == null ? 0 : ep.Queue.Used;
        }

        /// <summary>Datagrams waiting on handle.</summary>
        public int QueuedDatagrams(int handle)
        {
            UdpEndpoint ep = Get(handle);
            return ep == null ? 0 : ep.Queue.Count;
        }

        // ---- IIpReceiver -------------------------------------------------------------

        public bool Receive(uint source, uint destination, bool broadcast, byte[] buffer, int offset, int length, long nowMs)
        {
            if (length < UdpHeader.Length)
            {
                _counters.Malformed++;
                return true;
            }

            int udpLength = NetOrder.ReadUInt16(buffer, offset + UdpHeader.LengthOffset);
            int destinationPort = NetOrder.ReadUInt16(buffer, offset + UdpHeader.DestinationPortOffset);
            if (udpLength < UdpHeader.Length || udpLength > length || destinationPort == 0)
            {
                _counters.Malformed++;
                return true;
            }

            if (NetOrder.ReadUInt16(buffer, offset + UdpHeader.ChecksumOffset) != 0)
            {
                uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, IpProtocol.Udp, udpLength);
                if (InternetChecksum.Finish(InternetChecksum.Add(sum, buffer, offset, udpLength)) != 0)
                {
                    _counters.BadChecksum++;
                    return true;
                }
            }

            int sourcePort = NetOrder.ReadUInt16(buffer, offset + UdpHeader.SourcePortOffset);
            UdpEndpoint ep = Match(destination, destinationPort, source, sourcePort);
            if (ep == null)
            {
                _counters.NoPort++;
                return false;
            }

            if (!ep.Queue.Enqueue(source, sourcePort, buffer, offset + UdpHeader.Length, udpLength - UdpHeader.Length))
            {
                _counters.QueueFull++;
                return true;
            }

            ep.Changes++;
            _counters.DatagramsIn++;
            return true;
        }

        public void IcmpError(int type, int code, uint quotedDestination, byte[] quoted, int transportOffset, int available, long nowMs)
        {
            if (available < UdpHeader.Length)
            {
                return;
            }

            int localPort = NetOrder.ReadUInt16(quoted, transportOffset + UdpHeader.SourcePortOffset);
            int remotePort = NetOrder.ReadUInt16(quoted, transportOffset + UdpHeader.DestinationPortOffset);
            for (int i = 0; i < _endpoints.Length; i++)
            {
                UdpEndpoint ep = _endpoints[i];
                if (ep.Open && ep.LocalPort == localPort
                    && (!ep.Connected || (ep.RemoteAddress == quotedDestination && ep.RemotePort == remotePort)))
                {
                    ep.Error = SocketErrors.FromIcmp(type, code);
                    ep.Changes++;
                    _counters.IcmpErrors++;
                    return;
                }
            }
        }

        public long Poll(long nowMs)
        {
            return NetTime.Never;
        }

        // ---- helpers -----------------------------------------------------------------

        private UdpEndpoint Get(int handle)
        {
            if (handle < 0 || handle >= _endpoints.Length || !_endpoints[handle].Open)
            {
                return null;
            }

            return _endpoints[handle];
        }

        private UdpEndpoint Match(uint destination, int destinationPort, uint source, int sourcePort)
        {
            for (int i = 0; i < _endpoints.Length; i++)
            {
                UdpEndpoint ep = _endpoints[i];
                // A socket bound to a unicast address does not see broadcasts (BSD).
                if (ep.Open && ep.LocalPort == destinationPort
                    && (ep.LocalAddress == 0 || ep.LocalAddress == destination)
                    && (!ep.Connected || (ep.RemoteAddress == source && ep.RemotePort == sourcePort)))
                {
                    return ep;
                }
            }

            return null;
        }

        private bool PortInUse(int port, uint localAddress)
        {
            for (int i = 0; i < _endpoints.Length; i++)
            {
                UdpEndpoint ep = _endpoints[i];
                if (ep.Open && ep.LocalPort == port && (ep.LocalAddress == 0 || localAddress == 0 || ep.LocalAddress == localAddress))
                {
                    return true;
                }
            }

            return false;
        }

        private SocketError EnsureBound(UdpEndpoint ep)
        {
            if (ep.LocalPort != 0)
            {
                return SocketError.Success;
            }

            int port = EphemeralPort();
            if (port == 0)
            {
                return SocketError.AddressNotAvailable;
            }

            ep.LocalPort = port;
            return SocketError.Success;
        }

        /// <summary>The next free port of the ephemeral range, 0 when every one is taken.</summary>
        private int EphemeralPort()
        {
            for (int tries = 0; tries < _ephemeralCount; tries++)
            {
                int port = _ephemeralFirst + _ephemeralNext;
                _ephemeralNext++;
                if (_ephemeralNext >= _ephemeralCount)
                {
                    _ephemeralNext = 0;
                }

                if (!PortInUse(port, 0))
                {
                    return port;
                }
            }

            return 0;
        }

        /// <summary>Bytes allocated at start-up (receive rings).</summary>
        public int FootprintBytes
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _endpoints.Length; i++)
                {
                    n += _endpoints[i].Queue.Capacity + 48;
                }

                return n;
            }
        }
    }
}
