using nanoFramework.TestFramework;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;
using static NanoIP.Drivers.Enc28j60.Enc28j60Registers;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>
    /// Each silicon erratum the model reproduces, with the driver's workaround on and off: the pair
    /// shows the workaround is what makes the driver work. Errata numbers are DS80349's (rev. B7).
    /// </summary>
    [TestClass]
    public class Enc28j60DriverErrataTests
    {
        private static Action<Enc28j60Options> Without(Enc28j60Workarounds w, Action<Enc28j60Options> more = null) => o =>
        {
            o.Workarounds = Enc28j60Workarounds.All & ~w;
            more?.Invoke(o);
        };

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata2_WaitAfterResetBeforeTrustingClkRdy(bool workaround)
        {
            using var rig = new DriverRig(driver: workaround ? null : Without(Enc28j60Workarounds.ResetDelay), start: false);
            string error = Enc28j60DriverInitTests.StartError(rig);
            OutputHelper.WriteLine("start: " + (error ?? "ok"));
            if (workaround)
            {
                Assert.IsNull(error);
                Assert.AreEqual(rig.Options.RxBufferEnd, rig.Peek16(ERXNDL));
            }
            else
            {
                Assert.IsNotNull(error, "commands in the first millisecond are lost");
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata5_ReceiveRingStartsAtZero(bool workaround)
        {
            using var rig = new DriverRig(driver: workaround ? null : Without(Enc28j60Workarounds.RxStartAtZero));
            // Without it the two transmit areas (2 x 0x600) come first and the ring after them.
            Assert.AreEqual(workaround ? 0 : 0x0C00, rig.Peek16(ERXSTL));
            int good = ExchangeFrames(rig, 40);
            OutputHelper.WriteLine("received " + good + " of 40, ring resets " + rig.Driver.Counters.RxRingResets);
            if (workaround) Assert.AreEqual(40, good);
            else Assert.IsTrue(good < 40, "received " + good + " of 40 with ERXST != 0");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata6_PacketCountNotPktif(bool workaround)
        {
            using var rig = new DriverRig(driver: workaround ? null : Without(Enc28j60Workarounds.PacketCountNotPktif));
            int good = ExchangeFrames(rig, 200);
            OutputHelper.WriteLine("received " + good + " of 200");
            if (workaround) Assert.AreEqual(200, good);
            else Assert.IsTrue(good < 200, "received " + good + " of 200 trusting PKTIF");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata14_OddErxrdpt(bool workaround)
        {
            using var rig = new DriverRig(driver: workaround ? null : Without(Enc28j60Workarounds.OddErxrdpt));
            int good = ExchangeFrames(rig, 300);
            OutputHelper.WriteLine("received " + good + " of 300, ring resets " + rig.Driver.Counters.RxRingResets);
            if (workaround)
            {
                Assert.AreEqual(300, good);
                Assert.AreEqual(0L, rig.Driver.Counters.RxRingResets);
            }
            else
            {
                Assert.IsTrue(good < 300 || rig.Driver.Counters.RxRingResets > 0, "received " + good + " of 300 with even ERXRDPT");
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata13_LateCollisionsAreRetried(bool workaround)
        {
            using var rig = HalfDuplex(workaround ? null : Without(Enc28j60Workarounds.LateCollisionRetry));
            int sent = SendFrames(rig, 200);
            var c = rig.Driver.Counters;
            OutputHelper.WriteLine("on wire " + sent + ", retries " + c.TxLateCollisionRetries + ", lost " + c.TxLateCollisions);
            if (workaround)
            {
                Assert.AreEqual(200, sent);
                Assert.IsTrue(c.TxLateCollisionRetries > 0, "the erratum struck");
                Assert.AreEqual(0L, c.TxLateCollisions);
            }
            else
            {
                Assert.IsTrue(c.TxLateCollisions > 0);
                Assert.IsTrue(sent < 200);
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata12_TransmitLogicResetAfterAnAbort(bool workaround)
        {
            using var rig = HalfDuplex(workaround ? null : Without(Enc28j60Workarounds.TxResetAfterError));
            int sent = SendFrames(rig, 200);
            var c = rig.Driver.Counters;
            OutputHelper.WriteLine("on wire " + sent + ", resets " + c.TxResets + ", timeouts " + c.TxTimeouts + ", busy " + c.TxBusy);
            if (workaround)
            {
                Assert.AreEqual(200, sent);
                Assert.IsTrue(c.TxResets > 0);
                Assert.AreEqual(0L, c.TxTimeouts);
            }
            else
            {
                Assert.IsTrue(sent < 200, "a stalled transmitter sends nothing more");
                Assert.IsTrue(c.TxTimeouts + c.TxBusy > 0);
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata15_LateCollisionFromTheStatusVector(bool workaround)
        {
            // The model's B7 default includes errata 15: ESTAT.LATECOL stays 0 on a late collision.
            using var rig = HalfDuplex(workaround ? null : Without(Enc28j60Workarounds.LateCollisionFromVector), record: true);
            int sent = SendFrames(rig, 200);
            var c = rig.Driver.Counters;
            OutputHelper.WriteLine("on wire " + sent + ", retries " + c.TxLateCollisionRetries + ", other errors " + c.TxOtherErrors);
            if (workaround)
            {
                Assert.AreEqual(200, sent);
                Assert.IsTrue(c.TxLateCollisionRetries > 0);
            }
            else
            {
                // ESTAT.LATECOL does not tell: the aborts look like other errors and the frames are lost.
                Assert.IsTrue(sent < 200);
                Assert.IsTrue(c.TxOtherErrors > 0);
            }
        }

        [TestMethod]
        public void Errata17_TheDriverNeverStartsTheDmaEngine()
        {
            using var rig = new DriverRig(record: true);
            Assert.AreEqual(100, ExchangeFrames(rig, 100));
            Assert.AreEqual(100, SendFrames(rig, 100));
            Assert.IsTrue(rig.Recorder.Commands.Count > 1000);
            Assert.IsFalse(rig.Recorder.EverSet(ECON1, ECON1_DMAST | ECON1_CSUMEN), "no DMA copy or checksum ever");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata19_LeavePowerSaveBeforeReset(bool workaround)
        {
            using var rig = new DriverRig(driver: workaround ? null : Without(Enc28j60Workarounds.LeavePowerSaveBeforeReset), start: false);
            // The host restarted while the chip slept: ECON2.VRPS and PWRSV set (BFS ECON2).
            rig.Model.Write(new byte[] { (byte)(BFS | ECON2), (byte)(ECON2_VRPS | ECON2_PWRSV) });
            rig.Clock.AdvanceMs(5);
            string error = Enc28j60DriverInitTests.StartError(rig);
            OutputHelper.WriteLine("start: " + (error ?? "ok"));
            if (workaround)
            {
                Assert.IsNull(error);
                Assert.AreEqual(10, ExchangeFrames(rig, 10));
            }
            else
            {
                Assert.IsNotNull(error, "SRC in power save does nothing: the clock stays off");
                Assert.Contains("CLKRDY", error);
            }
        }

        private static DriverRig HalfDuplex(Action<Enc28j60Options> driver, bool record = false) =>
            new DriverRig(model: m => m.Seed = 3, driver: o =>
            {
                driver?.Invoke(o);
                o.FullDuplex = false;
            }, record: record);

        /// <summary>Delivers frames one at a time and reads each back; returns how many came back intact.</summary>
        internal static int ExchangeFrames(DriverRig rig, int count)
        {
            int good = 0;
            var rng = new Random(count);
            for (int i = 0; i < count; i++)
            {
                byte[] f = Frames.Make(60 + rng.Next(1455), 1000 + i);
                rig.Deliver(f);
                rig.Clock.AdvanceMs(1);
                foreach (byte[] got in rig.ServiceAndReceive()) if (Frames.Same(f, got)) good++;
            }

            return good;
        }

        /// <summary>Transmits frames the way a stack does (retrying a refused one a few times); returns how many reached the wire.</summary>
        internal static int SendFrames(DriverRig rig, int count)
        {
            rig.Wire.Clear();
            var rng = new Random(count + 1);
            for (int i = 0; i < count; i++)
            {
                int length = 60 + rng.Next(1455);
                byte[] f = Frames.Make(length, i, DriverRig.Peer);
                for (int attempt = 0; attempt < 3 && !rig.Driver.Transmit(f, 0, length); attempt++) rig.Run(20, 2);
                rig.Run(2, 1);
            }

            rig.Run(1500, 10);
            return rig.Wire.Count;
        }
    }
}
