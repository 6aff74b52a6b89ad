using nanoFramework.TestFramework;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>The parts the state machine is built from, each on its own.</summary>
    [TestClass]
    public class TcpComponentTests
    {
        [TestMethod]
        public void SequenceComparisonsWrapAround()
        {
            Assert.IsTrue(TcpSeq.Lt(0xFFFFFFF0, 0x10));
            Assert.IsTrue(TcpSeq.Gt(0x10, 0xFFFFFFF0));
            Assert.IsTrue(TcpSeq.Le(5, 5));
            Assert.IsFalse(TcpSeq.Lt(5, 5));
            Assert.AreEqual(0x20, TcpSeq.Diff(0x10, 0xFFFFFFF0));
            Assert.IsTrue(TcpSeq.InRange(0xFFFFFFFF, 0xFFFFFFF0, 0x10));
            Assert.IsFalse(TcpSeq.InRange(0x10, 0xFFFFFFF0, 0x10));
        }

        [TestMethod]
        public void SipHashMatchesPublishedVectors()
        {
            // Key 00..0f, message 00 01 02 ... (length n): vectors from the SipHash paper's reference code.
            ulong k0 = 0x0706050403020100UL;
            ulong k1 = 0x0F0E0D0C0B0A0908UL;
            byte[] m = new byte[16];
            for (int i = 0; i < m.Length; i++)
            {
                m[i] = (byte)i;
            }

            Assert.AreEqual(0x726fdb47dd0e0e31UL, SipHash.Hash(k0, k1, m, 0, 0));
            Assert.AreEqual(0x93f5f5799a932462UL, SipHash.Hash(k0, k1, m, 0, 8));
            Assert.AreEqual(0x751e8fbc860ee5fbUL, SipHash.Hash(k0, k1, m, 0, 12));
            Assert.AreEqual(0xa129ca6149be45e5UL, SipHash.Hash(k0, k1, m, 0, 15));
        }

        [TestMethod]
        public void IsnFollowsFourMicrosecondClockAndDiffersPerTuple()
        {
            IsnGenerator g = new IsnGenerator(0x12345678);
            uint a0 = g.Next(0x0A000001, 1000, 0x0A000002, 80, 0);
            uint a1 = g.Next(0x0A000001, 1000, 0x0A000002, 80, 1000);
            uint b0 = g.Next(0x0A000001, 1001, 0x0A000002, 80, 0);
            Assert.AreEqual(250000u, a1 - a0); // 1 s of 4 µs ticks (RFC 6528 M).
            Assert.AreNotEqual(a0, b0);
            IsnGenerator other = new IsnGenerator(0x12345679);
            Assert.AreNotEqual(a0, other.Next(0x0A000001, 1000, 0x0A000002, 80, 0));
        }

        [TestMethod]
        public void SendRingWrapsAndConsumes()
        {
            SendRing r = new SendRing(8);
            byte[] src = new byte[] { 1, 2, 3, 4, 5, 6 };
            Assert.AreEqual(6, r.Write(src, 0, 6));
            r.Consume(4);
            Assert.AreEqual(6, r.Write(new byte[] { 7, 8, 9, 10, 11, 12, 13 }, 0, 7)); // only 6 fit
            Assert.AreEqual(8, r.Count);
            byte[] out1 = new byte[8];
            r.CopyOut(0, out1, 0, 8);
            Bytes.AreEqual(new byte[] { 5, 6, 7, 8, 9, 10, 11, 12 }, out1);
            byte[] out2 = new byte[3];
            r.CopyOut(5, out2, 0, 3);
            Bytes.AreEqual(new byte[] { 10, 11, 12 }, out2);
            r.Consume(100);
            Assert.AreEqual(0, r.Count);
            Assert.AreEqual(8, r.Free);
        }

        [TestMethod]
        public void AssemblerMergesRangesAndHandsOverContiguousPrefix()
        {
            Assembler a = new Assembler(2);
            Assert.IsTrue(a.Add(10, 5)); // [10,15)
            Assert.IsTrue(a.Add(20, 5)); // [20,25)
            Assert.IsFalse(a.Add(30, 5)); // no third slot
            Assert.IsTrue(a.Add(15, 5)); // bridges: [10,25)
            Assert.AreEqual(1, a.Count);
            Assert.AreEqual(0, a.RemoveFront()); // hole at 0..10
            Assert.IsTrue(a.Add(30, 2)); // [30,32)
            Assert.IsTrue(a.Add(0, 10)); // in order, fills the hole even with both slots taken
            Assert.AreEqual(25, a.RemoveFront());
            Assert.AreEqual(1, a.Count);
            Assert.AreEqual(7, a.HighestEnd); // [5,7) after shifting by 25
            Assert.IsTrue(a.Add(5, 2)); // duplicate
            Assert.AreEqual(1, a.Count);
            Assert.AreEqual(0, a.RemoveFront());
        }

        [TestMethod]
        public void AssemblerNeverRefusesInOrderData()
        {
            Assembler a = new Assembler(0);
            Assert.IsFalse(a.Add(3, 1));
            Assert.IsTrue(a.Add(0, 4));
            Assert.AreEqual(4, a.RemoveFront());
            Assert.AreEqual(0, a.Count);
        }

        [TestMethod]
        public void ReceiveRingPlacesOutOfOrderBytesAtTheirOffset()
        {
            ReceiveRing r = new ReceiveRing(8, 2);
            r.WriteAt(0, new byte[] { 1, 2, 3, 4, 5, 6 }, 0, 6);
            r.CommitReadable(6);
            byte[] b = new byte[4];
            Assert.AreEqual(4, r.Read(b, 0, 4));
            r.WriteAt(2, new byte[] { 9, 10 }, 0, 2); // wraps: lands after a gap of two
            r.WriteAt(0, new byte[] { 7, 8 }, 0, 2);
            r.CommitReadable(4);
            byte[] all = new byte[6];
            Assert.AreEqual(6, r.Read(all, 0, 6));
            Bytes.AreEqual(new byte[] { 5, 6, 7, 8, 9, 10 }, all);
        }

        [TestMethod]
        public void RtoFollowsRfc6298()
        {
            RtoEstimator e = new RtoEstimator(1000, 200, 60000);
            Assert.AreEqual(1000, e.Rto);
            e.Sample(100); // SRTT 100, RTTVAR 50 → RTO 300
            Assert.AreEqual(100, e.Srtt);
            Assert.AreEqual(50, e.RttVar);
            Assert.AreEqual(300, e.Rto);
            e.Sample(100); // RTTVAR 3/4·50 = 37.5 → RTO 100 + max(150, MinRto 200)
            Assert.AreEqual(300, e.Rto);
            e.Sample(700); // SRTT 175, 4·RTTVAR = 150 + 600 − 37 = 713 → RTO 888
            Assert.AreEqual(175, e.Srtt);
            Assert.AreEqual(888, e.Rto);
            e.Backoff();
            Assert.AreEqual(1776, e.Rto);
            for (int i = 0; i < 20; i++)
            {
                e.Backoff();
            }

            Assert.AreEqual(60000, e.Rto);
            e.Sample(1); // tiny RTT: floor at MinRto
            Assert.IsTrue(e.Rto >= 200);
        }

        [TestMethod]
        public void RtoReinitializesToThreeSecondsAfterSynLossWithoutSample()
        {
            RtoEstimator e = new RtoEstimator(1000, 200, 60000);
            e.Backoff();
            e.ReinitializeAfterSynLoss();
            Assert.AreEqual(3000, e.Rto);
        }

        [TestMethod]
        public void EndBackoffReturnsToTheEstimateOnlyOnceMeasured()
        {
            RtoEstimator e = new RtoEstimator(1000, 200, 60000);
            e.Backoff();
            e.EndBackoff();
            Assert.AreEqual(2000, e.Rto, "no sample yet: nothing to return to");
            e.Sample(100);
            Assert.AreEqual(300, e.Rto);
            e.Backoff();
            e.Backoff();
            Assert.AreEqual(1200, e.Rto);
            e.EndBackoff();
            Assert.AreEqual(300, e.Rto);
            Assert.AreEqual(100, e.Srtt, "the estimate itself is untouched");
        }

        [TestMethod]
        public void CongestionControlSlowStartThenAvoidance()
        {
            CongestionControl cc = new CongestionControl();
            cc.Init(1460, false);
            Assert.AreEqual(3 * 1460, cc.Cwnd); // RFC 5681 §3.1 for 1095 < MSS ≤ 2190
            cc.OnNewAck(1, 1460, 0, 1460);
            Assert.AreEqual(4 * 1460, cc.Cwnd);
            cc.Ssthresh = 4 * 1460;
            cc.OnNewAck(2, 1460, 0, 1460);
            Assert.AreEqual(4 * 1460 + 1460 * 1460 / (4 * 1460), cc.Cwnd);
            cc.Init(536, true);
            Assert.AreEqual(536, cc.Cwnd); // SYN was lost: IW = 1 segment
        }

        [TestMethod]
        public void EarlyRetransmitLowersTheThresholdOnlyForSmallStuckWindows()
        {
            CongestionControl cc = new CongestionControl();
            cc.Init(1000, false);
            // Three segments out, nothing new can go: outstanding − 1 = 2 duplicates (RFC 5827 §3.1).
            Assert.IsFalse(cc.OnDuplicateAck(100, 3100, 3000, 1000, false));
            Assert.IsTrue(cc.OnDuplicateAck(100, 3100, 3000, 1000, false));
            Assert.AreEqual(2000, cc.Ssthresh); // floor of 2 SMSS
            Assert.AreEqual(4000, cc.Cwnd); // ssthresh + 2 duplicates

            cc.Init(1000, false);
            Assert.IsTrue(cc.OnDuplicateAck(100, 1600, 1500, 1000, false), "two segments (one partial): the first duplicate");

            cc.Init(1000, false);
            Assert.IsFalse(cc.OnDuplicateAck(100, 1100, 1000, 1000, false));
            Assert.IsFalse(cc.OnDuplicateAck(100, 1100, 1000, 1000, false));
            Assert.IsTrue(cc.OnDuplicateAck(100, 1100, 1000, 1000, false), "one segment: no early threshold of 0");

            cc.Init(1000, false);
            Assert.IsFalse(cc.OnDuplicateAck(100, 3100, 3000, 1000, true));
            Assert.IsFalse(cc.OnDuplicateAck(100, 3100, 3000, 1000, true), "new data can still bring duplicates: wait for three");
            Assert.IsTrue(cc.OnDuplicateAck(100, 3100, 3000, 1000, true));

            cc.Init(1000, false);
            Assert.IsFalse(cc.OnDuplicateAck(100, 4100, 4000, 1000, false));
            Assert.IsFalse(cc.OnDuplicateAck(100, 4100, 4000, 1000, false), "four segments: the normal threshold");
            Assert.IsTrue(cc.OnDuplicateAck(100, 4100, 4000, 1000, false));
        }

        [TestMethod]
        public void LimitedTransmitAllowsTwoSegmentsAndIsLeftOutOfSsthresh()
        {
            CongestionControl cc = new CongestionControl();
            cc.Init(1000, false);
            cc.Cwnd = 6000;
            Assert.AreEqual(0, cc.LimitedTransmitAllowance(1000));
            cc.OnDuplicateAck(100, 6100, 6000, 1000, true);
            Assert.AreEqual(1000, cc.LimitedTransmitAllowance(1000));
            cc.NoteLimitedTransmit(1000);
            cc.OnDuplicateAck(100, 7100, 7000, 1000, true);
            Assert.AreEqual(2000, cc.LimitedTransmitAllowance(1000));
            cc.NoteLimitedTransmit(2000);
            Assert.AreEqual(6000, cc.Cwnd, "cwnd itself is unchanged (RFC 3042 §2)");
            Assert.IsTrue(cc.OnDuplicateAck(100, 8100, 8000, 1000, false));
            Assert.AreEqual(3000, cc.Ssthresh, "(8000 − 2000 sent by Limited Transmit) / 2");
            Assert.AreEqual(0, cc.LimitedTransmitAllowance(1000), "none in recovery");
            cc.OnNewAck(8100, 8000, 0, 1000);
            Assert.AreEqual(0, cc.LimitedTransmitAllowance(1000));
        }

        [TestMethod]
        public void CongestionControlFastRetransmitAndNewRenoRecovery()
        {
            CongestionControl cc = new CongestionControl();
            cc.Init(1000, false);
            cc.Cwnd = 10000;
            Assert.IsFalse(cc.OnDuplicateAck(100, 10100, 10000, 1000, true));
            Assert.IsFalse(cc.OnDuplicateAck(100, 10100, 10000, 1000, true));
            Assert.IsTrue(cc.OnDuplicateAck(100, 10100, 10000, 1000, true));
            Assert.AreEqual(5000, cc.Ssthresh);
            Assert.AreEqual(8000, cc.Cwnd);
            Assert.IsFalse(cc.OnDuplicateAck(100, 10100, 10000, 1000, true));
            Assert.AreEqual(9000, cc.Cwnd); // inflation
            Assert.IsTrue(cc.OnNewAck(2100, 2000, 8000, 1000)); // partial ACK below recover
            Assert.IsTrue(cc.InRecovery);
            Assert.IsFalse(cc.OnNewAck(10100, 8000, 0, 1000)); // full ACK
            Assert.IsFalse(cc.InRecovery);
            Assert.AreEqual(2000, cc.Cwnd); // min(ssthresh, max(flight, mss) + mss)
            cc.OnRetransmitTimeout(20000, 6000, 1000);
            Assert.AreEqual(1000, cc.Cwnd);
            Assert.AreEqual(3000, cc.Ssthresh);
        }

        [TestMethod]
        public void ChallengeAckLimiterAllowsLimitPerSecond()
        {
            ChallengeAckLimiter l = new ChallengeAckLimiter(2);
            Assert.IsTrue(l.Allow(0));
            Assert.IsTrue(l.Allow(10));
            Assert.IsFalse(l.Allow(999));
            Assert.IsTrue(l.Allow(1000));
        }
    }
}
