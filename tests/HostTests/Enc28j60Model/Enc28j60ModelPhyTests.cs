using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>PHY registers through MII (DS39662 3.3), link status and the link interrupt.</summary>
    [TestClass]
    public class Enc28j60ModelPhyTests
    {
        [TestMethod]
        public void PhyRegistersHaveTheirResetValues()
        {
            ChipBus bus = ChipBus.Create();
            Assert.AreEqual(0x0000, bus.PhyRead(0x00), "PHCON1: half duplex");
            Assert.AreEqual(0x1800, bus.PhyRead(0x01), "PHSTAT1: PFDPX | PHDPX, LLSTAT not yet latched");
            Assert.AreEqual(0x0083, bus.PhyRead(0x02), "PHID1");
            Assert.AreEqual(0x1400, bus.PhyRead(0x03), "PHID2");
            Assert.AreEqual(0x0000, bus.PhyRead(0x10), "PHCON2");
            Assert.AreEqual(0x0400, bus.PhyRead(0x11), "PHSTAT2: LSTAT");
            Assert.AreEqual(0x0000, bus.PhyRead(0x12), "PHIE");
            Assert.AreEqual(0x0000, bus.PhyRead(0x13), "PHIR");
            Assert.AreEqual(0x3422, bus.PhyRead(0x14), "PHLCON");
        }

        [TestMethod]
        public void MiiWritesReachThePhy()
        {
            ChipBus bus = ChipBus.Create();
            bus.PhyWrite(0x14, 0x3476);
            Assert.AreEqual(0x3476, bus.PhyRead(0x14));
            bus.PhyWrite(0x00, 0x0100);
            Assert.AreEqual(0x0100, bus.PhyRead(0x00));
            Assert.AreEqual(0x0600, bus.PhyRead(0x11), "DPXSTAT follows PDPXMD");
        }

        [TestMethod]
        public void WithAClockMistatBusyLasts10Point24Microseconds()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock);
            bus.Write(2, Bank2.MIREGADR, 0x02);
            bus.Write(2, Bank2.MICMD, 0x01);
            Assert.AreEqual((byte)0x01, (byte)(bus.Read(3, Bank3.MISTAT) & 0x01), "BUSY right after MIIRD");
            Assert.AreEqual((byte)0x00, bus.Read(2, Bank2.MIRDL), "MIRD not yet loaded");
            clock.Advance(10_239);
            Assert.AreEqual((byte)0x01, (byte)(bus.Read(3, Bank3.MISTAT) & 0x01), "still busy");
            clock.Advance(1);
            Assert.AreEqual((byte)0x00, (byte)(bus.Read(3, Bank3.MISTAT) & 0x01));
            Assert.AreEqual((byte)0x83, bus.Read(2, Bank2.MIRDL));
        }

        [TestMethod]
        public void WithSpiTimeChargedPollingBusyFinishesTheRead()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock, spiHz: 20_000_000);
            bus.Write(2, Bank2.MIREGADR, 0x03);
            bus.Write(2, Bank2.MICMD, 0x01);
            int busyReads = 0;
            bus.SelectBank(3);
            for (int i = 0; i < 100 && (bus.RcrMac(Bank3.MISTAT) & 0x01) != 0; i++)
            {
                busyReads++;
            }

            Assert.IsTrue(busyReads >= 1, "BUSY was seen");
            bus.Write(2, Bank2.MICMD, 0x00);
            Assert.AreEqual(0x1400, bus.Read(2, Bank2.MIRDL) | (bus.Read(2, Bank2.MIRDH) << 8));
        }

        [TestMethod]
        public void LlstatLatchesLowUntilRead()
        {
            ChipBus bus = ChipBus.Create();
            Assert.AreEqual(0, bus.PhyRead(0x01) & 0x0004, "reset value");
            Assert.AreEqual(0x0004, bus.PhyRead(0x01) & 0x0004, "link up since the last read");
            bus.Model.LinkUp = false;
            bus.Model.LinkUp = true;
            Assert.AreEqual(0x0400, bus.PhyRead(0x11) & 0x0400, "LSTAT is live");
            Assert.AreEqual(0, bus.PhyRead(0x01) & 0x0004, "the link dropped since the last read");
            Assert.AreEqual(0x0004, bus.PhyRead(0x01) & 0x0004);
        }

        [TestMethod]
        public void LinkChangeRaisesLinkifWhenPhieEnablesIt()
        {
            ChipBus bus = ChipBus.Create();
            bus.Wcr(ChipBus.EIE, 0x90); // INTIE | LINKIE
            bus.Model.LinkUp = false;
            Assert.IsFalse(bus.Model.IntAsserted, "PHIE not set: no PHY interrupt");
            Assert.AreEqual(0x0010, bus.PhyRead(0x13), "but PLNKIF can be polled (DS39662 12.1.5)");

            bus.PhyWrite(0x12, 0x0012); // PLNKIE | PGEIE
            Assert.IsFalse(bus.Model.IntAsserted, "the read cleared PLNKIF");
            bus.Model.LinkUp = true;
            Assert.IsTrue(bus.Model.IntAsserted);
            Assert.AreEqual((byte)0x10, (byte)(bus.PeekEir() & 0x10), "LINKIF");
            bus.Bfc(ChipBus.EIR, 0x10);
            Assert.AreEqual((byte)0x10, (byte)(bus.PeekEir() & 0x10), "BFC does not clear LINKIF; reading PHIR does");
            Assert.AreEqual(0x0014, bus.PhyRead(0x13), "PLNKIF | PGIF");
            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x10));
            Assert.IsFalse(bus.Model.IntAsserted);
            Assert.AreEqual(0, bus.PhyRead(0x13), "PHIR cleared by the read");
        }

        [TestMethod]
        public void PrstResetsThePhy()
        {
            ChipBus bus = ChipBus.Create();
            bus.PhyWrite(0x14, 0x0476);
            bus.PhyWrite(0x00, 0x8000);
            Assert.AreEqual(0x3422, bus.PhyRead(0x14));
            Assert.AreEqual(0, bus.PhyRead(0x00), "PRST cleared itself");
        }

        [TestMethod]
        public void MiiScanKeepsMirdCurrent()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock);
            bus.Write(2, Bank2.MIREGADR, 0x11); // PHSTAT2
            bus.Write(2, Bank2.MICMD, 0x02);    // MIISCAN
            Assert.AreEqual((byte)0x07, (byte)(bus.Read(3, Bank3.MISTAT) & 0x07), "NVALID | SCAN | BUSY");
            clock.AdvanceMicroseconds(11);
            Assert.AreEqual((byte)0x03, (byte)(bus.Read(3, Bank3.MISTAT) & 0x07), "first result valid");
            Assert.AreEqual((byte)0x04, bus.Read(2, Bank2.MIRDH), "LSTAT");
            bus.Model.LinkUp = false;
            clock.AdvanceMicroseconds(11);
            Assert.AreEqual((byte)0x00, bus.Read(2, Bank2.MIRDH), "the scan saw the link drop");
        }
    }
}
