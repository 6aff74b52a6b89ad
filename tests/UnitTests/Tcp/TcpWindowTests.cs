using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Flow control both ways: zero windows, persist probes, silly window avoidance.</summary>
    [TestClass]
    public class TcpWindowTests
    {
        [TestMethod]
        public void ZeroWindowIsProbedWithBackOffUntilItOpens()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 2000, 100);
            p.Write(h, ScriptedPeer.Bytes(5000, 1));
            p.Poll();
            SentSegment a = p.Expect(TcpFlags.Ack);
            SentSegment b = p.Expect(TcpFlags.Ack);
            p.ExpectNothing(); // window of 2000 used up
            p.PeerAck = b.Seq + 1000;
            p.PeerWindow = 0;
            p.Send(TcpFlags.Ack); // all acknowledged, window closed
            p.ExpectNothing();
            long t = p.Now;
            long interval = p.Info(h).PersistAt - t;
            Assert.AreEqual((long)p.Info(h).Rto, interval); // the persist timer starts at the RTO
            for (int i = 0; i < 4; i++)
            {
                Assert.IsTrue(p.RunUntilSegment(t + 1000000));
                SentSegment probe = p.Expect(TcpFlags.Ack);
                Assert.AreEqual(1, probe.Data.Length); // one byte beyond the window
                Assert.AreEqual(p.PeerAck, probe.Seq);
                Assert.AreEqual(t + interval, probe.TimeMs);
                t = probe.TimeMs;
                interval *= 2;
                p.Send(TcpFlags.Ack); // still zero
            }

            Assert.AreEqual(4, p.Layer.Counters.PersistProbes);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            p.PeerWindow = 3000;
            p.Send(TcpFlags.Ack); // window update
            SentSegment more = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(p.PeerAck, more.Seq);
            Assert.AreEqual(1000, more.Data.Length);
            Assert.AreEqual(long.MaxValue, p.Info(h).PersistAt);
            Assert.AreNotEqual(a.Seq, more.Seq);
        }

        [TestMethod]
        public void PersistGivesUpWhenProbesGetNoAnswerAtAll()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.DataRetries = 3;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.ActiveOpen(1000, 1000, 10);
            p.Write(h, ScriptedPeer.Bytes(3000, 1));
            p.Poll();
            SentSegment s = p.Expect(TcpFlags.Ack);
            p.PeerAck = s.Seq + 1000;
            p.PeerWindow = 0;
            p.Send(TcpFlags.Ack);
            int probes = 0;
            while (p.RunUntilSegment(p.Now + 1000000))
            {
                p.Expect(TcpFlags.Ack);
                probes++;
            }

            Assert.AreEqual(3, probes);
            Assert.AreEqual((int)SocketError.TimedOut, (int)p.Layer.GetError(h));
        }

        [TestMethod]
        public void ProbeAcceptedByPeerAdvancesTheStream()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 1000, 10);
            p.Write(h, ScriptedPeer.Bytes(2000, 1));
            p.Poll();
            SentSegment s = p.Expect(TcpFlags.Ack);
            p.PeerAck = s.Seq + 1000;
            p.PeerWindow = 0;
            p.Send(TcpFlags.Ack);
            Assert.IsTrue(p.RunUntilSegment(p.Now + 100000));
            SentSegment probe = p.Expect(TcpFlags.Ack);
            p.PeerAck = probe.Seq + 1; // the peer had room for the byte after all
            p.PeerWindow = 500;
            p.Send(TcpFlags.Ack);
            SentSegment next = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(probe.Seq + 1, next.Seq);
            Assert.AreEqual(500, next.Data.Length); // half of the largest window seen: sent (RFC 1122 SWS rule)
        }

        [TestMethod]
        public void SenderAvoidsSillyWindowUntilTheOverrideTimer()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 8000, 10);
            p.Write(h, ScriptedPeer.Bytes(1000, 1));
            p.Poll();
            SentSegment s = p.Expect(TcpFlags.Ack);
            p.PeerAck = s.Seq + 1000;
            p.PeerWindow = 100; // tiny window offered
            p.Send(TcpFlags.Ack);
            p.Write(h, ScriptedPeer.Bytes(1000, 2));
            p.Poll();
            p.ExpectNothing(); // 100 bytes < MSS and < half the largest window (4000)
            long t = p.Now;
            int rto = p.Info(h).Rto;
            Assert.IsTrue(p.RunUntilSegment(t + 100000));
            SentSegment forced = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(100, forced.Data.Length);
            Assert.AreEqual(t + rto, forced.TimeMs);
        }

        [TestMethod]
        public void ReceiverClosesWindowAndReopensOnlyByAWorthwhileAmount()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen(); // receive buffer 4096, MSS 1460
            p.SendData(ScriptedPeer.Bytes(1000, 1));
            p.SendData(ScriptedPeer.Bytes(1000, 2));
            Assert.AreEqual(2096, p.ExpectAck(p.PeerNxt).Window);
            p.SendData(ScriptedPeer.Bytes(1000, 3));
            p.SendData(ScriptedPeer.Bytes(1096, 4));
            Assert.AreEqual(0, p.ExpectAck(p.PeerNxt).Window);

            // A window probe while closed: the byte is not taken, the ACK repeats window 0.
            p.Send(p.PeerNxt, p.PeerAck, TcpFlags.Ack, 8192, new byte[] { 0x55 }, 0);
            Assert.AreEqual(0, p.ExpectAck(p.PeerNxt).Window);
            Assert.AreEqual(4096, p.Layer.Available(h));

            Assert.AreEqual(500, p.Read(h, 500).Length);
            p.Poll();
            p.ExpectNothing(); // 500 < min(buffer/2, MSS): no silly window update
            Assert.AreEqual(1000, p.Read(h, 1000).Length);
            Assert.IsTrue(p.Layer.PollNeeded);
            p.Poll();
            Assert.AreEqual(1500, p.ExpectAck(p.PeerNxt).Window);

            // Data beyond the window is cut off at its edge.
            byte[] big = ScriptedPeer.Bytes(2000, 5);
            p.Send(p.PeerNxt, p.PeerAck, TcpFlags.Ack, 8192, big, 0);
            SentSegment ack = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(p.PeerNxt + 1500, ack.Ack);
            Assert.AreEqual(0, ack.Window);
            Assert.AreEqual(4096, p.Layer.Available(h));
        }

        [TestMethod]
        public void OutOfOrderSegmentsAreReassembled()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            byte[] all = ScriptedPeer.Bytes(3000, 9);
            byte[] s1 = new byte[1000];
            byte[] s2 = new byte[1000];
            byte[] s3 = new byte[1000];
            System.Array.Copy(all, 0, s1, 0, 1000);
            System.Array.Copy(all, 1000, s2, 0, 1000);
            System.Array.Copy(all, 2000, s3, 0, 1000);
            uint b = p.PeerNxt;
            p.Send(b + 2000, p.PeerAck, TcpFlags.Ack, 8192, s3, 0);
            p.ExpectAck(b); // immediate duplicate ACK
            p.Send(b + 1000, p.PeerAck, TcpFlags.Ack, 8192, s2, 0);
            p.ExpectAck(b);
            Assert.AreEqual(0, p.Layer.Available(h));
            Assert.AreEqual(2, p.Layer.Counters.OutOfOrderQueued);
            Assert.AreEqual(1, p.Info(h).OutOfOrderRanges); // merged into one range
            p.Send(b, p.PeerAck, TcpFlags.Ack, 8192, s1, 0);
            p.ExpectAck(b + 3000); // hole filled: ACK at once
            Bytes.AreEqual(all, p.Read(h, 5000));

            // A duplicate is acknowledged at once and not delivered twice.
            p.Send(b + 1000, p.PeerAck, TcpFlags.Ack, 8192, s2, 0);
            p.ExpectAck(b + 3000);
            Assert.AreEqual(0, p.Layer.Available(h));
            Assert.IsTrue(p.Layer.Counters.DuplicateSegments >= 1);
            // An overlapping one delivers only its new part.
            byte[] overlap = ScriptedPeer.Bytes(1000, 77);
            p.Send(b + 2500, p.PeerAck, TcpFlags.Ack, 8192, overlap, 0);
            p.ExpectAck(b + 3500);
            byte[] tail = p.Read(h, 1000);
            Assert.AreEqual(500, tail.Length);
            Assert.AreEqual(overlap[500], tail[0]);
        }

        [TestMethod]
        public void OutOfOrderQueueIsBounded()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.OutOfOrderSlots = 2;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.PassiveOpen();
            uint b = p.PeerNxt;
            byte[] d = ScriptedPeer.Bytes(100, 1);
            p.Send(b + 200, p.PeerAck, TcpFlags.Ack, 8192, d, 0);
            p.Send(b + 400, p.PeerAck, TcpFlags.Ack, 8192, d, 0);
            p.Send(b + 600, p.PeerAck, TcpFlags.Ack, 8192, d, 0); // third disjoint range: no slot
            Assert.AreEqual(2, p.Layer.Counters.OutOfOrderQueued);
            Assert.AreEqual(1, p.Layer.Counters.OutOfOrderDropped);
            p.Ip.Clear();
            p.Send(b, p.PeerAck, TcpFlags.Ack, 8192, ScriptedPeer.Bytes(200, 2), 0);
            p.ExpectAck(b + 300);
            p.Send(b + 300, p.PeerAck, TcpFlags.Ack, 8192, d, 0);
            p.ExpectAck(b + 500); // the dropped range is still missing
            Assert.AreEqual(500, p.Layer.Available(h));
        }

        [TestMethod]
        public void OutOfOrderFinWaitsForTheData()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            uint b = p.PeerNxt;
            p.Send(b + 100, p.PeerAck, TcpFlags.Ack | TcpFlags.Fin, 8192, ScriptedPeer.Bytes(100, 1), 0);
            p.ExpectAck(b);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            p.Send(b, p.PeerAck, TcpFlags.Ack, 8192, ScriptedPeer.Bytes(100, 2), 0);
            p.ExpectAck(b + 201); // data and the FIN behind it
            Assert.AreEqual((int)TcpState.CloseWait, (int)p.Layer.GetState(h));
            Assert.AreEqual(200, p.Read(h, 1000).Length);
            Assert.AreEqual(0, p.Read(h, 1000).Length);
        }

        [TestMethod]
        public void ReceiveShutdownDiscardsFurtherData()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.SendData(ScriptedPeer.Bytes(100, 1));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Shutdown(h, TcpShutdown.Receive, p.Now));
            Assert.AreEqual(0, p.Read(h, 100).Length);
            p.Ip.Clear();
            p.SendData(ScriptedPeer.Bytes(300, 2));
            p.ExpectAck(p.PeerNxt); // acknowledged and dropped
            Assert.AreEqual(0, p.Layer.Available(h));
            Assert.AreEqual(0, p.Read(h, 100).Length);
        }
    }
}
