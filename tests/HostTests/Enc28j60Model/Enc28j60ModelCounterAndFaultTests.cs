using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>SPI counters, bus time charged to the clock, and injected faults.</summary>
    [TestClass]
    public class Enc28j60ModelCounterAndFaultTests
    {
        [TestMethod]
        public void CountersCountTransactionsAndClockedBytes()
        {
            ChipBus bus = ChipBus.Create();
            bus.Model.ResetCounters();
            bus.Transfer(0x1F, 0x00);        // 2
            bus.Transfer(0x3A, 0, 0, 0, 0);  // 5
            bus.Model.Write(new byte[] { 0xFF });
            Assert.AreEqual(3L, bus.Model.SpiTransactions);
            Assert.AreEqual(8L, bus.Model.SpiBytes);
            bus.Model.ResetCounters();
            Assert.AreEqual(0L, bus.Model.SpiTransactions);
            Assert.AreEqual(0L, bus.Model.SpiBytes);
        }

        [TestMethod]
        [DataRow(20_000_000, 250)]
        [DataRow(10_000_000, 250)]
        [DataRow(8_000_000, 0)]
        public void EachTransactionChargesItsBusTime(int hz, int csOverheadNs)
        {
            var clock = new VirtualClock();
            var model = new Enc28j60Model(new Enc28j60ModelOptions { Errata = Enc28j60Errata.None, Clock = clock, SpiClockHz = hz, CsOverheadNs = csOverheadNs });
            var miso = new byte[1515];
            var mosi = new byte[1515];
            mosi[0] = 0x3A;
            long before = clock.NowNanoseconds;
            model.TransferFullDuplex(mosi, miso);
            long expected = csOverheadNs + (1515L * 8 * 1_000_000_000 / hz);
            Assert.AreEqual(expected, clock.NowNanoseconds - before);
            Assert.AreEqual(expected, model.SpiBusTimeNs);
        }

        [TestMethod]
        public void NoSpiClockNoCharge()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock);
            bus.Transfer(0x3A, 0, 0, 0);
            Assert.AreEqual(0L, clock.NowNanoseconds);
        }

        [TestMethod]
        [DataRow(1, 0xFF)] // MisoStuckHigh
        [DataRow(2, 0x00)] // MisoStuckLow
        public void AStuckMisoReadsConstantButCommandsStillWork(int fault, int reads)
        {
            ChipBus bus = ChipBus.Create();
            bus.Model.Fault = (ChipFault)fault;
            bus.SelectBank(3);
            Assert.AreEqual((byte)reads, bus.RcrEth(0x12), "EREVID");
            bus.Write(1, Bank1.ERXFCON, 0x5A);
            bus.Model.Fault = ChipFault.None;
            Assert.AreEqual((byte)0x5A, bus.Read(1, Bank1.ERXFCON), "the write reached the chip");
        }

        [TestMethod]
        public void GarbageIsSeededAndRepeatable()
        {
            byte[] first = GarbageRead(42);
            byte[] again = GarbageRead(42);
            byte[] other = GarbageRead(43);
            Assert.IsTrue(Frames.Equal(first, again));
            Assert.IsFalse(Frames.Equal(first, other));
            byte[] truth = ChipBus.Create().Transfer(new byte[] { 0x3A, 0, 0, 0, 0, 0, 0, 0, 0 });
            Assert.IsFalse(Frames.Equal(truth, first), "not the real data");
        }

        [TestMethod]
        public void AnUnresponsiveChipIgnoresCommandsAndFloatsMiso()
        {
            ChipBus bus = ChipBus.Create();
            bus.Model.Fault = ChipFault.Unresponsive;
            bus.Write(1, Bank1.ERXFCON, 0x00);
            Assert.AreEqual((byte)0xFF, bus.RcrEth(ChipBus.ECON2));
            bus.Model.Fault = ChipFault.None;
            Assert.AreEqual((byte)0xA1, bus.Read(1, Bank1.ERXFCON), "the write never happened");
        }

        [TestMethod]
        public void FrameCountersCountOutcomes()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0xA1, Frames.OwnMac);
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            bus.Model.DeliverFrame(Frames.Wire(Frames.OtherMac, 64));
            bus.Model.LinkUp = false;
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            Assert.AreEqual(1L, bus.Model.FramesReceived);
            Assert.AreEqual(1L, bus.Model.FramesFiltered);
            Assert.AreEqual(1L, bus.Model.FramesDropped);
        }

        private static byte[] GarbageRead(int seed)
        {
            ChipBus bus = ChipBus.Create();
            bus.Model.Fault = ChipFault.Garbage;
            bus.Model.GarbageSeed = seed;
            return bus.Transfer(new byte[] { 0x3A, 0, 0, 0, 0, 0, 0, 0, 0 });
        }
    }
}
