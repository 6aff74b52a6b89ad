using nanoFramework.TestFramework;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;
using static NanoIP.Drivers.Enc28j60.Enc28j60Registers;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>Start-up: the register state the driver leaves, and the clear refusal when no chip answers.</summary>
    [TestClass]
    public class Enc28j60DriverInitTests
    {
        [TestMethod]
        public void StartProgramsTheChipForFullDuplex()
        {
            using var rig = new DriverRig();
            Assert.IsTrue(rig.Driver.IsRunning);
            Assert.AreEqual("ok", rig.Driver.LastError);
            Assert.AreEqual(0x06, rig.Driver.Revision);

            // Ring at 0 (errata 5), odd ERXRDPT at the ring's end (errata 14), the first of the
            // two transmit areas (0x1400 and 0x1A00) right above it.
            Assert.AreEqual(0x0000, rig.Peek16(ERXSTL));
            Assert.AreEqual(0x13FF, rig.Peek16(ERXNDL));
            Assert.AreEqual(0x13FF, rig.Peek16(ERXRDPTL));
            Assert.AreEqual(0x1400, rig.Peek16(ETXSTL));
            Assert.AreEqual(0x0000, rig.Peek16(ERDPTL));

            Assert.AreEqual(ERXFCON_UCEN | ERXFCON_CRCEN | ERXFCON_BCEN, rig.Peek(ERXFCON));
            Assert.AreEqual(MACON1_MARXEN | MACON1_TXPAUS | MACON1_RXPAUS, rig.Peek(MACON1));
            Assert.AreEqual(MACON3_PADCFG0 | MACON3_TXCRCEN | MACON3_FRMLNEN | MACON3_FULDPX, rig.Peek(MACON3));
            Assert.AreEqual(0, rig.Peek(MACON4));
            Assert.AreEqual(0x15, rig.Peek(MABBIPG));
            Assert.AreEqual(0x12, rig.Peek(MAIPGL));
            Assert.AreEqual(1518, rig.Peek16(MAMXFLL));

            Assert.AreEqual(DriverRig.Mac[0], rig.Peek(MAADR5));
            Assert.AreEqual(DriverRig.Mac[1], rig.Peek(MAADR4));
            Assert.AreEqual(DriverRig.Mac[2], rig.Peek(MAADR3));
            Assert.AreEqual(DriverRig.Mac[3], rig.Peek(MAADR2));
            Assert.AreEqual(DriverRig.Mac[4], rig.Peek(MAADR1));
            Assert.AreEqual(DriverRig.Mac[5], rig.Peek(MAADR0));

            Assert.AreEqual(PHCON1_PDPXMD, rig.Model.PeekPhyRegister(PHCON1) & PHCON1_PDPXMD);
            Assert.AreEqual(0, rig.Model.PeekPhyRegister(PHCON2) & PHCON2_HDLDIS);
            Assert.AreEqual(0x3476, (int)rig.Model.PeekPhyRegister(PHLCON));
            Assert.AreEqual(PHIE_PGEIE | PHIE_PLNKIE, (int)rig.Model.PeekPhyRegister(PHIE));

            Assert.AreEqual(EIE_INTIE | EIE_PKTIE | EIE_LINKIE | EIE_TXIE | EIE_TXERIE | EIE_RXERIE, rig.Peek(EIE));
            Assert.AreEqual(ECON1_RXEN, rig.Peek(ECON1) & (ECON1_RXEN | ECON1_TXRTS | ECON1_DMAST | ECON1_CSUMEN));
            Assert.AreEqual(ECON2_AUTOINC, rig.Peek(ECON2) & (ECON2_AUTOINC | ECON2_PWRSV));
            Assert.IsTrue(rig.Driver.IsLinkUp);
            Assert.IsTrue(rig.Driver.FullDuplex);

            var mac = new byte[8];
            rig.Driver.GetMacAddress(mac, 2);
            Assert.IsTrue(mac.AsSpan(2, 6).SequenceEqual(DriverRig.Mac));
            Assert.AreEqual(1514, rig.Driver.MaxFrameLength);
        }

        [TestMethod]
        public void StartProgramsTheChipForHalfDuplex()
        {
            using var rig = new DriverRig(driver: o => o.FullDuplex = false);
            Assert.AreEqual(MACON1_MARXEN, rig.Peek(MACON1));
            Assert.AreEqual(MACON3_PADCFG0 | MACON3_TXCRCEN | MACON3_FRMLNEN, rig.Peek(MACON3));
            Assert.AreEqual(MACON4_DEFER, rig.Peek(MACON4));
            Assert.AreEqual(0x12, rig.Peek(MABBIPG));
            Assert.AreEqual(0x0C12, rig.Peek16(MAIPGL));
            Assert.AreEqual(0, rig.Model.PeekPhyRegister(PHCON1) & PHCON1_PDPXMD);
            Assert.AreEqual(PHCON2_HDLDIS, rig.Model.PeekPhyRegister(PHCON2) & PHCON2_HDLDIS);
        }

        [TestMethod]
        public void ReceiveFilterFollowsBroadcastAndMulticastSwitches()
        {
            using var rig = new DriverRig(model: m => m.Errata &= ~Enc28j60Errata.PatternMatchLeaks);
            rig.Driver.ReceiveBroadcast = false;
            Assert.AreEqual(ERXFCON_UCEN | ERXFCON_CRCEN | ERXFCON_PMEN, rig.Peek(ERXFCON));

            // Broadcast ARP passes the pattern filter; other broadcasts do not.
            byte[] broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
            byte[] arp = Frames.Make(60, 1, broadcast, 0x0806);
            byte[] ipv4 = Frames.Make(60, 2, broadcast, 0x0800);
            Assert.IsTrue(rig.Deliver(arp));
            Assert.IsFalse(rig.Deliver(ipv4));
            var got = rig.ServiceAndReceive();
            Assert.AreEqual(1, got.Count);
            Assert.IsTrue(Frames.Same(arp, got[0]));

            rig.Driver.ReceiveMulticast = true;
            Assert.AreEqual(ERXFCON_UCEN | ERXFCON_CRCEN | ERXFCON_PMEN | ERXFCON_MCEN, rig.Peek(ERXFCON));
            rig.Driver.ReceiveBroadcast = true;
            Assert.AreEqual(ERXFCON_UCEN | ERXFCON_CRCEN | ERXFCON_BCEN | ERXFCON_MCEN, rig.Peek(ERXFCON));
            Assert.IsTrue(rig.Deliver(ipv4));
            Assert.AreEqual(1, rig.ServiceAndReceive().Count);
        }

        [TestMethod]
        [DataRow(ChipFault.MisoStuckHigh, "EREVID=0xFF")]
        [DataRow(ChipFault.Unresponsive, "EREVID=0xFF")]
        [DataRow(ChipFault.MisoStuckLow, "CLKRDY never set")]
        [DataRow(ChipFault.Garbage, "ENC28J60")]
        public void StartRefusesWithAClearErrorWhenNoChipAnswers(ChipFault fault, string expected)
        {
            using var rig = new DriverRig(start: false);
            rig.Model.Fault = fault;
            string message = StartError(rig);
            Assert.IsNotNull(message, "Start must refuse");
            Assert.Contains(expected, message);
            Assert.IsFalse(rig.Driver.IsRunning);
            Assert.IsFalse(rig.Driver.IsLinkUp);
            Assert.AreEqual(1L, rig.Driver.Counters.InitFailures);

            // A refused driver neither receives nor sends, and says why it did not send.
            Assert.AreEqual(0, rig.Driver.Receive(rig.RxBuffer, 0, rig.RxBuffer.Length));
            Assert.IsFalse(rig.Driver.Transmit(Frames.Make(60, 1), 0, 60));
            Assert.AreEqual(1L, rig.Driver.Counters.TxDropNotReady);
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        public void GarbageOnMisoNeverPassesForAChip(int seed)
        {
            using var rig = new DriverRig(start: false);
            rig.Model.Fault = ChipFault.Garbage;
            rig.Model.GarbageSeed = seed;
            Assert.IsNotNull(StartError(rig));
        }

        [TestMethod]
        public void AStartRefusedForLackOfAChipSucceedsOnceTheChipAnswers()
        {
            using var rig = new DriverRig(start: false);
            rig.Model.Fault = ChipFault.Unresponsive;
            Assert.IsNotNull(StartError(rig));
            rig.Run(3000, 100);
            Assert.IsFalse(rig.Driver.IsRunning);

            rig.Model.Fault = ChipFault.None;
            rig.Run(1500, 100);
            Assert.IsTrue(rig.Driver.IsRunning);
            Assert.AreEqual(1L, rig.Driver.Counters.Resets);
            Assert.IsTrue(rig.Deliver(Frames.Make(100, 7)));
            Assert.AreEqual(1, rig.ServiceAndReceive().Count);
        }

        [TestMethod]
        [DataRow(0x04, 4_000_000, true)]
        [DataRow(0x04, 8_000_000, false)]
        [DataRow(0x06, 4_000_000, false)]
        public void RevisionsBeforeB5RefuseAnSpiClockBelow8MHz(int revision, int spiHz, bool refused)
        {
            // Errata 1 (B1, B4): below 8 MHz the SPI interface is unreliable. The board's SPI
            // settings tell the driver the clock.
            using var rig = new DriverRig(model: m =>
            {
                m.Revision = (byte)revision;
                m.SpiClockHz = spiHz;
            }, start: false);
            Assert.AreEqual(spiHz, rig.Model.ConnectionSettings.ClockFrequency);
            string message = StartError(rig);
            if (refused)
            {
                Assert.IsNotNull(message);
                Assert.Contains("errata 1", message);
            }
            else
            {
                Assert.IsNull(message);
                Assert.AreEqual(revision, rig.Driver.Revision);
            }
        }

        [TestMethod]
        public void TheResetPinIsPulsedAtStart()
        {
            // A chip left asleep by a warm restart ignores SRC (errata 19); the RESET pin does not.
            // With the errata 19 workaround off, only the pin can bring it back.
            using var rig = new DriverRig(resetPin: true, start: false,
                driver: o => o.Workarounds = Enc28j60Workarounds.All & ~Enc28j60Workarounds.LeavePowerSaveBeforeReset);
            rig.Model.Write(new byte[] { (byte)(BFS | ECON2), (byte)(ECON2_VRPS | ECON2_PWRSV) });
            Assert.IsNull(StartError(rig));
            Assert.AreEqual(0, rig.Peek(ECON2) & ECON2_PWRSV);
            Assert.IsTrue(rig.Deliver(Frames.Make(90, 1)));
            Assert.AreEqual(1, rig.ServiceAndReceive().Count);
        }

        [TestMethod]
        public void RegisterDumpReadsLiveValues()
        {
            using var rig = new DriverRig();
            var sink = new RecordingSink();
            rig.Driver.DumpRegisterValues(sink);
            Assert.AreEqual(rig.Options.RxBufferEnd >> 8, sink.Registers["ERXNDH"]);
            Assert.AreEqual(0xFF, sink.Registers["ERXNDL"]);
            Assert.AreEqual(0x06, sink.Registers["EREVID"]);
            Assert.AreEqual(0x0083, sink.Registers["PHID1"]);
            Assert.AreEqual(0x3476, sink.Registers["PHLCON"]);
            Assert.AreEqual(DriverRig.Mac[0], sink.Registers["MAADR5"]);
            Assert.IsFalse(sink.Registers.ContainsKey("PHIR"), "reading PHIR would swallow a link change");

            rig.Driver.Counters.Report(sink);
            Assert.AreEqual(0L, sink.Counters["RxFrames"]);
            Assert.IsTrue(sink.Counters.Count >= 20);
        }

        internal static string StartError(DriverRig rig)
        {
            try
            {
                rig.Driver.Start();
                return null;
            }
            catch (InvalidOperationException e)
            {
                OutputHelper.WriteLine(e.Message);
                return e.Message;
            }
        }

        internal sealed class RecordingSink : IDumpSink
        {
            public readonly Dictionary<string, int> Registers = new();
            public readonly Dictionary<string, long> Counters = new();

            public void Register(string name, int value, int bits) => Registers[name] = value;

            public void Counter(string name, long value) => Counters[name] = value;
        }
    }
}
