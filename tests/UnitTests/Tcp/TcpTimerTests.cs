using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Delayed ACK, Nagle, keep-alive.</summary>
    [TestClass]
    public class TcpTimerTests
    {
        [TestMethod]
        public void DelayedAckWaitsAtMostDelayedAckMs()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.PassiveOpen();
            long t = p.Now;
            p.SendData(ScriptedPeer.Bytes(100, 1));
            p.AdvanceTo(t + p.Config.DelayedAckMs - 1);
            p.ExpectNothing();
            Assert.IsTrue(p.RunUntilSegment(t + 10000));
            SentSegment ack = p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(t + p.Config.DelayedAckMs, ack.TimeMs);
            Assert.AreEqual(1, p.Layer.Counters.DelayedAcks);
        }

        [TestMethod]
        public void EverySecondFullSegmentIsAcknowledgedAtOnce()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.SendData(ScriptedPeer.Bytes(1460, 1));
            p.ExpectNothing();
            p.SendData(ScriptedPeer.Bytes(1460, 2));
            p.ExpectAck(p.PeerNxt);
            p.Read(h, 4000);
            p.Poll();
            Assert.AreEqual(4096, p.ExpectAck(p.PeerNxt).Window); // window update after the read
            p.SendData(ScriptedPeer.Bytes(1460, 3));
            p.ExpectNothing();
            p.SendData(ScriptedPeer.Bytes(1460, 4));
            p.ExpectAck(p.PeerNxt);
        }

        [TestMethod]
        public void FinIsAcknowledgedAtOnce()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.PassiveOpen();
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1);
        }

        [TestMethod]
        public void NagleCoalescesSmallWritesWhileDataIsUnacknowledged()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1460);
            p.Write(h, ScriptedPeer.Bytes(10, 1));
            p.Poll();
            SentSegment first = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(10, first.Data.Length); // nothing in flight: goes at once
            p.Write(h, ScriptedPeer.Bytes(10, 2));
            p.Poll();
            p.Write(h, ScriptedPeer.Bytes(10, 3));
            p.Poll();
            p.ExpectNothing(); // small segments wait for the ACK
            p.PeerAck = first.Seq + 10;
            p.Send(TcpFlags.Ack);
            SentSegment coalesced = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(20, coalesced.Data.Length);
            p.ExpectNothing();
        }

        [TestMethod]
        public void NoDelaySendsEachWriteAtOnce()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1460);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.SetNoDelay(h, true));
            bool on;
            p.Layer.GetNoDelay(h, out on);
            Assert.IsTrue(on);
            for (int i = 0; i < 3; i++)
            {
                p.Write(h, ScriptedPeer.Bytes(10, i));
                p.Poll();
                Assert.AreEqual(10, p.Expect(TcpFlags.Ack).Data.Length);
            }
        }

        [TestMethod]
        public void NagleStillSendsFullSegments()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 20000, 10);
            p.Write(h, ScriptedPeer.Bytes(10, 1));
            p.Poll();
            p.Expect(TcpFlags.Ack);
            p.Write(h, ScriptedPeer.Bytes(2500, 2));
            p.Poll();
            Assert.AreEqual(1000, p.Expect(TcpFlags.Ack).Data.Length);
            Assert.AreEqual(1000, p.Expect(TcpFlags.Ack).Data.Length);
            p.ExpectNothing(); // the 500-byte tail waits
        }

        [TestMethod]
        public void KeepAliveProbesAnIdlePeerAndDeclaresItDead()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.KeepAliveIdleMs = 10000;
            config.KeepAliveIntervalMs = 1000;
            config.KeepAliveProbes = 3;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.PassiveOpen();
            long t = p.Now;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.SetKeepAlive(h, true));
            Assert.IsTrue(p.RunUntilSegment(t + 100000));
            SentSegment probe = p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(t + 10000, probe.TimeMs);
            Assert.AreEqual(p.LayerIss, probe.Seq); // SND.UNA − 1
            p.Send(TcpFlags.Ack); // the peer is alive
            long alive = p.Now;

            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(p.RunUntilSegment(alive + 100000));
                probe = p.ExpectAck(p.PeerNxt);
                Assert.AreEqual(alive + 10000 + i * 1000, probe.TimeMs);
            }

            Assert.IsTrue(p.RunUntilSegment(alive + 100000));
            SentSegment rst = p.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(alive + 13000, rst.TimeMs);
            Assert.AreEqual((int)SocketError.TimedOut, (int)p.Layer.GetError(h));
            Assert.AreEqual(4, p.Layer.Counters.KeepAliveProbes);
        }

        [TestMethod]
        public void NoKeepAliveByDefault()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            Assert.IsFalse(p.RunUntilSegment(p.Now + 3L * 3600 * 1000));
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
        }
    }
}
