using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>System reset, power-on reset, power save (DS39662 sections 11 and 16).</summary>
    [TestClass]
    public class Enc28j60ModelResetTests
    {
        [TestMethod]
        public void SrcResetsRegistersAndPhyButKeepsTheBuffer()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            bus.PhyWrite(0x14, 0x0476);
            bus.WriteMemory(0x1500, new byte[] { 0xDE, 0xAD });
            bus.Src();
            Assert.AreEqual(0, (int)bus.Read(1, Bank1.EPKTCNT));
            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x40));
            Assert.AreEqual(0x3422, bus.PhyRead(0x14));
            Assert.AreEqual((byte)0xDE, bus.Model.PeekBuffer(0x1500));
            Assert.AreEqual((byte)0xAD, bus.Model.PeekBuffer(0x1501));
        }

        [TestMethod]
        public void PowerOnResetRestoresEverything()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(1, Bank1.ERXFCON, 0x00);
            bus.Wcr(ChipBus.EIE, 0xFF);
            bus.Model.PowerOnReset();
            Assert.AreEqual((byte)0xA1, bus.Read(1, Bank1.ERXFCON));
            Assert.AreEqual((byte)0x00, bus.RcrEth(ChipBus.EIE));
        }

        [TestMethod]
        public void PowerSaveStopsTheClockAndReception()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock);
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Bfs(ChipBus.ECON2, 0x20); // PWRSV
            Assert.AreEqual((byte)0, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x01), "CLKRDY clear");
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)));
            bus.Bfc(ChipBus.ECON2, 0x20);
            Assert.AreEqual((byte)0, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x01), "oscillator starting");
            clock.AdvanceMicroseconds(300);
            Assert.AreEqual((byte)1, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x01), "CLKRDY again");
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)));
        }

        [TestMethod]
        public void WithoutErrata2ClkrdyTellsWhenCommandsWork()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock);
            bus.Src();
            Assert.AreEqual((byte)0, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x01), "clock restarting");
            bus.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0, bus.RcrEth(ChipBus.EIE), "commands ignored meanwhile");
            for (int i = 0; i < 100 && (bus.RcrEth(ChipBus.ESTAT) & 0x01) == 0; i++)
            {
                clock.AdvanceMicroseconds(50);
            }

            bus.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0x40, bus.RcrEth(ChipBus.EIE), "a driver that polls CLKRDY is fine");
            Assert.IsTrue(clock.NowNanoseconds < 1_000_000, "well before 1 ms");
        }
    }
}
