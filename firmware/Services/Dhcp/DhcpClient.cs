using NanoIP.Link;
using NanoIP.Network;
using NanoIP.Services.Dns;
using NanoIP.Sockets;
using NanoIP.Transport.Udp;

namespace NanoIP.Services.Dhcp
{
    /// <summary>
    /// DHCP client (RFC 2131 with the RFC 2132 options it needs), poll-driven on explicit time.
    /// Start enables it: from then on it owns the interface address (it unconfigures a static
    /// one), and Stop or Release hands the interface back unconfigured. Buffers are allocated
    /// here once; Poll allocates nothing. Single-threaded: call every member from the network
    /// thread, after NetStack.Poll.
    /// This file: construction, the public API and status. Protocol: DhcpClient.Protocol.cs.
    /// </summary>
    public sealed partial class DhcpClient : IDnsServerSource
    {
        /// <summary>RFC 2131 §4.4.5: retransmissions in RENEWING and REBINDING no closer than 60 s.</summary>
        private const long MinRenewRetransmitMs = 60000;
        /// <summary>Shortest lease honoured: a zero or tiny lease must not turn into a renewal storm.</summary>
        private const uint MinLeaseSeconds = 10;
        private const uint InfiniteLease = 0xFFFFFFFF;
        /// <summary>Datagrams handled per Poll (bounds one Poll's work under a broadcast storm).</summary>
        private const int MaxReceivesPerPoll = 8;

        private readonly NetStack _stack;
        private readonly UdpLayer _udp;
        private readonly ArpLayer _arp;
        private readonly DhcpCounters _counters = new DhcpCounters();
        private readonly DhcpReply _reply = new DhcpReply();
        private readonly System.Random _random;
        private readonly byte[] _tx = new byte[DhcpMessage.MaxLength];
        private readonly byte[] _rx = new byte[DhcpMessage.MaxLength];
        private readonly byte[] _mac = new byte[MacAddress.Length];
        private readonly byte[] _hostName;
        private readonly int _requestRetries;
        private readonly int _maxBackoffMs;
        private readonly int _startDelayMaxMs;
        private readonly int _arpProbes;
        private readonly int _arpProbeIntervalMs;
        private readonly int _declineWaitMs;

        private int _socket = -1;
        private DhcpState _state = DhcpState.Stopped;
        private long _timer = NetTime.Never;
        private uint _xid;
        /// <summary>Transmissions of the current message (1 after the first send).</summary>
        private int _tries;
        /// <summary>When the current exchange's first message went out (secs field; lease start, RFC 2131 §4.4.1).</summary>
        private long _exchangeStartMs;
        private bool _linkUp = true;
        private bool _broadcastForced;
        private bool _savedBroadcast;

        // The offer being requested, or the ACK being checked.
        private uint _offeredAddress;
        private uint _offerServer;
        private int _probesSent;
        private uint _pendingMask;
        private uint _pendingGateway;
        private uint _pendingDns1;
        private uint _pendingDns2;
        private int _pendingDnsCount;
        private uint _pendingLease;
        private uint _pendingT1;
        private uint _pendingT2;
        private long _pendingStartMs;
        private uint _pendingServer;
        private bool _pendingAddressDiffers;

        // The lease in force (valid while HasLease).
        private bool _hasLease;
        private uint _address;
        private uint _mask;
        private uint _gateway;
        private uint _server;
        private uint _dns1;
        private uint _dns2;
        private int _dnsCount;
        private uint _leaseSeconds;
        private uint _t1Seconds;
        private uint _t2Seconds;
        private long _leaseStartMs;
        private long _t1Ms = NetTime.Never;
        private long _t2Ms = NetTime.Never;
        private long _expiryMs = NetTime.Never;

        public DhcpClient(NetConfig config, NetStack stack)
        {
            if (config == null || stack == null)
            {
                throw new System.ArgumentNullException(config == null ? "config" : "stack");
            }

            _stack = stack;
            _udp = stack.Udp;
            _arp = stack.Arp;
            stack.GetMacAddress(_mac, 0);
            _random = new System.Random(MixSeed(config.RandomSeed, _mac));
            _requestRetries = config.DhcpRequestRetries < 0 ? 0 : config.DhcpRequestRetries;
            _maxBackoffMs = config.DhcpMaxBackoffMs < 4000 ? 4000 : config.DhcpMaxBackoffMs;
            _startDelayMaxMs = config.DhcpStartDelayMaxMs < 0 ? 0 : config.DhcpStartDelayMaxMs;
            _arpProbes = config.DhcpArpProbes < 0 ? 0 : config.DhcpArpProbes;
            _arpProbeIntervalMs = config.DhcpArpProbeIntervalMs < 1 ? 1 : config.DhcpArpProbeIntervalMs;
            _declineWaitMs = config.DhcpDeclineWaitMs < 0 ? 0 : config.DhcpDeclineWaitMs;
            _hostName = HostNameBytes(config.DhcpHostName);
        }

        /// <summary>Raised from Poll, Release and Stop when the lease changes.</summary>
        public event DhcpEventHandler LeaseChanged;

        public DhcpCounters Counters
        {
            get { return _counters; }
        }

        // ---- control -----------------------------------------------------------------

        /// <summary>
        /// Enables the client: takes UDP port 68, unconfigures the interface and sends a DISCOVER
        /// (after NetConfig.DhcpStartDelayMaxMs at most). With requestedAddress (e.g. one kept
        /// from before a reboot) it first asks to keep that address (INIT-REBOOT, RFC 2131 §3.2).
        /// Success when already running; the UDP error when port 68 cannot be had.
        /// </summary>
        public SocketError Start(long nowMs, uint requestedAddress = 0)
        {
            if (_state != DhcpState.Stopped)
            {
                return SocketError.Success;
            }

            int h;
            SocketError e = _udp.Open(out h);
            if (e != SocketError.Success)
            {
                return e;
            }

            e = _udp.Bind(h, 0, DhcpMessage.ClientPort);
            if (e == SocketError.Success)
            {
                e = _udp.SetBroadcast(h, true);
            }

            if (e != SocketError.Success)
            {
                _udp.Close(h);
                return e;
            }

            _socket = h;
            _linkUp = _stack.Device.IsLinkUp;
            _hasLease = false;
            // From here on the interface is ours: DISCOVER must leave from 0.0.0.0 (RFC 2131 §4.1).
            _stack.Unconfigure();
            if (requestedAddress != 0 && IsHostAddress(requestedAddress))
            {
                StartReboot(nowMs, requestedAddress);
            }
            else
            {
                EnterInit(nowMs, _startDelayMaxMs > 0 ? _random.Next(_startDelayMaxMs + 1) : 0);
            }

            return SocketError.Success;
        }

        /// <summary>
        /// Disables the client without telling the server: the interface is unconfigured (Lost is
        /// raised when it held a lease), port 68 freed, broadcast reception restored.
        /// </summary>
        public void Stop()
        {
            if (_state == DhcpState.Stopped)
            {
                return;
            }

            bool had = _hasLease;
            Shutdown();
            if (had)
            {
                _counters.LeasesLost++;
                Raise(DhcpEvent.Lost);
            }
        }

        /// <summary>
        /// Gives the lease back (DHCPRELEASE unicast to the server, RFC 2131 §4.4.6), unconfigures
        /// the interface and stops the client. False when there was no lease to release (the client
        /// is stopped all the same).
        /// </summary>
        public bool Release(long nowMs)
        {
            if (_state == DhcpState.Stopped)
            {
                return false;
            }

            bool released = false;
            if (_hasLease && _stack.Configured)
            {
                // Sent while the address is still ours: the datagram leaves from it.
                NewXid();
                int n = BuildRelease(nowMs);
                released = Send(n, _server, nowMs);
                if (released)
                {
                    _counters.ReleasesOut++;
                }
            }

            bool had = _hasLease;
            Shutdown();
            if (had)
            {
                Raise(DhcpEvent.Released);
            }

            return released;
        }

        /// <summary>
        /// "dhcp renew": with a lease, renew now (REQUEST unicast to the server); without one,
        /// start over with a DISCOVER now; when stopped, Start.
        /// </summary>
        public void Renew(long nowMs)
        {
            if (_state == DhcpState.Stopped)
            {
                Start(nowMs);
                return;
            }

            if (_hasLease && _state != DhcpState.Checking)
            {
                EnterRenewing(nowMs);
                return;
            }

            if (_state == DhcpState.Checking)
            {
                // Let the address check finish: cutting it short could bind a taken address.
                return;
            }

            EnterInit(nowMs, 0);
        }

        // ---- status (console "dhcp status") --------------------------------------------

        public DhcpState State
        {
            get { return _state; }
        }

        public bool Enabled
        {
            get { return _state != DhcpState.Stopped; }
        }

        /// <summary>Whether a lease is held (the interface carries Address).</summary>
        public bool HasLease
        {
            get { return _hasLease; }
        }

        /// <summary>Leased address, 0 without a lease.</summary>
        public uint Address
        {
            get { return _hasLease ? _address : 0; }
        }

        public uint SubnetMask
        {
            get { return _hasLease ? _mask : 0; }
        }

        public int PrefixLength
        {
            get { return _hasLease ? IPv4.PrefixFromMask(_mask) : 0; }
        }

        /// <summary>The first router offered on our subnet, 0 when none.</summary>
        public uint Gateway
        {
            get { return _hasLease ? _gateway : 0; }
        }

        /// <summary>The leasing server (option 54).</summary>
        public uint ServerAddress
        {
            get { return _hasLease ? _server : 0; }
        }

        /// <summary>The address offered or being checked (SELECTING/REQUESTING/CHECKING), 0 otherwise.</summary>
        public uint OfferedAddress
        {
            get { return _state == DhcpState.Requesting || _state == DhcpState.Checking || _state == DhcpState.Rebooting ? _offeredAddress : 0; }
        }

        /// <summary>DNS servers from the lease (0..2).</summary>
        public int DnsServerCount
        {
            get { return _hasLease ? _dnsCount : 0; }
        }

        /// <summary>DNS server index (0 or 1), 0 when there is none.</summary>
        public uint GetDnsServer(int index)
        {
            if (!_hasLease || index < 0 || index >= _dnsCount)
            {
                return 0;
            }

            return index == 0 ? _dns1 : _dns2;
        }

        /// <summary>Lease duration in seconds as granted (0xFFFFFFFF: infinite).</summary>
        public uint LeaseSeconds
        {
            get { return _hasLease ? _leaseSeconds : 0; }
        }

        public uint RenewalSeconds
        {
            get { return _hasLease ? _t1Seconds : 0; }
        }

        public uint RebindingSeconds
        {
            get { return _hasLease ? _t2Seconds : 0; }
        }

        /// <summary>When the lease started, ms on the Poll clock: the exchange's first send (the DISCOVER for a new lease, the REQUEST for a renewal), at or before RFC 2131 §4.4.1's request time, so T1, T2 and expiry never come late.</summary>
        public long LeaseObtainedMs
        {
            get { return _hasLease ? _leaseStartMs : 0; }
        }

        /// <summary>T1: when renewing starts (NetTime.Never for an infinite lease).</summary>
        public long RenewAtMs
        {
            get { return _hasLease ? _t1Ms : NetTime.Never; }
        }

        /// <summary>T2: when rebinding starts.</summary>
        public long RebindAtMs
        {
            get { return _hasLease ? _t2Ms : NetTime.Never; }
        }

        /// <summary>When the lease ends.</summary>
        public long LeaseExpiresMs
        {
            get { return _hasLease ? _expiryMs : NetTime.Never; }
        }

        /// <summary>Lease time left at nowMs (0 without a lease, long.MaxValue when infinite).</summary>
        public long RemainingMs(long nowMs)
        {
            if (!_hasLease)
            {
                return 0;
            }

            if (_expiryMs == NetTime.Never)
            {
                return NetTime.Never;
            }

            return _expiryMs > nowMs ? _expiryMs - nowMs : 0;
        }

        /// <summary>When the client next wants Poll (retransmission, T1, T2, expiry, probe).</summary>
        public long NextDeadlineMs
        {
            get { return _timer; }
        }

        /// <summary>Lower-case state name for the console (no allocation).</summary>
        public static string StateName(DhcpState state)
        {
            switch (state)
            {
                case DhcpState.Stopped: return "stopped";
                case DhcpState.Init: return "init";
                case DhcpState.Selecting: return "selecting";
                case DhcpState.Requesting: return "requesting";
                case DhcpState.Checking: return "checking";
                case DhcpState.Bound: return "bound";
                case DhcpState.Renewing: return "renewing";
                case DhcpState.Rebinding: return "rebinding";
                case DhcpState.Rebooting: return "init-reboot";
                default: return "?";
            }
        }

        /// <summary>Lower-case event name for the console (no allocation).</summary>
        public static string EventName(DhcpEvent what)
        {
            switch (what)
            {
                case DhcpEvent.Bound: return "bound";
                case DhcpEvent.Renewed: return "renewed";
                case DhcpEvent.Lost: return "lost";
                case DhcpEvent.Released: return "released";
                case DhcpEvent.Declined: return "declined";
                default: return "?";
            }
        }

        /// <summary>Bytes allocated at construction (message buffers and host name; the Random's state comes on top).</summary>
        public int FootprintBytes
        {
            get { return _tx.Length + _rx.Length + _mac.Length + (_hostName == null ? 0 : _hostName.Length) + 256; }
        }

        // ---- helpers -----------------------------------------------------------------

        private void Raise(DhcpEvent what)
        {
            DhcpEventHandler h = LeaseChanged;
            if (h == null)
            {
                return;
            }

            try
            {
                h(this, what);
            }
            catch (System.Exception)
            {
                // An application bug must not stop the lease from being maintained.
                _counters.HandlerFaults++;
            }
        }

        private static int MixSeed(int seed, byte[] mac)
        {
            int h = seed;
            for (int i = 0; i < mac.Length; i++)
            {
                h = h * 31 + mac[i];
            }

            return h;
        }

        /// <summary>Host name as ASCII option bytes (at most 63, RFC 1035 label length), null when none.</summary>
        private static byte[] HostNameBytes(string name)
        {
            if (name == null || name.Length == 0)
            {
                return null;
            }

            int n = name.Length < 63 ? name.Length : 63;
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++)
            {
                char c = name[i];
                b[i] = c < 128 ? (byte)c : (byte)'-';
            }

            return b;
        }

        /// <summary>A unicast host address at all (not 0/8, loopback, multicast, class E, broadcast).</summary>
        private static bool IsHostAddress(uint a)
        {
            return (a >> 24) != 0 && !IPv4.IsLoopback(a) && (a & 0xF0000000) < 0xE0000000;
        }
    }
}
