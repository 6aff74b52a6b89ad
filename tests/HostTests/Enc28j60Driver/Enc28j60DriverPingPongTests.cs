using nanoFramework.TestFramework;
using NanoIP.Drivers.Enc28j60;
using static NanoIP.Drivers.Enc28j60.Enc28j60Registers;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>
    /// The two transmit areas: a frame queued while another is on the wire leaves next, in order and
    /// byte-exact; its SPI write overlaps the wire time; errors and late-collision retries of one
    /// area neither lose nor repeat the frame in the other.
    /// </summary>
    [TestClass]
    public class Enc28j60DriverPingPongTests
    {
        /// <summary>10BASE-T: preamble 8 + frame + FCS 4 + gap 12 byte times of 800 ns.</summary>
        private static long WireNs(int length) => (8 + Math.Max(length, 60) + 4 + 12) * 800L;

        [TestMethod]
        [DataRow(0x13FF)]
        [DataRow(0x141B)]
        public void TwoQueuedFramesLeaveInOrderByteExact(int rxBufferEnd)
        {
            int[] sizes = { 14, 59, 60, 61, 255, 256, 257, 1000, 1513, 1514 };
            using var rig = new DriverRig(driver: o => o.RxBufferEnd = rxBufferEnd);
            int areaSize = ((0x1FFF - rxBufferEnd) / 2) & ~1;
            var sent = new List<byte[]>();
            var areasUsed = new HashSet<int>();
            int seed = 0;
            foreach (int a in sizes)
            {
                foreach (int b in sizes)
                {
                    byte[] first = Frames.Make(a, seed++, DriverRig.Peer);
                    byte[] second = Frames.Make(b, seed++, DriverRig.Peer);
                    long delays = rig.DriverClock.Delays;
                    Assert.IsTrue(rig.Driver.Transmit(first, 0, a));
                    areasUsed.Add(rig.Peek16(ETXSTL));
                    Assert.IsTrue(rig.Driver.Transmit(second, 0, b), "queued behind the first");
                    Assert.AreEqual(delays, rig.DriverClock.Delays, "queueing does not wait");
                    Assert.AreEqual(ECON1_TXRTS, rig.Peek(ECON1) & ECON1_TXRTS, "the first is still on the wire");
                    sent.Add(first);
                    sent.Add(second);
                    rig.Run(4, 1);
                    areasUsed.Add(rig.Peek16(ETXSTL));
                }
            }

            Assert.AreEqual(sent.Count, rig.Wire.Count);
            for (int i = 0; i < sent.Count; i++)
            {
                byte[] w = rig.Wire[i];
                Assert.AreEqual(Math.Max(sent[i].Length, 60) + 4, w.Length, "frame " + i);
                Assert.IsTrue(w.AsSpan(0, sent[i].Length).SequenceEqual(sent[i]), "frame " + i + " byte-exact");
                Assert.IsTrue(Frames.FcsValid(w), "frame " + i + " FCS");
            }

            Assert.AreEqual((long)sent.Count, rig.Driver.Counters.TxFrames);
            Assert.AreEqual(0L, rig.Driver.Counters.TxBusy + rig.Driver.Counters.TxOtherErrors + rig.Driver.Counters.TxTimeouts);
            Assert.AreEqual(2, areasUsed.Count, "ETXST alternates between two areas");
            Assert.IsTrue(areasUsed.Contains(rxBufferEnd + 1) && areasUsed.Contains(rxBufferEnd + 1 + areaSize), "areas right above the ring, half the rest apart");
            Assert.IsTrue(rxBufferEnd + 1 + 2 * areaSize <= 0x2000, "both areas inside the 8 KB");
        }

        [TestMethod]
        public void TheNextFramesSpiWriteOverlapsTheWire()
        {
            // SPI at 20 MHz charged to the clock: a full frame's WBM takes ~607 us, its wire time
            // 1,230 us. With one area each start would wait for the previous frame and then the
            // write (spacing >= wire + 607 us); with two the write happened during the wire time
            // and only the completion check (EIR polled every TxPollIntervalMicroseconds) remains.
            using var rig = new DriverRig(model: m => m.SpiClockHz = 20_000_000, record: true);
            rig.Recorder.Enabled = false;
            var starts = new List<long>();
            rig.Recorder.Observe = (op, arg) =>
            {
                if (op == (BFS | ECON1) && (arg & ECON1_TXRTS) != 0) starts.Add(rig.Clock.NowNanoseconds);
            };

            const int frames = 12;
            for (int i = 0; i < frames; i++)
            {
                Assert.IsTrue(rig.Driver.Transmit(Frames.Make(1514, i, DriverRig.Peer), 0, 1514), "frame " + i);
            }

            // The network thread wakes on INT (as the board's does): the last queued frame starts at once.
            for (int us = 0; us < 5000; us += 10)
            {
                rig.Clock.AdvanceMicroseconds(10);
                if (rig.Driver.InterruptPending) rig.Poll();
            }

            Assert.AreEqual(frames, rig.Wire.Count);
            for (int i = 0; i < frames; i++) Assert.IsTrue(rig.Wire[i].AsSpan(0, 1514).SequenceEqual(Frames.Make(1514, i, DriverRig.Peer)));
            Assert.AreEqual(frames, starts.Count);

            long wire = WireNs(1514);
            long spiWrite = (1 + 1 + 1514) * 8 * 1_000_000_000L / 20_000_000;
            long worst = 0;
            for (int i = 1; i < frames; i++)
            {
                long spacing = starts[i] - starts[i - 1];
                Assert.IsTrue(spacing >= wire, "frame " + i + " started before the previous one left: " + spacing);
                worst = Math.Max(worst, spacing - wire);
                OutputHelper.WriteLine("frame " + i + ": gap " + (spacing - wire) / 1000.0 + " us");
            }

            OutputHelper.WriteLine("wire " + wire / 1000 + " us, SPI write " + spiWrite / 1000 + " us, worst gap between frames " + worst / 1000 + " us");
            long slack = rig.Options.TxPollIntervalMicroseconds * 1000L + 20_000;
            Assert.IsTrue(worst <= slack, "starts spaced by the wire time plus at most one EIR poll, not by wire + SPI: gap " + worst);
            Assert.IsTrue(worst < spiWrite, "a single area would need at least the SPI write between frames");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void ALateCollisionOnTheFirstOfTwoRetriesThatFrame(bool workaround)
        {
            using var rig = new DriverRig(driver: workaround ? null : o => o.Workarounds = Enc28j60Workarounds.All & ~Enc28j60Workarounds.LateCollisionRetry);
            byte[] first = Frames.Make(700, 1, DriverRig.Peer);
            byte[] second = Frames.Make(300, 2, DriverRig.Peer);
            rig.Model.ForcedLateCollisions = 2; // the first frame collides twice
            Assert.IsTrue(rig.Driver.Transmit(first, 0, first.Length));
            Assert.IsTrue(rig.Driver.Transmit(second, 0, second.Length));
            rig.Run(10, 1);
            var c = rig.Driver.Counters;
            if (workaround)
            {
                Assert.AreEqual(2, rig.Wire.Count, "both, once each");
                Assert.IsTrue(rig.Wire[0].AsSpan(0, first.Length).SequenceEqual(first), "the collided frame first");
                Assert.IsTrue(rig.Wire[1].AsSpan(0, second.Length).SequenceEqual(second));
                Assert.AreEqual(2L, c.TxLateCollisionRetries);
                Assert.AreEqual(2L, c.TxFrames);
                Assert.AreEqual(0L, c.TxLateCollisions);
            }
            else
            {
                // The first is lost (counted), its retry never happens; the second still leaves,
                // and only once (the second forced collision hits it: lost too, but not repeated).
                Assert.AreEqual(0, rig.Wire.Count);
                Assert.AreEqual(2L, c.TxLateCollisions);
                rig.Wire.Clear();
                Assert.IsTrue(rig.Driver.Transmit(second, 0, second.Length));
                rig.Run(5, 1);
                Assert.AreEqual(1, rig.Wire.Count);
            }
        }

        [TestMethod]
        public void ALateCollisionOnTheQueuedFrameResendsItNotTheFirst()
        {
            using var rig = new DriverRig();
            byte[] first = Frames.Make(1200, 3, DriverRig.Peer);
            byte[] second = Frames.Make(90, 4, DriverRig.Peer);
            byte[] third = Frames.Make(400, 5, DriverRig.Peer);
            Assert.IsTrue(rig.Driver.Transmit(first, 0, first.Length));
            rig.Model.ForcedLateCollisions = 1; // strikes the next start: the queued frame
            Assert.IsTrue(rig.Driver.Transmit(second, 0, second.Length));
            Assert.IsTrue(rig.Driver.Transmit(third, 0, third.Length), "waits for the first, then queues");
            rig.Run(10, 1);
            Assert.AreEqual(3, rig.Wire.Count);
            Assert.IsTrue(rig.Wire[0].AsSpan(0, first.Length).SequenceEqual(first));
            Assert.IsTrue(rig.Wire[1].AsSpan(0, second.Length).SequenceEqual(second));
            Assert.IsTrue(rig.Wire[2].AsSpan(0, third.Length).SequenceEqual(third));
            Assert.AreEqual(1L, rig.Driver.Counters.TxLateCollisionRetries);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        public void ATransmitErrorInOneAreaKeepsTheOther(int failing)
        {
            using var rig = new DriverRig();
            byte[] first = Frames.Make(800, 6, DriverRig.Peer);
            byte[] second = Frames.Make(1514, 7, DriverRig.Peer);
            if (failing == 0) rig.Model.ForcedAborts = 1;
            Assert.IsTrue(rig.Driver.Transmit(first, 0, first.Length));
            if (failing == 1) rig.Model.ForcedAborts = 1;
            Assert.IsTrue(rig.Driver.Transmit(second, 0, second.Length));
            rig.Run(10, 1);
            byte[] survivor = failing == 0 ? second : first;
            Assert.AreEqual(1, rig.Wire.Count);
            Assert.IsTrue(rig.Wire[0].AsSpan(0, survivor.Length).SequenceEqual(survivor));
            var c = rig.Driver.Counters;
            Assert.AreEqual(1L, c.TxOtherErrors);
            Assert.AreEqual(1L, c.TxResets, "errata 12: TXRST after the abort");
            Assert.AreEqual(1L, c.TxFrames);

            // Both areas work afterwards.
            rig.Wire.Clear();
            for (int i = 0; i < 4; i++) Assert.IsTrue(rig.Driver.Transmit(Frames.Make(100 + i, 10 + i, DriverRig.Peer), 0, 100 + i));
            rig.Run(10, 1);
            Assert.AreEqual(4, rig.Wire.Count);
            for (int i = 0; i < 4; i++) Assert.IsTrue(rig.Wire[i].AsSpan(0, 100 + i).SequenceEqual(Frames.Make(100 + i, 10 + i, DriverRig.Peer)));
        }

        [TestMethod]
        public void BothAreasBusyWaitsBoundedThenRefuses()
        {
            // Errata 12 without the workaround: the transmitter stalls after an abort; the queue
            // fills, the third Transmit waits at most TxWaitMs and is refused (TxBusy); the timeout
            // gives up the stalled head and the queued frame gets its turn.
            using var rig = new DriverRig(driver: o => o.Workarounds = Enc28j60Workarounds.All & ~Enc28j60Workarounds.TxResetAfterError);
            rig.Model.ForcedAborts = 1;
            Assert.IsTrue(rig.Driver.Transmit(Frames.Make(200, 1, DriverRig.Peer), 0, 200));
            rig.Run(3, 1); // aborted: no TXRST, so the next TXRTS stalls
            Assert.IsTrue(rig.Driver.Transmit(Frames.Make(200, 2, DriverRig.Peer), 0, 200));
            Assert.IsTrue(rig.Driver.Transmit(Frames.Make(200, 3, DriverRig.Peer), 0, 200));
            long t0 = rig.NowMs;
            Assert.IsFalse(rig.Driver.Transmit(Frames.Make(200, 4, DriverRig.Peer), 0, 200));
            Assert.IsTrue(rig.NowMs - t0 <= rig.Options.TxWaitMs + 1, "bounded wait");
            Assert.AreEqual(1L, rig.Driver.Counters.TxBusy);
            rig.Run(rig.Options.TxTimeoutMs * 3, 10);
            Assert.IsTrue(rig.Driver.Counters.TxTimeouts >= 1);
        }

        [TestMethod]
        public void RxBufferEndMustLeaveTwoAreas()
        {
            Assert.ThrowsException(typeof(ArgumentException), () => new DriverRig(driver: o => o.RxBufferEnd = 0x141D, start: false).Dispose());
            Assert.ThrowsException(typeof(ArgumentException), () => new DriverRig(driver: o => o.RxBufferEnd = 0x19FF, start: false).Dispose());
            using var rig = new DriverRig(driver: o => o.RxBufferEnd = 0x141B);
            Assert.AreEqual(0x141B, rig.Peek16(ERXNDL));
            Assert.AreEqual(0x141C, rig.Peek16(ETXSTL));
        }
    }
}
