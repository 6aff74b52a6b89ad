using nanoFramework.TestFramework;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>
    /// SPI transactions per frame (deterministic, so asserted exactly), counters, and the
    /// zero-allocation steady state.
    /// </summary>
    [TestClass]
    public class Enc28j60DriverCostTests
    {
        [TestMethod]
        public void OneReceivedFrameCostsSixTransactions()
        {
            // Poll: EIR (INT was low and no other flag is set, so a frame waits: no EPKTCNT read).
            // Receive: RBM header, RBM frame (+pad), BFS PKTDEC, ERXRDPTL, ERXRDPTH; INT is high
            // after PKTDEC, so no EPKTCNT read either. The second Receive sees INT high: no SPI.
            using var rig = new DriverRig();
            WarmUp(rig);
            foreach (int length in new[] { 60, 61, 510, 1514 })
            {
                byte[] frame = Frames.Make(length, length);
                Assert.IsTrue(rig.Deliver(frame));
                long t0 = rig.Driver.SpiTransactions, b0 = rig.Driver.SpiBytes, m0 = rig.Model.SpiTransactions, mb0 = rig.Model.SpiBytes;
                var got = rig.ServiceAndReceive();
                Assert.AreEqual(1, got.Count);
                Assert.AreEqual(6L, rig.Driver.SpiTransactions - t0, "transactions for " + length);
                Assert.AreEqual(6L, rig.Model.SpiTransactions - m0, "the chip counts the same");
                int stored = length + 4 + ((length + 4) & 1);
                long bytes = 2 + 7 + (stored + 1) + 2 + 2 + 2;
                Assert.AreEqual(bytes, rig.Driver.SpiBytes - b0, "bytes for " + length);
                Assert.AreEqual(bytes, rig.Model.SpiBytes - mb0, "the chip counts the same bytes");
            }
        }

        [TestMethod]
        public void ABurstOfSmallFramesCostsAboutThreeTransactionsEach()
        {
            // Poll: EIR. Frame 1: RBM header, RBM frame, PKTDEC; INT still low: bank 1, EPKTCNT (9).
            // Frame 2: RBM header, RBM frame + next header, PKTDEC. Frames 3-9: RBM frame + next
            // header, PKTDEC. Frame 10: RBM frame, PKTDEC, bank 0, ERXRDPTL, ERXRDPTH.
            using var rig = new DriverRig();
            WarmUp(rig);
            for (int i = 0; i < 10; i++) Assert.IsTrue(rig.Deliver(Frames.Make(60, i)));
            long t0 = rig.Driver.SpiTransactions;
            var got = rig.ServiceAndReceive();
            Assert.AreEqual(10, got.Count);
            for (int i = 0; i < 10; i++) Assert.IsTrue(Frames.Same(Frames.Make(60, i), got[i]));
            Assert.AreEqual(1L + 5 + 3 + 7 * 2 + 5, rig.Driver.SpiTransactions - t0);
        }

        [TestMethod]
        public void WithoutPrefetchEachFrameReadsItsOwnHeader()
        {
            using var rig = new DriverRig(driver: o => o.PrefetchHeader = false);
            WarmUp(rig);
            for (int i = 0; i < 10; i++) Assert.IsTrue(rig.Deliver(Frames.Make(60, i)));
            long t0 = rig.Driver.SpiTransactions;
            Assert.AreEqual(10, rig.ServiceAndReceive().Count);
            Assert.AreEqual(1L + 5 + 8 * 3 + 6, rig.Driver.SpiTransactions - t0);
        }

        [TestMethod]
        public void WithoutAnInterruptPinEveryPollCountsFramesWithEpktcnt()
        {
            // Polling mode: Poll reads EIR and EPKTCNT (bank 1), Receive frees in bank 0.
            using var rig = new DriverRig(intPin: false);
            WarmUp(rig);
            Assert.IsTrue(rig.Deliver(Frames.Make(200, 1)));
            rig.Clock.AdvanceMs(rig.Options.ServiceIntervalMs);
            long t0 = rig.Driver.SpiTransactions;
            Assert.AreEqual(1, rig.ServiceAndReceive().Count);
            // EIR, EPKTCNT (bank 1 still selected by the last empty Receive) | RBM, RBM, PKTDEC,
            // BFC (bank 0), ERXRDPT x2 | BFS (bank 1), EPKTCNT = 0.
            Assert.AreEqual(2L + 6 + 2, rig.Driver.SpiTransactions - t0);
        }

        [TestMethod]
        [DataRow(60, 5)]
        [DataRow(64, 5)]
        [DataRow(512, 6)]
        [DataRow(1514, 6)]
        public void OneTransmittedFrameCostsFiveOrSixTransactions(int length, int expected)
        {
            // Transmit: EWRPTL (+EWRPTH when the last frame crossed a 256-byte page), WBM, BFS TXRTS
            // (ETXND unchanged: same length as before). Poll after the wire time: EIR, BFC EIR.TXIF.
            using var rig = new DriverRig();
            WarmUp(rig);
            byte[] frame = Frames.Make(length, 1, DriverRig.Peer);
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, length));
            rig.Clock.AdvanceMs(2);
            rig.Poll();
            for (int i = 0; i < 5; i++)
            {
                long t0 = rig.Driver.SpiTransactions;
                Assert.IsTrue(rig.Driver.Transmit(frame, 0, length));
                rig.Clock.AdvanceMs(2);
                rig.Poll();
                Assert.AreEqual((long)expected, rig.Driver.SpiTransactions - t0, "transactions for " + length);
            }

            Assert.AreEqual(6L, rig.Driver.Counters.TxFrames);
            Assert.AreEqual(6, rig.Wire.Count);
        }

        [TestMethod]
        public void CountersAddUp()
        {
            using var rig = new DriverRig();
            long rxBytes = 0, txBytes = 0;
            for (int i = 0; i < 50; i++)
            {
                byte[] f = Frames.Make(60 + i * 7, i);
                rig.Deliver(f);
                rxBytes += f.Length;
                Assert.AreEqual(1, rig.ServiceAndReceive().Count);
                Assert.IsTrue(rig.Driver.Transmit(f, 0, f.Length));
                txBytes += f.Length;
                rig.Run(2, 1);
            }

            var c = rig.Driver.Counters;
            Assert.AreEqual(50L, c.RxFrames);
            Assert.AreEqual(rxBytes, c.RxBytes);
            Assert.AreEqual(50L, c.TxFrames);
            Assert.AreEqual(txBytes, c.TxBytes);
            Assert.AreEqual(0L, c.RxDropNotOk + c.RxDropTooLong + c.RxDropRunt + c.RxOverflows + c.RxRingResets);
            Assert.AreEqual(0L, c.TxBusy + c.TxOtherErrors + c.TxTimeouts + c.TxLateCollisions + c.TxResets);
            Assert.AreEqual(0L, c.Resets + c.HealthCheckFailures + c.InitFailures + c.GarbageReads + c.PhyTimeouts);
            Assert.IsTrue(c.Interrupts >= 50, "an interrupt per received frame at least: " + c.Interrupts);
        }

        [TestMethod]
        public void SteadyStateAllocatesNothingPerFrame()
        {
            // The model and the virtual INT pin stand in for hardware and allocate (the wire copy of
            // each sent frame, GPIO event arguments); the recorder between driver and model counts
            // what is allocated inside the chip so that only the driver's own allocations remain.
            using var rig = new DriverRig(record: true);
            rig.Recorder.Enabled = false;
            var rxFrames = new byte[8][];
            for (int i = 0; i < rxFrames.Length; i++) rxFrames[i] = Frames.WithFcs(Frames.Make(60 + i * 120, i)); // 3.9 KB: fits the 5 KB ring
            byte[] tx = Frames.Make(1000, 9, DriverRig.Peer);
            var buffer = new byte[1514];

            long driverBytes = 0, chipBytes = 0;
            int frames = 0, sent = 0;
            for (int round = 0; round < 120; round++)
            {
                // The wire side (model and test arrays) stays outside the measured window.
                foreach (byte[] f in rxFrames) rig.Model.DeliverFrame(f, 0, f.Length);
                rig.Clock.AdvanceMs(2);

                long inside0 = rig.Recorder.BytesAllocatedInside;
                long before = GC.GetAllocatedBytesForCurrentThread();
                rig.Driver.Poll(rig.Clock.NowMs);
                while (rig.Driver.Receive(buffer, 0, buffer.Length) > 0) frames++;
                if (rig.Driver.Transmit(tx, 0, tx.Length)) sent++;
                _ = rig.Driver.InterruptPending;
                long after = GC.GetAllocatedBytesForCurrentThread();
                long inside = rig.Recorder.BytesAllocatedInside - inside0;
                if (round < 20) continue; // warm-up: JIT, first-call statics
                driverBytes += after - before - inside;
                chipBytes += inside;
            }

            OutputHelper.WriteLine("over 100 rounds: driver " + driverBytes + " bytes, model and virtual GPIO " + chipBytes + " bytes");
            Assert.AreEqual(120 * rxFrames.Length, frames);
            Assert.AreEqual(120, sent);
            Assert.IsTrue(chipBytes > 0, "the measurement sees allocations at all");
            Assert.AreEqual(0L, driverBytes);
        }

        /// <summary>Exchanges a few frames so banks, pointers and JIT are in their steady state.</summary>
        private static void WarmUp(DriverRig rig)
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(rig.Deliver(Frames.Make(100, 500 + i)));
                Assert.AreEqual(1, rig.ServiceAndReceive().Count);
            }

            rig.Clock.AdvanceMs(5);
            rig.Poll();
        }
    }
}
