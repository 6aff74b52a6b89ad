using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>10BASE-T serialisation: slot lengths, back-to-back spacing, full duplex, latency, tail drop.</summary>
    [TestClass]
    public class WireTimingTests
    {
        [TestMethod]
        public void FullSizeFrameTakesItsSlotOf1230Point4Microseconds()
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink.Connect(rig.Scheduler, a, b);
            long t0 = rig.Now;
            Assert.IsTrue(a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 1)));
            Assert.IsTrue(a.End.Busy);
            rig.Drain();
            Assert.AreEqual(1, b.Arrivals.Count);
            Assert.AreEqual(1_230_400L, b.Arrivals[0].TimeNs - t0); // (8 + 1518 + 12) × 0.8 µs
            Assert.AreEqual(0, a.Arrivals.Count);
            Assert.AreEqual(1_230_400L, EthernetTiming.SlotNs(1518));
        }

        [TestMethod]
        public void BackToBackFramesAreSpacedByTheirSlotsAndShortFramesArePaddedTo64()
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink.Connect(rig.Scheduler, a, b);
            int[] sizes = { 1518, 46, 64, 65, 1000, 1518 };
            long t0 = rig.Now;
            for (int i = 0; i < sizes.Length; i++) Assert.IsTrue(a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), sizes[i], i)));
            Assert.AreEqual(sizes.Length - 1, a.End.Queued);
            rig.Drain();
            Assert.AreEqual(sizes.Length, b.Arrivals.Count);
            long expected = t0;
            for (int i = 0; i < sizes.Length; i++)
            {
                expected += (8 + System.Math.Max(64, sizes[i]) + 12) * 800L;
                Assert.AreEqual(expected, b.Arrivals[i].TimeNs, "frame " + i);
                Assert.AreEqual(i, WireRig.IdOf(b.Arrivals[i].Frame));
            }

            Assert.AreEqual(67_200L, b.Arrivals[2].TimeNs - b.Arrivals[1].TimeNs); // a 46-byte frame occupies 64
            Assert.AreEqual(expected - t0, a.End.BusyNs);
        }

        [TestMethod]
        public void AFrameQueuedAfterTheWireWentIdleStartsWhenQueuedNotEarlier()
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink.Connect(rig.Scheduler, a, b);
            a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 100, 1));
            rig.Clock.Advance(1_000_000); // 1 ms, well past the first slot, without looking at the wire
            long t1 = rig.Now;
            a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 100, 2));
            rig.Drain();
            Assert.AreEqual(2, b.Arrivals.Count);
            Assert.AreEqual(t1 + EthernetTiming.SlotNs(100), b.Arrivals[1].TimeNs);
        }

        [TestMethod]
        public void BothDirectionsSerialiseIndependentlyAndLatencyAddsToArrival()
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink link = EthernetLink.Connect(rig.Scheduler, a, b, latencyNs: 5_000);
            long t0 = rig.Now;
            a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 1));
            b.Send(WireRig.Frame(WireRig.Mac(1), WireRig.Mac(2), 1518, 2));
            rig.Drain();
            Assert.AreEqual(t0 + 1_230_400 + 5_000, b.Arrivals[0].TimeNs);
            Assert.AreEqual(t0 + 1_230_400 + 5_000, a.Arrivals[0].TimeNs);
            Assert.AreEqual(1L, link.A.FramesSent);
            Assert.AreEqual(1L, link.B.FramesArrived);
        }

        [TestMethod]
        public void AFullQueueDropsTheNewFrameAndCountsIt()
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink.Connect(rig.Scheduler, a, b);
            a.End.QueueCapacity = 3;
            int accepted = 0;
            for (int i = 0; i < 10; i++)
            {
                if (a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 600, i))) accepted++;
            }

            Assert.AreEqual(4, accepted); // one on the wire, three waiting
            Assert.AreEqual(6L, a.End.TailDrops);
            rig.Drain();
            Assert.AreEqual(4, b.Arrivals.Count);
            for (int i = 0; i < 4; i++) Assert.AreEqual(i, WireRig.IdOf(b.Arrivals[i].Frame)); // the tail was dropped, not the head

            // Once drained the queue takes frames again.
            Assert.IsTrue(a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 600, 99)));
            rig.Drain();
            Assert.AreEqual(99, WireRig.IdOf(b.Arrivals[4].Frame));
        }

        [TestMethod]
        public void ASenderThatSpentItsSlotIsNotSlottedAgain()
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink.Connect(rig.Scheduler, a, b, latencyNs: 1_000);
            long t0 = rig.Now;
            var starts = new List<long>();
            a.End.FrameSent += (f, start, end) => starts.Add(start);
            a.End.SendSerialized(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 1));
            rig.Drain();
            Assert.AreEqual(t0 + 1_000, b.Arrivals[0].TimeNs);
            Assert.AreEqual(t0 - 1_230_400, starts[0]);
        }
    }
}
