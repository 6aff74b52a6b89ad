using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>RFC 6298 timer and back-off, Karn, RFC 5681 fast retransmit and window growth.</summary>
    [TestClass]
    public class TcpRetransmitTests
    {
        [TestMethod]
        public void RtoDoublesAndKarnTakesNoSampleFromRetransmissions()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1460, 8192, 100);
            TcpInfo info = p.Info(h);
            Assert.AreEqual(100, info.Srtt); // from the SYN exchange
            Assert.AreEqual(300, info.Rto); // 100 + max(4·50, MinRto 200)

            p.Write(h, ScriptedPeer.Bytes(100, 1));
            p.Poll();
            long t1 = p.Now;
            SentSegment first = p.Expect(TcpFlags.Ack);
            Assert.IsTrue(p.RunUntilSegment(t1 + 10000));
            SentSegment r1 = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(first.Seq, r1.Seq);
            Assert.AreEqual(100, r1.Data.Length);
            Assert.AreEqual(t1 + 300, r1.TimeMs);
            Assert.AreEqual(600, p.Info(h).Rto);
            Assert.IsTrue(p.RunUntilSegment(t1 + 10000));
            Assert.AreEqual(t1 + 900, p.Expect(TcpFlags.Ack).TimeMs);
            Assert.AreEqual(1200, p.Info(h).Rto);
            Assert.AreEqual(2, p.Info(h).Retries);

            // The ACK arrives: ambiguous which transmission it answers, so no sample (Karn).
            p.Now = t1 + 950;
            p.PeerAck = first.Seq + 100;
            p.Send(TcpFlags.Ack);
            info = p.Info(h);
            Assert.AreEqual(100, info.Srtt);
            Assert.AreEqual(1200, info.Rto); // the backed-off RTO stays until a clean sample
            Assert.AreEqual(0, info.Retries);
            Assert.AreEqual(long.MaxValue, info.RetransmitAt);

            // A segment sent once and acknowledged after 50 ms gives a sample again.
            p.Write(h, ScriptedPeer.Bytes(10, 2));
            p.Poll();
            p.Expect(TcpFlags.Ack);
            p.Now += 50;
            p.PeerAck += 10;
            p.Send(TcpFlags.Ack);
            info = p.Info(h);
            Assert.AreEqual(93, info.Srtt); // 100 + (50 − 100)/8
            Assert.AreEqual(293, info.Rto);
        }

        [TestMethod]
        public void DataRetriesExhaustedTimesOutWithoutReset()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.DataRetries = 3;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.ActiveOpen(1460);
            p.Write(h, ScriptedPeer.Bytes(100, 1));
            p.Poll();
            p.Expect(TcpFlags.Ack);
            int retransmissions = 0;
            while (p.RunUntilSegment(p.Now + 600000))
            {
                SentSegment s = p.Expect();
                Assert.IsFalse(s.IsRst);
                retransmissions++;
            }

            Assert.AreEqual(3, retransmissions);
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual((int)SocketError.TimedOut, (int)p.Layer.GetError(h));
            Assert.AreEqual(1, p.Layer.Counters.ConnectionsTimedOut);
        }

        [TestMethod]
        public void ThirdDuplicateAckTriggersFastRetransmitAndRecovery()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 20000, 10);
            uint start = p.LayerIss + 1;
            Assert.AreEqual(4000, p.Info(h).Cwnd); // IW = 4 segments for MSS ≤ 1095
            p.Write(h, ScriptedPeer.Bytes(8000, 1));
            p.Poll();
            for (int i = 0; i < 4; i++)
            {
                Assert.AreEqual(start + (uint)(i * 1000), p.Expect(TcpFlags.Ack).Seq);
            }

            p.ExpectNothing(); // congestion window full
            p.PeerAck = start + 1000;
            p.Send(TcpFlags.Ack); // cwnd 5000: two more segments
            Assert.AreEqual(start + 4000, p.Expect(TcpFlags.Ack).Seq);
            Assert.AreEqual(start + 5000, p.Expect(TcpFlags.Ack).Seq);
            p.ExpectNothing();

            // Segment 2 was lost: the peer repeats its ACK. The first two duplicates each let
            // one new segment out beyond cwnd (RFC 3042 Limited Transmit).
            p.Send(TcpFlags.Ack);
            Assert.AreEqual(start + 6000, p.Expect(TcpFlags.Ack).Seq);
            p.Send(TcpFlags.Ack);
            Assert.AreEqual(start + 7000, p.Expect(TcpFlags.Ack).Seq);
            p.ExpectNothing();
            Assert.AreEqual(5000, p.Info(h).Cwnd, "Limited Transmit leaves cwnd alone");
            p.Send(TcpFlags.Ack);
            SentSegment fast = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(start + 1000, fast.Seq);
            Assert.AreEqual(1000, fast.Data.Length);
            Assert.AreEqual(1, p.Layer.Counters.FastRetransmits);
            TcpInfo info = p.Info(h);
            Assert.IsTrue(info.InRecovery);
            Assert.AreEqual(2500, info.Ssthresh); // FlightSize 5000 / 2: the limited-transmit segments do not count
            Assert.AreEqual(5500, info.Cwnd); // ssthresh + 3 SMSS
            p.Send(TcpFlags.Ack); // inflated to 6500, still below the 7000 outstanding
            p.ExpectNothing();

            p.PeerAck = start + 8000; // full ACK
            p.Send(TcpFlags.Ack);
            info = p.Info(h);
            Assert.IsFalse(info.InRecovery);
            Assert.AreEqual(2000, info.Cwnd); // min(ssthresh, max(FlightSize 0, SMSS) + SMSS) (RFC 6582 §3.2 step 3)
            Assert.AreEqual(0, p.Layer.Counters.RetransmitTimeouts);
        }

        [TestMethod]
        public void SmallWindowRecoversByEarlyRetransmitWithoutTimeout()
        {
            // A 3000-byte send buffer: at most three segments out, so three duplicates never come.
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.TcpSendBufferSize = 3000;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.ActiveOpen(1000, 20000, 10);
            uint start = p.LayerIss + 1;
            p.Write(h, ScriptedPeer.Bytes(3000, 1));
            p.Poll();
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(start + (uint)(i * 1000), p.Expect(TcpFlags.Ack).Seq);
            }

            p.Send(TcpFlags.Ack); // the first segment was lost
            p.ExpectNothing();
            p.Send(TcpFlags.Ack);
            SentSegment early = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(start, early.Seq);
            Assert.AreEqual(1, p.Layer.Counters.FastRetransmits);
            Assert.AreEqual(0, p.Layer.Counters.RetransmitTimeouts);
        }

        [TestMethod]
        public void PureAckAfterTimeoutCarriesSndMax()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 20000, 10);
            uint start = p.LayerIss + 1;
            p.Write(h, ScriptedPeer.Bytes(3000, 1));
            p.Poll();
            p.Ip.Clear();
            Assert.IsTrue(p.RunUntilSegment(p.Now + 10000));
            Assert.AreEqual(start, p.Expect(TcpFlags.Ack).Seq); // go-back-N: SND.NXT is start + 1000 now
            Assert.AreEqual(start + 1000, p.Info(h).SndNxt);

            // Out-of-order data from the peer meanwhile earns an immediate ACK, which must not
            // look older than what the peer already has.
            p.Send(p.PeerNxt + 100, p.PeerAck, TcpFlags.Ack, p.PeerWindow, ScriptedPeer.Bytes(500, 2), 0);
            SentSegment ack = p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(start + 3000, ack.Seq, "SND.MAX, not SND.NXT");
        }

        [TestMethod]
        public void PartialAckInRecoveryRetransmitsTheNextHole()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1000, 20000, 10);
            uint start = p.LayerIss + 1;
            p.Write(h, ScriptedPeer.Bytes(4000, 1));
            p.Poll();
            p.Ip.Clear();
            for (int i = 0; i < 3; i++)
            {
                p.Send(TcpFlags.Ack); // segments 1 and 3 lost, 2 and 4 arrived
            }

            Assert.AreEqual(start, p.Expect(TcpFlags.Ack).Seq);
            p.PeerAck = start + 2000; // partial: the hole at 2000 remains
            p.Send(TcpFlags.Ack);
            Assert.AreEqual(start + 2000, p.Expect(TcpFlags.Ack).Seq);
            Assert.IsTrue(p.Info(h).InRecovery);
            p.PeerAck = start + 4000;
            p.Send(TcpFlags.Ack);
            Assert.IsFalse(p.Info(h).InRecovery);
        }

        [TestMethod]
        public void SlowStartThenCongestionAvoidanceAfterTimeout()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.TcpSendBufferSize = 65536;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.ActiveOpen(1000, 60000, 10);
            byte[] data = ScriptedPeer.Bytes(60000, 1);
            p.Write(h, data);
            p.Poll();
            // Slow start: each ACK of a full segment adds one segment.
            int cwnd = p.Info(h).Cwnd;
            Assert.AreEqual(4000, cwnd);
            for (int i = 0; i < 4; i++)
            {
                SentSegment s = p.Expect(TcpFlags.Ack);
                p.PeerAck = s.Seq + 1000;
                p.Send(TcpFlags.Ack);
                cwnd += 1000;
                Assert.AreEqual(cwnd, p.Info(h).Cwnd);
            }

            // Now 8000 in flight: let them all time out.
            p.Ip.Clear();
            long before = p.Now;
            Assert.IsTrue(p.RunUntilSegment(p.Now + 10000));
            SentSegment rexmit = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(p.PeerAck, rexmit.Seq); // go back to SND.UNA
            TcpInfo info = p.Info(h);
            Assert.AreEqual(1000, info.Cwnd); // loss window
            Assert.AreEqual(4000, info.Ssthresh); // FlightSize 8000 / 2
            Assert.AreEqual(1, p.Layer.Counters.RetransmitTimeouts);
            p.ExpectNothing();
            Assert.IsTrue(p.Now > before);

            // Slow start up to ssthresh, then about one segment per window.
            int[] expected = new int[] { 2000, 3000, 4000, 4250, 4485 };
            SentSegment next = rexmit;
            for (int i = 0; i < expected.Length; i++)
            {
                p.PeerAck = next.Seq + 1000;
                p.Send(TcpFlags.Ack);
                Assert.AreEqual(expected[i], p.Info(h).Cwnd);
                next = p.Expect(TcpFlags.Ack);
                while (p.Ip.Count > 0)
                {
                    p.Ip.Take(); // keep only the oldest outstanding segment in view
                }
            }
        }
    }
}
