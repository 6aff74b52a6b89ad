using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Listen queues and their overload behaviour, RST for closed ports, port binding.</summary>
    [TestClass]
    public class TcpListenTests
    {
        private static SentSegment SynFrom(ScriptedPeer p, int port, uint iss)
        {
            p.PeerPort = port;
            p.Send(iss, 0, TcpFlags.Syn, 8192, null, 1460);
            return p.Ip.Take();
        }

        [TestMethod]
        public void FullSynQueueDropsSynSilentlyAndTheRetryGetsIn()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(2);
            SentSegment a = SynFrom(p, 5001, 100);
            SentSegment b = SynFrom(p, 5002, 200);
            Assert.IsNotNull(a);
            Assert.IsNotNull(b);
            Assert.IsNull(SynFrom(p, 5003, 300)); // third SYN: no SYN-ACK, no RST
            Assert.AreEqual(1, p.Layer.Counters.SynQueueFullDrops);
            Assert.AreEqual(0, p.Layer.Counters.ResetsSent);

            // Client 5001 completes: its entry leaves the SYN queue.
            p.PeerPort = 5001;
            p.Send(101, a.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            // Client 5003 retransmits its SYN (its RTO later) and gets in.
            p.Now += 1000;
            SentSegment c = SynFrom(p, 5003, 300);
            Assert.IsNotNull(c);
            Assert.IsTrue(c.IsSyn && c.Has(TcpFlags.Ack));
            Assert.AreEqual(301u, c.Ack);
            p.Send(301, c.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5001, port);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5003, port);
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Accept(listener, out h, out addr, out port));
        }

        [TestMethod]
        public void FullSynQueueRecyclesTheOldestEntryLeftUnansweredForAnRto()
        {
            // A spoofed SYN flood fills the queue with entries nobody will ever ACK; without
            // recycling, a real client found the queue full for the whole 63 s back-off.
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(2);
            long t0 = p.Now;
            SentSegment a = SynFrom(p, 5001, 100);
            p.Now = t0 + 10;
            SentSegment b = SynFrom(p, 5002, 200);
            p.Now = t0 + 20;
            Assert.IsNull(SynFrom(p, 5003, 300)); // both entries are fresh: dropped, never recycled
            Assert.AreEqual(1, p.Layer.Counters.SynQueueFullDrops);

            // One RTO later both SYN-ACKs were retransmitted without an answer.
            p.AdvanceTo(t0 + 1010);
            Assert.AreEqual(2, p.Ip.Count);
            while (p.Ip.Take() != null)
            {
            }

            SentSegment c = SynFrom(p, 5003, 300); // takes the oldest entry (5001)
            Assert.IsNotNull(c);
            Assert.AreEqual(301u, c.Ack);
            Assert.AreEqual(1, p.Layer.Counters.SynQueueEvictions);
            Assert.AreEqual(1, p.Layer.Counters.SynQueueFullDrops);

            p.PeerPort = 5001; // the recycled handshake's late ACK finds nothing: RST
            p.Send(101, a.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual(a.Seq + 1, p.Expect(TcpFlags.Rst).Seq);
            p.PeerPort = 5003;
            p.Send(301, c.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            p.PeerPort = 5002;
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5003, port);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5002, port);
        }

        [TestMethod]
        public void AnEntryWhoseFinalAckWasDroppedIsNeverRecycled()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.MaxAcceptQueue = 1;
            ScriptedPeer p = new ScriptedPeer(config);
            int listener = p.OpenListener(2); // SYN queue 2, accept queue 1
            long t0 = p.Now;
            SentSegment a = SynFrom(p, 5001, 100);
            SentSegment b = SynFrom(p, 5002, 200);
            p.PeerPort = 5001;
            p.Send(101, a.Seq + 1, TcpFlags.Ack, 8192, null, 0); // accept queue full
            p.PeerPort = 5002;
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0); // dropped: 5002 is a real client
            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            p.Now = t0 + 10;
            SentSegment c = SynFrom(p, 5003, 300); // room in both queues
            Assert.IsNotNull(c);
            p.AdvanceTo(t0 + 1010); // b and c retransmitted once
            while (p.Ip.Take() != null)
            {
            }

            Assert.IsNotNull(SynFrom(p, 5004, 400)); // recycles 5003, not the older 5002
            Assert.AreEqual(1, p.Layer.Counters.SynQueueEvictions);
            Assert.IsNull(SynFrom(p, 5005, 500)); // 5002 and 5004 remain: dropped
            Assert.AreEqual(1, p.Layer.Counters.SynQueueFullDrops);
            p.PeerPort = 5002;
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5002, port);
        }

        [TestMethod]
        public void FullAcceptQueueDropsFinalAckUntilTheApplicationAccepts()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.MaxAcceptQueue = 1;
            ScriptedPeer p = new ScriptedPeer(config);
            int listener = p.OpenListener(4); // SYN queue 4, accept queue min(4, 1) = 1
            SentSegment a = SynFrom(p, 5001, 100);
            SentSegment b = SynFrom(p, 5002, 200);
            p.PeerPort = 5001;
            p.Send(101, a.Seq + 1, TcpFlags.Ack, 8192, null, 0); // accept queue now full
            long t0 = p.Now;
            p.PeerPort = 5002;
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0); // dropped silently, stays SYN-RECEIVED
            p.ExpectNothing();
            Assert.AreEqual(1, p.Layer.Counters.AcceptQueueOverflows);
            Assert.IsNull(SynFrom(p, 5003, 300)); // new SYNs dropped while the accept queue is full
            Assert.AreEqual(1, p.Layer.Counters.AcceptQueueFullSynDrops);

            // The SYN-ACK timer of 5002's entry (1 s after its SYN) makes the client ACK again.
            p.PeerPort = 5002;
            Assert.IsTrue(p.RunUntilSegment(t0 + 5000));
            SentSegment again = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(t0 + 1000, again.TimeMs);
            Assert.AreEqual(b.Seq, again.Seq);
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual(2, p.Layer.Counters.AcceptQueueOverflows);

            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5001, port);
            // Room again: the client's next segment (here its first data) completes the handshake.
            byte[] d = ScriptedPeer.Bytes(20, 1);
            p.Send(201, b.Seq + 1, TcpFlags.Ack | TcpFlags.Psh, 8192, d, 0);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5002, port);
            Bytes.AreEqual(d, p.Read(h, 100));
        }

        [TestMethod]
        public void SynAckBacksOffAndTheEntryExpires()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.OpenListener(4);
            long t0 = p.Now;
            SentSegment first = SynFrom(p, 5001, 100);
            long[] expected = new long[] { 1000, 3000, 7000, 15000, 31000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.IsTrue(p.RunUntilSegment(t0 + 100000));
                SentSegment s = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
                Assert.AreEqual(t0 + expected[i], s.TimeMs);
                Assert.AreEqual(first.Seq, s.Seq);
            }

            Assert.IsFalse(p.RunUntilSegment(t0 + 200000));
            Assert.AreEqual(1, p.Layer.Counters.SynQueueTimeouts);
            // The late ACK now finds nothing and is answered with RST <SEQ=SEG.ACK>.
            p.Send(101, first.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            SentSegment rst = p.Expect(TcpFlags.Rst);
            Assert.AreEqual(first.Seq + 1, rst.Seq);
        }

        [TestMethod]
        public void ClosedPortAnswersRstPerRfc9293()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.LocalPort = 81;
            Assert.IsFalse(p.Send(7000, 0, TcpFlags.Syn, 8192, ScriptedPeer.Bytes(5, 1), 0));
            SentSegment r1 = p.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(0u, r1.Seq);
            Assert.AreEqual(7006u, r1.Ack); // SEG.SEQ + SEG.LEN (SYN + 5 bytes)
            p.Send(7000, 12345, TcpFlags.Ack, 8192, null, 0);
            SentSegment r2 = p.Expect(TcpFlags.Rst);
            Assert.AreEqual(12345u, r2.Seq);
            p.Send(7000, 12345, TcpFlags.Rst | TcpFlags.Ack, 8192, null, 0);
            p.ExpectNothing(); // never RST a RST
            Assert.AreEqual(3, p.Layer.Counters.NoSocket);
        }

        [TestMethod]
        public void ListenerAnswersStrayAckWithRstAndIgnoresRst()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.OpenListener(4);
            p.Send(7000, 999, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual(999u, p.Expect(TcpFlags.Rst).Seq);
            p.Send(7000, 999, TcpFlags.Rst, 8192, null, 0);
            p.ExpectNothing();
        }

        [TestMethod]
        public void SpecificAddressListenerWinsOverWildcard()
        {
            ScriptedPeer p = new ScriptedPeer();
            int any;
            int specific;
            p.Layer.Open(out any);
            p.Layer.Bind(any, 0, 80);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Listen(any, 2));
            p.Layer.Open(out specific);
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(specific, ScriptedPeer.LocalIp, 80));
            p.Layer.SetReuseAddress(any, true);
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(specific, ScriptedPeer.LocalIp, 80));
            p.Layer.SetReuseAddress(specific, true); // both ReuseAddress: a specific listener beside the wildcard one
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(specific, ScriptedPeer.LocalIp, 80));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Listen(specific, 2));
            int third;
            p.Layer.Open(out third);
            p.Layer.SetReuseAddress(third, true);
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(third, 0, 80)); // same address as a listener

            p.PassiveHandshake(1460);
            int h;
            uint a;
            int port;
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Accept(any, out h, out a, out port));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(specific, out h, out a, out port));
            p.Layer.Close(specific, p.Now);
            p.PeerPort = 40001;
            p.PassiveHandshake(1460);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(any, out h, out a, out port));
            Assert.AreEqual(40001, port);
        }

        [TestMethod]
        public void BindRulesAndEphemeralPorts()
        {
            ScriptedPeer p = new ScriptedPeer();
            int a;
            int b;
            int c;
            p.Layer.Open(out a);
            p.Layer.Open(out b);
            p.Layer.Open(out c);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(a, 0, 8080));
            Assert.AreEqual((int)SocketError.InvalidArgument, (int)p.Layer.Bind(a, 0, 8081)); // already bound
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(b, 0, 8080));
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(b, ScriptedPeer.LocalIp, 8080));
            Assert.AreEqual((int)SocketError.AddressNotAvailable, (int)p.Layer.Bind(b, 0x0B000001, 8082));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(b, 0, 0));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(c, 0, 0));
            uint addr;
            int pb;
            int pc;
            p.Layer.GetLocalEndPoint(b, out addr, out pb);
            p.Layer.GetLocalEndPoint(c, out addr, out pc);
            Assert.AreNotEqual(pb, pc);
            Assert.IsTrue(pb >= p.Config.EphemeralPortFirst && pb <= p.Config.EphemeralPortLast);
            Assert.IsTrue(pc >= p.Config.EphemeralPortFirst && pc <= p.Config.EphemeralPortLast);
            Assert.AreEqual((int)SocketError.NotSocket, (int)p.Layer.Bind(12345, 0, 1));
            int d;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Open(out d));
            int e;
            Assert.AreEqual((int)SocketError.TooManyOpenSockets, (int)p.Layer.Open(out e));
            p.Layer.Close(a, p.Now);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(d, 0, 8080)); // freed by close
        }

        [TestMethod]
        public void EphemeralRangeExhaustionIsReported()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.EphemeralPortFirst = 50000;
            config.EphemeralPortLast = 50001;
            ScriptedPeer p = new ScriptedPeer(config);
            int a;
            int b;
            int c;
            p.Layer.Open(out a);
            p.Layer.Open(out b);
            p.Layer.Open(out c);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(a, 0, 0));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(b, 0, 0));
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(c, 0, 0));
        }

        [TestMethod]
        public void TimeWaitHoldsThePortUnlessReuseAddress()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            p.PassiveHandshake(1460);
            int h;
            uint a;
            int port;
            p.Layer.Accept(listener, out h, out a, out port);
            p.Layer.Close(listener, p.Now);
            p.Layer.Close(h, p.Now);
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            p.PeerAck = fin.Seq + 1;
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1);
            Assert.AreEqual(1, p.Layer.TimeWaitCount);

            int s;
            p.Layer.Open(out s);
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)p.Layer.Bind(s, 0, 80));
            p.Layer.SetReuseAddress(s, true);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(s, 0, 80));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Listen(s, 4));
        }

        [TestMethod]
        public void ClosingAListenerResetsQueuedConnections()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            p.PassiveHandshake(1460);
            SentSegment half = SynFrom(p, 5009, 500);
            Assert.IsNotNull(half);
            p.PeerPort = 40000;
            p.Layer.Close(listener, p.Now);
            SentSegment rst = p.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(40000, rst.DestinationPort);
            p.ExpectNothing(); // the half-open entry is simply forgotten
            Assert.AreEqual(p.Config.TcpSockets, p.Layer.FreeSockets);
        }

        [TestMethod]
        public void NoFreeControlBlockIsTreatedAsAFullQueue()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.TcpSockets = 2;
            ScriptedPeer p = new ScriptedPeer(config);
            int listener = p.OpenListener(4);
            SentSegment a = SynFrom(p, 5001, 100);
            SentSegment b = SynFrom(p, 5002, 200);
            p.PeerPort = 5001;
            p.Send(101, a.Seq + 1, TcpFlags.Ack, 8192, null, 0); // takes the last block
            Assert.AreEqual(0, p.Layer.FreeSockets);
            p.PeerPort = 5002;
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            p.ExpectNothing();
            Assert.AreEqual(1, p.Layer.Counters.AcceptQueueOverflows);
            Assert.IsNull(SynFrom(p, 5003, 300));
            int h;
            uint addr;
            int port;
            p.Layer.Accept(listener, out h, out addr, out port);
            p.Layer.Close(h, p.Now); // orphan: still holds the block until its FIN is answered
            p.PeerPort = 5001;
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            p.PeerPort = 5001;
            p.Send(101, fin.Seq + 1, TcpFlags.Rst, 0, null, 0);
            Assert.AreEqual(1, p.Layer.FreeSockets);
            p.PeerPort = 5002;
            p.Send(201, b.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(5002, port);
        }
    }
}
