using NanoIP.Drivers;
using NanoIP.Link;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;
using NanoIP.Transport.Udp;

namespace NanoIP
{
    /// <summary>
    /// The network interface: one link device, Ethernet, ARP, IPv4, ICMP and UDP, plus any
    /// transport registered later (TCP). Built once from a NetConfig, which sizes every
    /// buffer; after construction nothing is allocated. Poll drives everything: it reads
    /// frames, fires timers, sends what is ready, and says when it wants to run again.
    /// Single-threaded: call every member from the network thread.
    /// </summary>
    public sealed class NetStack
    {
        private readonly ILinkDevice _device;
        private readonly InterfaceAddress _iface = new InterfaceAddress();
        private readonly FramePool _pool;
        private readonly byte[] _rx;
        private readonly int _rxFramesPerPoll;
        private readonly EthernetLayer _ethernet;
        private readonly ArpLayer _arp;
        private readonly Ipv4Layer _ipv4;
        private readonly IcmpLayer _icmp;
        private readonly UdpLayer _udp;
        private readonly TcpLayer _tcp;
        private bool _linkUp;

        public NetStack(NetConfig config, ILinkDevice device)
        {
            if (config == null || device == null)
            {
                throw new System.ArgumentNullException(config == null ? "config" : "device");
            }

            if (config.FrameBuffers < 2)
            {
                throw new System.ArgumentException("NetConfig.FrameBuffers must be at least 2 (receive and transmit)");
            }

            _device = device;
            device.GetMacAddress(_iface.Mac, 0);
            int frameLength = config.MaxFrameLength < device.MaxFrameLength ? config.MaxFrameLength : device.MaxFrameLength;
            if (frameLength < EthernetFrame.HeaderLength + 68)
            {
                // RFC 791: every host must take 68-byte datagrams.
                throw new System.ArgumentException("frame length below the IPv4 minimum MTU");
            }

            _pool = new FramePool(config.FrameBuffers, frameLength);
            _rx = _pool.Get(_pool.Rent());
            byte[] tx = _pool.Get(_pool.Rent());
            _rxFramesPerPoll = config.RxFramesPerPoll < 1 ? 1 : config.RxFramesPerPoll;

            _ethernet = new EthernetLayer(device, _iface, new EthernetCounters());
            _arp = new ArpLayer(config, _iface, _ethernet, _pool, new ArpCounters());
            _ipv4 = new Ipv4Layer(config, _iface, _arp, tx, frameLength - EthernetFrame.HeaderLength, new Ipv4Counters());
            _icmp = new IcmpLayer(config, _ipv4, new IcmpCounters());
            _udp = new UdpLayer(config, _ipv4, new UdpCounters());
            _ethernet.Attach(_arp, _ipv4);
            _arp.Attach(_ipv4);
            _ipv4.Attach(_icmp);
            _ipv4.Register(IpProtocol.Icmp, _icmp);
            _ipv4.Register(IpProtocol.Udp, _udp);
            _tcp = new TcpLayer(config, _ipv4);
            _ipv4.Register(IpProtocol.Tcp, _tcp);
        }

        // ---- layers ------------------------------------------------------------------

        /// <summary>What transports send through (TCP's IIpSender).</summary>
        public IIpSender Ip
        {
            get { return _ipv4; }
        }

        public Ipv4Layer Ipv4
        {
            get { return _ipv4; }
        }

        public ArpLayer Arp
        {
            get { return _arp; }
        }

        public EthernetLayer Ethernet
        {
            get { return _ethernet; }
        }

        public IcmpLayer Icmp
        {
            get { return _icmp; }
        }

        public Ping Ping
        {
            get { return _icmp.Ping; }
        }

        public UdpLayer Udp
        {
            get { return _udp; }
        }

        public TcpLayer Tcp
        {
            get { return _tcp; }
        }

        public FramePool Frames
        {
            get { return _pool; }
        }

        public ILinkDevice Device
        {
            get { return _device; }
        }

        /// <summary>Adds a transport (e.g. TCP, protocol 6) at start-up. ICMP (1) and UDP (17) are built in.</summary>
        public void RegisterTransport(byte protocol, IIpReceiver receiver)
        {
            _ipv4.Register(protocol, receiver);
        }

        // ---- counters ----------------------------------------------------------------

        public EthernetCounters EthernetCounters
        {
            get { return _ethernet.Counters; }
        }

        public ArpCounters ArpCounters
        {
            get { return _arp.Counters; }
        }

        public Ipv4Counters Ipv4Counters
        {
            get { return _ipv4.Counters; }
        }

        public IcmpCounters IcmpCounters
        {
            get { return _icmp.Counters; }
        }

        public UdpCounters UdpCounters
        {
            get { return _udp.Counters; }
        }

        /// <summary>Bytes this stack (without registered transports) allocated at start-up.</summary>
        public int FootprintBytes
        {
            get { return _pool.FootprintBytes + _arp.FootprintBytes + _udp.FootprintBytes + _tcp.FootprintBytes; }
        }

        // ---- addressing --------------------------------------------------------------

        /// <summary>
        /// Sets address/prefix and gateway (host byte order; gateway 0 = none). A new address
        /// is announced with gratuitous ARP on the next Poll. InvalidArgument for a prefix
        /// outside 1..32, a non-host address, or a gateway off the subnet.
        /// </summary>
        public SocketError Configure(uint address, int prefixLength, uint gateway)
        {
            if (prefixLength < 1 || prefixLength > 32 || address == 0 || address == IPv4.LimitedBroadcast
                || IPv4.IsMulticast(address) || IPv4.IsLoopback(address))
            {
                return SocketError.InvalidArgument;
            }

            uint mask = IPv4.MaskFromPrefix(prefixLength);
            if (prefixLength < 31 && ((address & ~mask) == 0 || (address & ~mask) == ~mask))
            {
                // The subnet's network or broadcast address is not a host address.
                return SocketError.InvalidArgument;
            }

            if (gateway != 0 && ((gateway & mask) != (address & mask) || gateway == address))
            {
                return SocketError.InvalidArgument;
            }

            bool changed = address != _iface.Address;
            _iface.Set(address, prefixLength, gateway);
            if (changed)
            {
                _arp.Announce();
            }

            return SocketError.Success;
        }

        /// <summary>Drops the address (e.g. DHCP lease lost): only limited broadcast can be sent.</summary>
        public void Unconfigure()
        {
            _iface.Set(0, 0, 0);
        }

        public bool Configured
        {
            get { return _iface.Configured; }
        }

        public uint Address
        {
            get { return _iface.Address; }
        }

        public int PrefixLength
        {
            get { return _iface.PrefixLength; }
        }

        public uint SubnetMask
        {
            get { return _iface.Mask; }
        }

        public uint Gateway
        {
            get { return _iface.Gateway; }
        }

        /// <summary>DNS server for a resolver (set by DHCP or the console), 0 when none.</summary>
        public uint DnsServer
        {
            get { return _iface.DnsServer; }
            set { _iface.DnsServer = value; }
        }

        /// <summary>Copies our MAC address (6 bytes).</summary>
        public void GetMacAddress(byte[] mac, int offset)
        {
            MacAddress.Copy(_iface.Mac, 0, mac, offset);
        }

        /// <summary>Whether non-ARP broadcast frames are received (the device filter and ours).</summary>
        public bool ReceiveBroadcast
        {
            get { return _device.ReceiveBroadcast; }
            set { _device.ReceiveBroadcast = value; }
        }

        public bool ReceiveMulticast
        {
            get { return _device.ReceiveMulticast; }
            set { _device.ReceiveMulticast = value; }
        }

        // ---- the loop ----------------------------------------------------------------

        /// <summary>
        /// Services the device, handles up to NetConfig.RxFramesPerPoll received frames, fires
        /// due timers (ARP, ping, transports) and returns when it next needs a call: nowMs
        /// when frames may still wait, long.MaxValue when nothing is scheduled.
        /// </summary>
        public long Poll(long nowMs)
        {
            _device.Poll(nowMs);
            bool up = _device.IsLinkUp;
            if (up && !_linkUp && _iface.Configured)
            {
                // Back on a (maybe different) segment: tell it where we are.
                _arp.Announce();
            }

            _linkUp = up;

            bool more = false;
            for (int i = 0; i < _rxFramesPerPoll; i++)
            {
                int n = _device.Receive(_rx, 0, _rx.Length);
                if (n <= 0)
                {
                    break;
                }

                Dispatch(n, nowMs);
                if (i == _rxFramesPerPoll - 1)
                {
                    more = true;
                }
            }

            long next = _arp.Poll(nowMs);
            next = NetTime.Earliest(next, _ipv4.PollTransports(nowMs));
            if (more || _device.InterruptPending)
            {
                next = nowMs;
            }

            return next;
        }

        private void Dispatch(int length, long nowMs)
        {
            try
            {
                _ethernet.Receive(_rx, length, nowMs);
            }
            catch (System.Exception)
            {
                // Hostile input must never take the stack down; a fault here is a bug the fuzz tests look for.
                _ethernet.Counters.ProcessingFaults++;
            }
        }
    }
}
