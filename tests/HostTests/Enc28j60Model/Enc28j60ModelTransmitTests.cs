using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>Transmission (DS39662 7.1): control byte, padding, CRC, the status vector, TXIF/TXERIF, wire time.</summary>
    [TestClass]
    public class Enc28j60ModelTransmitTests
    {
        private const int TxStart = 0x1A00;
        private const ulong Done = 1ul << 23, Multicast = 1ul << 24, Broadcast = 1ul << 25, CrcError = 1ul << 20;
        private const ulong LateCollision = 1ul << 29, Giant = 1ul << 30;

        [TestMethod]
        public void Macon3PadsTo60AndAppendsTheCrc()
        {
            ChipBus bus = FullDuplexBus(0x30); // PADCFG = 001, TXCRCEN
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            byte[] frame = Frames.Build(Frames.Broadcast, 42, type: 0x0806);
            bus.Transmit(TxStart, 0x00, frame);

            Assert.AreEqual(1, sent.Count);
            byte[] expected = new byte[60];
            frame.CopyTo(expected, 0);
            Assert.IsTrue(Frames.Equal(Frames.WithFcs(expected), sent[0]), "zero pad to 60, then the FCS");
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x08), "TXRTS cleared");
            Assert.AreEqual((byte)0x08, (byte)(bus.PeekEir() & 0x0A), "TXIF without TXERIF");
            ulong vector = bus.ReadTransmitVector();
            Assert.AreEqual(64UL, vector & 0xFFFF, "byte count");
            Assert.AreEqual(Done | Broadcast, vector & (Done | Broadcast | Multicast));
            Assert.AreEqual(64UL, (vector >> 32) & 0xFFFF, "total bytes on the wire");
        }

        [TestMethod]
        [DataRow(0x01, 42, false)] // POVERRIDE only: as written, last 4 bytes checked as a CRC
        [DataRow(0x03, 46, true)]  // + PCRCEN
        [DataRow(0x07, 64, true)]  // + PPADEN
        [DataRow(0x05, 60, false)] // pad, no CRC
        public void TheControlByteOverridesMacon3(int control, int wireLength, bool crcAppended)
        {
            ChipBus bus = FullDuplexBus(0xF0); // MACON3 would pad to 64 + CRC: the control byte must win
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            byte[] frame = Frames.Build(Frames.PeerMac, 42);
            bus.Transmit(TxStart, (byte)control, frame);
            Assert.AreEqual(wireLength, sent[0].Length);
            Assert.IsTrue(sent[0].AsSpan(0, 42).SequenceEqual(frame));
            ulong vector = bus.ReadTransmitVector();
            if (crcAppended)
            {
                Assert.AreEqual(Frames.Crc32(sent[0], wireLength - 4), BitConverter.ToUInt32(sent[0], wireLength - 4));
                Assert.AreEqual(0UL, vector & CrcError);
            }
            else
            {
                Assert.AreEqual(CrcError, vector & CrcError, "the frame's own last 4 bytes are not a valid CRC");
            }
        }

        [TestMethod]
        public void AFrameCarryingItsOwnFcsHasNoCrcError()
        {
            ChipBus bus = FullDuplexBus(0x00); // no padding, no CRC
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            byte[] wire = Frames.Wire(Frames.PeerMac, 64);
            bus.Transmit(TxStart, 0x00, wire);
            Assert.IsTrue(Frames.Equal(wire, sent[0]));
            Assert.AreEqual(0UL, bus.ReadTransmitVector() & CrcError);
        }

        [TestMethod]
        [DataRow(0x70, 68)] // PADCFG 011: pad to 64, then CRC
        [DataRow(0xB0, 64)] // PADCFG 101, not VLAN: 60 + CRC
        [DataRow(0x10, 46)] // PADCFG 000: CRC only
        public void PadcfgChoosesThePadding(int macon3, int wireLength)
        {
            ChipBus bus = FullDuplexBus((byte)macon3);
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.PeerMac, 42));
            Assert.AreEqual(wireLength, sent[0].Length);
        }

        [TestMethod]
        public void MulticastIsFlaggedInTheVector()
        {
            ChipBus bus = FullDuplexBus(0x30);
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.Multicast, 60));
            Assert.AreEqual(Done | Multicast, bus.ReadTransmitVector() & (Done | Multicast | Broadcast));
        }

        [TestMethod]
        public void TxifRaisesTheIntPinWhenEnabled()
        {
            ChipBus bus = FullDuplexBus(0x30);
            var edges = new List<bool>();
            bus.Model.IntChanged += edges.Add;
            bus.Wcr(ChipBus.EIE, 0x88); // INTIE | TXIE
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.PeerMac, 60));
            Assert.IsTrue(bus.Model.IntAsserted);
            bus.Bfc(ChipBus.EIR, 0x08);
            Assert.IsFalse(bus.Model.IntAsserted);
            Assert.AreEqual(2, edges.Count);
            Assert.IsTrue(edges[0]);
            Assert.IsFalse(edges[1]);
        }

        [TestMethod]
        public void WithoutLinkTheFrameIsAborted()
        {
            ChipBus bus = FullDuplexBus(0x30);
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            bus.Model.LinkUp = false;
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.PeerMac, 60));
            Assert.AreEqual(0, sent.Count);
            Assert.AreEqual((byte)0x0A, (byte)(bus.PeekEir() & 0x0A), "TXIF and TXERIF");
            Assert.AreEqual((byte)0x02, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x02), "TXABRT");
            Assert.AreEqual(0UL, bus.ReadTransmitVector() & Done);
        }

        [TestMethod]
        public void GiantFramesAbortUnlessHugeFramesAreAllowed()
        {
            ChipBus bus = FullDuplexBus(0x30);
            bus.Write(2, Bank2.MAMXFLL, 100);
            bus.Write(2, Bank2.MAMXFLH, 0);
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.PeerMac, 200));
            Assert.AreEqual(0, sent.Count);
            Assert.AreEqual(Giant, bus.ReadTransmitVector() & (Giant | Done));
            Assert.AreEqual((byte)0x02, (byte)(bus.PeekEir() & 0x02));

            bus.Transmit(TxStart, 0x0B, Frames.Build(Frames.PeerMac, 200)); // POVERRIDE | PCRCEN | PHUGEEN
            Assert.AreEqual(1, sent.Count);
            Assert.AreEqual(204, sent[0].Length);
        }

        [TestMethod]
        public void WithAClockTheFrameTakesItsWireTime()
        {
            var clock = new VirtualClock();
            ChipBus bus = FullDuplexBus(0x30, clock);
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.PeerMac, 100));
            long wireNs = (8 + 104 + 12) * 800L;
            Assert.AreEqual((long?)(clock.NowNanoseconds + wireNs), bus.Model.NextDueNanoseconds);
            clock.Advance(wireNs - 1);
            Assert.AreEqual(0, sent.Count);
            Assert.AreEqual((byte)0x08, (byte)(bus.PeekEcon1() & 0x08), "TXRTS still set");
            Assert.AreEqual(Phy_TXSTAT, bus.Model.PeekPhyRegister(0x11) & Phy_TXSTAT, "PHSTAT2.TXSTAT while sending");
            clock.Advance(1);
            Assert.AreEqual(1, sent.Count, "the clock's Advanced event completed the transmission");
            Assert.IsNull(bus.Model.NextDueNanoseconds);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x08));
            Assert.AreEqual((byte)0x08, (byte)(bus.PeekEir() & 0x08));
        }

        [TestMethod]
        public void TxrstCancelsAFrameOnTheWire()
        {
            var clock = new VirtualClock();
            ChipBus bus = FullDuplexBus(0x30, clock);
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.PeerMac, 100));
            bus.Bfs(ChipBus.ECON1, 0x80);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x08), "TXRTS cleared by the reset");
            bus.Bfs(ChipBus.ECON1, 0x08);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x08), "TXRTS cannot be set while TXRST is");
            bus.Bfc(ChipBus.ECON1, 0x80);
            clock.AdvanceMs(1);
            Assert.AreEqual(0, sent.Count);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x08));
        }

        [TestMethod]
        public void HalfDuplexLoopsOwnFramesBackUnlessHdldis()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0xA1, Frames.OwnMac);
            bus.Write(2, Bank2.MACON3, 0x30); // half duplex
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.Broadcast, 60));
            Assert.AreEqual(1, (int)bus.Read(1, Bank1.EPKTCNT), "PHCON2.HDLDIS = 0: the broadcast came back");

            bus.PhyWrite(0x10, 0x0100); // HDLDIS
            bus.Transmit(TxStart, 0x00, Frames.Build(Frames.Broadcast, 60));
            Assert.AreEqual(1, (int)bus.Read(1, Bank1.EPKTCNT));
        }

        [TestMethod]
        public void PhyLoopbackReturnsFramesAndKeepsTheWireQuiet()
        {
            ChipBus bus = FullDuplexBus(0x30);
            bus.StartReceive(0x0000, 0x0FFF, 0x00, Frames.OwnMac);
            bus.PhyWrite(0x00, 0x4100); // PLOOPBK | PDPXMD
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            byte[] frame = Frames.Build(Frames.OwnMac, 60);
            bus.Transmit(TxStart, 0x00, frame);
            Assert.AreEqual(0, sent.Count);
            ReceivedFrame back = bus.ReadFrame(0);
            Assert.IsTrue(back.Data.AsSpan(0, 60).SequenceEqual(frame));
        }

        private const int Phy_TXSTAT = 0x2000;

        private static ChipBus FullDuplexBus(byte macon3, VirtualClock clock = null)
        {
            ChipBus bus = ChipBus.Create(clock: clock);
            bus.Write(2, Bank2.MACON3, (byte)(macon3 | 0x01)); // FULDPX
            bus.PhyWrite(0x00, 0x0100, clock);                   // PDPXMD
            return bus;
        }
    }
}
