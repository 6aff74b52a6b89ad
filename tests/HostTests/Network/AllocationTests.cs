using nanoFramework.TestFramework;
using NanoIP.Drivers;
using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.HostTests.Network
{
    /// <summary>
    /// ARCHITECTURE §4: after start-up the stack allocates nothing. Two stacks on an in-memory
    /// cable run ping and UDP echo; after a warm-up, the managed bytes this thread allocates
    /// across hundreds of round trips must be exactly zero.
    /// </summary>
    [TestClass]
    public class AllocationTests
    {
        private NetStack _a, _b;
        private long _now = 1000;
        private int _ha, _hb;
        private readonly byte[] _data = new byte[512];
        private readonly byte[] _back = new byte[1500];
        private readonly uint _ipA = IPv4.FromBytes(10, 0, 0, 1);
        private readonly uint _ipB = IPv4.FromBytes(10, 0, 0, 2);

        private void Build()
        {
            CableEnd ea = new CableEnd(1), eb = new CableEnd(2);
            ea.Other = eb;
            eb.Other = ea;
            _a = new NetStack(new NetConfig(), ea);
            _b = new NetStack(new NetConfig(), eb);
            _a.Configure(_ipA, 24, 0);
            _b.Configure(_ipB, 24, 0);
            _a.Udp.Open(out _ha);
            _b.Udp.Open(out _hb);
            _b.Udp.Bind(_hb, 0, 7);
            Pump(5000);
        }

        /// <summary>Polls both stacks for ms of virtual time, 1 ms per step.</summary>
        private void Pump(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                _a.Poll(_now);
                _b.Poll(_now);
                _a.Poll(_now);
                _now++;
            }
        }

        /// <summary>One ping and one UDP echo of size bytes; returns the number of things that went wrong.</summary>
        private int RoundTrip(int size)
        {
            int bad = 0;
            int seq = _a.Ping.Send(_ipB, size, _now);
            if (seq < 0) return 100;
            Pump(3);
            if (_a.Ping.GetStatus(seq) != PingStatus.Replied) bad++;
            _a.Ping.Release(seq);

            if (_a.Udp.SendTo(_ha, _data, 0, size, _ipB, 7, _now) != SocketError.Success) bad++;
            Pump(2);
            int got, port;
            uint from;
            if (_b.Udp.ReceiveFrom(_hb, _back, 0, _back.Length, out got, out from, out port) != SocketError.Success || got != size) bad++;
            if (_b.Udp.SendTo(_hb, _back, 0, got, from, port, _now) != SocketError.Success) bad++;
            Pump(2);
            if (_a.Udp.ReceiveFrom(_ha, _back, 0, _back.Length, out got, out from, out port) != SocketError.Success || got != size) bad++;
            return bad;
        }

        [TestMethod]
        public void SteadyStatePingAndUdpEchoAllocateNothing()
        {
            Build();
            int bad = 0;
            for (int i = 0; i < 50; i++) bad += RoundTrip(i * 10);
            Assert.AreEqual(0, bad);

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 500; i++) bad += RoundTrip(i % 512);
            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;

            OutputHelper.WriteLine("500 ping + UDP echo round trips: " + allocated + " bytes allocated, "
                + _a.IcmpCounters.EchoRepliesIn + " echo replies, " + _a.UdpCounters.DatagramsIn + " UDP datagrams back");
            Assert.AreEqual(0, bad);
            Assert.AreEqual(0L, allocated);
        }

        [TestMethod]
        public void SteadyStateArpChurnAllocatesNothing()
        {
            // ARP resolution, parking, retries to a silent host, aging and re-resolution: still no allocation.
            Build();
            uint silent = IPv4.FromBytes(10, 0, 0, 99);
            for (int i = 0; i < 3; i++)
            {
                _a.Ip.Send(silent, 253, 0, _now);
                Pump(6000);
                _a.Arp.Flush();
            }

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                _a.Ip.Send(silent, 253, 0, _now);
                Pump(6000);
                _a.Arp.Flush();
                RoundTrip(64);
            }

            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
            OutputHelper.WriteLine("ARP churn: " + allocated + " bytes allocated, " + _a.ArpCounters.ResolveFailures + " failed resolutions");
            Assert.IsTrue(_a.ArpCounters.ResolveFailures >= 20);
            Assert.AreEqual(0L, allocated);
        }
    }
}
