using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>
    /// TCP registered in real NetStacks (Ethernet, ARP, IPv4) on the virtual wire: the
    /// IIpSender contract end to end, and the connect failures that come from below TCP.
    /// </summary>
    [TestClass]
    public class TcpOverNetStackTests
    {
        private static readonly uint IpA = NanoIP.Network.IPv4.FromBytes(192, 168, 1, 10);
        private static readonly uint IpB = NanoIP.Network.IPv4.FromBytes(192, 168, 1, 20);
        private static readonly uint Nobody = NanoIP.Network.IPv4.FromBytes(192, 168, 1, 99);

        private VirtualNetwork _net;
        private TcpLayer _a;
        private TcpLayer _b;

        private void Build(int latencyMs)
        {
            NetConfig config = new NetConfig();
            config.TcpSockets = 4;
            _net = new VirtualNetwork(latencyMs);
            NanoIP.NetStack sa = _net.AddStack(config, 1, IpA, 24);
            NanoIP.NetStack sb = _net.AddStack(config, 2, IpB, 24);
            _a = sa.Tcp; // NetStack builds and registers its TcpLayer
            _b = sb.Tcp;
            _net.RunFor(5000); // gratuitous ARP settles
        }

        [TestMethod]
        public void ConnectTransferAndCloseThroughArpAndIpv4()
        {
            Build(1);
            int listener;
            _b.Open(out listener);
            _b.Bind(listener, 0, 80);
            _b.Listen(listener, 2);
            int client;
            _a.Open(out client);
            Assert.AreEqual((int)SocketError.InProgress, (int)_a.Connect(client, IpB, 80, _net.Now));
            int server = 0;
            Assert.IsTrue(_net.RunUntil(delegate
            {
                uint addr;
                int port;
                if (server == 0 && _b.Accept(listener, out server, out addr, out port) != SocketError.Success)
                {
                    server = 0;
                }

                return server != 0 && _a.GetState(client) == TcpState.Established;
            }, 10000));

            int total = TestScale.TransferBytes / 8;
            byte[] chunk = new byte[2000];
            byte[] rbuf = new byte[2000];
            int sent = 0;
            int received = 0;
            int back = 0;
            int sentBack = 0;
            Assert.IsTrue(_net.RunUntil(delegate
            {
                PipeDriver.PumpSend(_a, client, chunk, ref sent, total, 3);
                received += PipeDriver.PumpReceive(_b, server, rbuf, received, 3);
                PipeDriver.PumpSend(_b, server, rbuf, ref sentBack, 1000, 4);
                back += PipeDriver.PumpReceive(_a, client, chunk, back, 4);
                return received == total && back == 1000;
            }, 600000));

            _a.Close(client, _net.Now);
            bool serverClosed = false;
            Assert.IsTrue(_net.RunUntil(delegate
            {
                byte[] b = new byte[4];
                int n;
                if (!serverClosed && _b.Receive(server, b, 0, 4, out n) == SocketError.Success && n == 0)
                {
                    _b.Close(server, _net.Now);
                    serverClosed = true;
                }

                return serverClosed && _a.FreeSockets == 4 && _b.FreeSockets == 3;
            }, 60000));
            Assert.AreEqual(1, _a.TimeWaitCount);
            Assert.AreEqual(0, _a.Counters.BadChecksum + _b.Counters.BadChecksum + _a.Counters.Malformed + _b.Counters.Malformed);
        }

        [TestMethod]
        [DataRow(11)]
        [DataRow(12)]
        [DataRow(4)] // 4, 25 and 28 deadlocked while pure ACKs carried SND.NXT (both sides in go-back-N)
        [DataRow(25)]
        [DataRow(28)]
        public void MegabyteEachWayUnderFaultsOnTheVirtualWire(int seed)
        {
            // Whole stacks (Ethernet, ARP, IPv4, TCP) on the harness's wire with seeded loss,
            // reordering, duplication and corruption: both directions at once, byte-exact.
            Build(1);
            FaultInjector faults = new FaultInjector(seed);
            faults.LossRate = 0.05;
            faults.ReorderRate = 0.03;
            faults.DuplicateRate = 0.02;
            faults.CorruptRate = 0.01;
            _net.Wire.Faults = faults;
            int listener;
            _b.Open(out listener);
            _b.Bind(listener, 0, 9000);
            _b.Listen(listener, 1);
            int client;
            _a.Open(out client);
            _a.Connect(client, IpB, 9000, _net.Now);
            int server = 0;
            Assert.IsTrue(_net.RunUntil(delegate
            {
                uint addr;
                int port;
                if (server == 0 && _b.Accept(listener, out server, out addr, out port) != SocketError.Success)
                {
                    server = 0;
                }

                return server != 0 && _a.GetState(client) == TcpState.Established;
            }, 60000));

            int total = TestScale.TransferBytes;
            byte[] txA = new byte[1460];
            byte[] rxA = new byte[1460];
            byte[] txB = new byte[1460];
            byte[] rxB = new byte[1460];
            int sentAb = 0, gotAb = 0, sentBa = 0, gotBa = 0;
            Assert.IsTrue(_net.RunUntil(delegate
            {
                PipeDriver.PumpSend(_a, client, txA, ref sentAb, total, seed);
                gotAb += PipeDriver.PumpReceive(_b, server, rxB, gotAb, seed);
                PipeDriver.PumpSend(_b, server, txB, ref sentBa, total, seed + 100);
                gotBa += PipeDriver.PumpReceive(_a, client, rxA, gotBa, seed + 100);
                return gotAb == total && gotBa == total;
            }, 3600000), "transfer finished: a->b " + gotAb.ToString() + ", b->a " + gotBa.ToString() + DebugInfo(client, server));

            Assert.IsTrue(faults.Lost > 0 && faults.Corrupted > 0 && faults.Duplicated > 0, "the faults really happened");
            // Corrupted frames never reach the application: the checksums catch every one that gets past Ethernet.
            OutputHelper.WriteLine("virtual ms " + _net.Now.ToString() + ", lost " + faults.Lost.ToString() + ", corrupted " + faults.Corrupted.ToString()
                + ", duplicated " + faults.Duplicated.ToString() + ", retransmits " + (_a.Counters.Retransmits + _b.Counters.Retransmits).ToString());
        }

        /// <summary>Both ends' control blocks, for a failure message.</summary>
        private string DebugInfo(int client, int server)
        {
            TcpInfo i = new TcpInfo();
            string r = " now " + _net.Now.ToString();
            _a.GetInfo(client, i);
            r += "\nA " + Dump(i);
            _b.GetInfo(server, i);
            r += "\nB " + Dump(i);
            return r;
        }

        private static string Dump(TcpInfo i)
        {
            return i.State.ToString() + " una " + i.SndUna + " nxt " + i.SndNxt + " max " + i.SndMax + " swnd " + i.SndWnd + " rnxt " + i.RcvNxt + " rwnd " + i.RcvWnd + " cwnd " + i.Cwnd + " rto " + i.Rto + " retries " + i.Retries + " sq " + i.SendQueued + " rq " + i.ReceiveQueued + " ooo " + i.OutOfOrderRanges + " rtx " + i.RetransmitAt + " persist " + i.PersistAt + " dack " + i.DelayedAckAt + " rec " + i.InRecovery;
        }

        [TestMethod]
        public void SilentOnLinkHostIsHostUnreachableWhenArpGivesUp()
        {
            Build(0);
            int h;
            _a.Open(out h);
            long t0 = _net.Now;
            Assert.AreEqual((int)SocketError.InProgress, (int)_a.Connect(h, Nobody, 80, _net.Now));
            Assert.IsTrue(_net.RunUntil(delegate { return _a.GetState(h) == TcpState.Closed; }, 60000));
            Assert.AreEqual((int)SocketError.HostUnreachable, (int)_a.GetError(h));
            long took = _net.Now - t0;
            OutputHelper.WriteLine("HostUnreachable after " + took.ToString() + " ms");
            Assert.IsTrue(took < 10000); // ARP's retries, not TCP's 63 s of SYN retries
        }

        [TestMethod]
        public void ClosedPortIsConnectionRefusedThroughTheStack()
        {
            Build(1);
            int h;
            _a.Open(out h);
            _a.Connect(h, IpB, 81, _net.Now);
            Assert.IsTrue(_net.RunUntil(delegate { return _a.GetState(h) == TcpState.Closed; }, 10000));
            Assert.AreEqual((int)SocketError.ConnectionRefused, (int)_a.GetError(h));
            Assert.AreEqual(1, _b.Counters.NoSocket);
        }

        [TestMethod]
        public void OffSubnetWithoutGatewayIsNetworkUnreachableAtOnce()
        {
            Build(0);
            int h;
            _a.Open(out h);
            Assert.AreEqual((int)SocketError.NetworkUnreachable, (int)_a.Connect(h, NanoIP.Network.IPv4.FromBytes(10, 1, 2, 3), 80, _net.Now));
        }
    }
}
