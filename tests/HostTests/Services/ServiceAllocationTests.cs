using nanoFramework.TestFramework;
using NanoIP.Drivers;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;
using NanoIP.Sockets;

namespace NanoIP.HostTests.Services
{
    /// <summary>
    /// ARCHITECTURE §4 for the services: once the DHCP client holds a lease and the resolver
    /// has its socket, renewals, DNS queries, answers, cache hits and releases of query slots
    /// allocate nothing. Stack B plays DHCP server (port 67) and DNS server (port 53) through
    /// its own UDP handles, answering from preallocated buffers.
    /// </summary>
    [TestClass]
    public class ServiceAllocationTests
    {
        private readonly uint _server = IPv4.FromBytes(10, 0, 0, 1);
        private readonly uint _leased = IPv4.FromBytes(10, 0, 0, 77);
        private readonly byte[] _in = new byte[600];
        private readonly byte[] _out = new byte[600];
        private NetStack _a, _b;
        private DhcpClient _dhcp;
        private DnsResolver _dns;
        private int _h67, _h53;
        private long _now = 1000;
        private int _events;

        private void Build()
        {
            CableEnd ea = new CableEnd(1), eb = new CableEnd(2);
            ea.Other = eb;
            eb.Other = ea;
            NetConfig c = new NetConfig();
            _a = new NetStack(c, ea);
            _b = new NetStack(new NetConfig(), eb);
            _b.Configure(_server, 24, 0);
            _b.Udp.Open(out _h67);
            _b.Udp.Bind(_h67, 0, 67);
            _b.Udp.SetBroadcast(_h67, true);
            _b.Udp.Open(out _h53);
            _b.Udp.Bind(_h53, 0, 53);
            _dhcp = new DhcpClient(c, _a);
            _dhcp.LeaseChanged += OnLease;
            _dns = new DnsResolver(c, _a);
            _dns.ServerSource = _dhcp;
        }

        private void OnLease(DhcpClient client, DhcpEvent what)
        {
            _events++;
        }

        /// <summary>Polls everything for ms of virtual time, 1 ms per step, serving DHCP and DNS on B.</summary>
        private void Pump(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                _a.Poll(_now);
                _dhcp.Poll(_now);
                _dns.Poll(_now);
                _b.Poll(_now);
                ServeDhcp();
                ServeDns();
                _a.Poll(_now);
                _now++;
            }
        }

        private void ServeDhcp()
        {
            int n, port;
            uint from;
            while (_b.Udp.ReceiveFrom(_h67, _in, 0, _in.Length, out n, out from, out port) == SocketError.Success)
            {
                int type = _in[242];
                if (type != DhcpMessage.Discover && type != DhcpMessage.Request) continue;
                System.Array.Clear(_out, 0, _out.Length);
                _out[0] = 2;
                _out[1] = 1;
                _out[2] = 6;
                System.Array.Copy(_in, 4, _out, 4, 4);
                System.Array.Copy(_in, 10, _out, 10, 2);
                NetOrder.WriteUInt32(_out, 16, _leased);
                System.Array.Copy(_in, 28, _out, 28, 16);
                NetOrder.WriteUInt32(_out, 236, DhcpMessage.MagicCookie);
                int o = DhcpMessage.WriteByteOption(_out, 240, DhcpMessage.OptionMessageType, type == DhcpMessage.Discover ? DhcpMessage.Offer : DhcpMessage.Ack);
                o = DhcpMessage.WriteAddressOption(_out, o, DhcpMessage.OptionServerId, _server);
                o = DhcpMessage.WriteAddressOption(_out, o, DhcpMessage.OptionLeaseTime, 3600);
                o = DhcpMessage.WriteAddressOption(_out, o, DhcpMessage.OptionSubnetMask, 0xFFFFFF00);
                o = DhcpMessage.WriteAddressOption(_out, o, DhcpMessage.OptionDnsServer, _server);
                _out[o++] = 255;
                uint ciaddr = NetOrder.ReadUInt32(_in, 12);
                _b.Udp.SendTo(_h67, _out, 0, 300, ciaddr != 0 ? ciaddr : 0xFFFFFFFF, 68, _now);
            }
        }

        private void ServeDns()
        {
            int n, port;
            uint from;
            while (_b.Udp.ReceiveFrom(_h53, _in, 0, _in.Length, out n, out from, out port) == SocketError.Success)
            {
                System.Array.Copy(_in, 0, _out, 0, n);
                NetOrder.WriteUInt16(_out, 2, 0x8180);
                NetOrder.WriteUInt16(_out, 6, 1);
                int o = n;
                _out[o++] = 0xC0;
                _out[o++] = 12;
                NetOrder.WriteUInt16(_out, o, 1);
                NetOrder.WriteUInt16(_out, o + 2, 1);
                NetOrder.WriteUInt32(_out, o + 4, 60);
                NetOrder.WriteUInt16(_out, o + 8, 4);
                NetOrder.WriteUInt32(_out, o + 10, 0x01020304);
                _b.Udp.SendTo(_h53, _out, 0, o + 14, from, port, _now);
            }
        }

        /// <summary>One renewal, one resolved query, one cache hit; returns what went wrong.</summary>
        private int Cycle()
        {
            int bad = 0;
            long renewals = _dhcp.Counters.Renewals;
            _dhcp.Renew(_now);
            Pump(5);
            if (_dhcp.Counters.Renewals != renewals + 1 || _dhcp.State != DhcpState.Bound) bad++;

            _dns.FlushCache();
            int slot = _dns.Resolve("www.example.com", _now);
            Pump(5);
            if (_dns.GetStatus(slot) != DnsStatus.Resolved || _dns.GetAddress(slot) != 0x01020304) bad++;
            _dns.Release(slot);
            uint a;
            if (!_dns.TryGetCached("www.example.com", _now, out a)) bad++;
            slot = _dns.Resolve("www.example.com", _now);
            if (_dns.GetStatus(slot) != DnsStatus.Resolved) bad++;
            _dns.Release(slot);
            return bad;
        }

        [TestMethod]
        public void SteadyStateDhcpRenewalsAndDnsQueriesAllocateNothing()
        {
            Build();
            _dhcp.Start(_now);
            Pump(5000);
            Assert.AreEqual(DhcpState.Bound, _dhcp.State);
            Assert.AreEqual(_leased, _a.Address);
            int bad = 0;
            for (int i = 0; i < 20; i++) bad += Cycle();
            Assert.AreEqual(0, bad);

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++) bad += Cycle();
            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;

            OutputHelper.WriteLine("200 renewals + 200 DNS queries + 400 cache hits: " + allocated + " bytes allocated, "
                + _dhcp.Counters.Renewals + " renewals, " + _dns.Counters.Resolved + " answers");
            Assert.AreEqual(0, bad);
            Assert.AreEqual(0L, allocated);
            Assert.AreEqual(220L, _dhcp.Counters.Renewals);
            Assert.AreEqual(220L, _dns.Counters.Resolved);
        }

        [TestMethod]
        public void ServiceFootprintIsFixedAtConstruction()
        {
            NetConfig c = new NetConfig();
            CableEnd e = new CableEnd(3);
            e.Other = new CableEnd(4);
            NetStack s = new NetStack(c, e);
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            DnsResolver r = new DnsResolver(c, s);
            long dnsBytes = System.GC.GetAllocatedBytesForCurrentThread() - before;
            before = System.GC.GetAllocatedBytesForCurrentThread();
            DhcpClient d = new DhcpClient(c, s);
            long dhcpBytes = System.GC.GetAllocatedBytesForCurrentThread() - before;
            OutputHelper.WriteLine("DnsResolver: " + dnsBytes + " bytes allocated (FootprintBytes " + r.FootprintBytes + "); DhcpClient: " + dhcpBytes + " bytes");
            // The estimate is the buffers; object headers and the Random come on top.
            Assert.IsTrue(r.FootprintBytes <= dnsBytes && dnsBytes < r.FootprintBytes * 2);
            Assert.IsTrue(dhcpBytes < 4096);
            Assert.IsNotNull(d);
        }
    }
}
