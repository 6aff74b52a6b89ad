using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>The receive filters of ERXFCON (DS39662 section 8).</summary>
    [TestClass]
    public class Enc28j60ModelFilterTests
    {
        private const byte UCEN = 0x80, ANDOR = 0x40, CRCEN = 0x20, PMEN = 0x10, MPEN = 0x08, HTEN = 0x04, MCEN = 0x02, BCEN = 0x01;

        [TestMethod]
        [DataRow(0xA1, true, false, true, false, false)]  // reset value: unicast to us, broadcast, good CRC
        [DataRow(0x00, true, true, true, true, true)]     // promiscuous: everything, even a bad FCS
        [DataRow(0x80, true, false, false, false, true)]  // UCEN alone: no CRC check
        [DataRow(0xA0, true, false, false, false, false)] // UCEN | CRCEN
        [DataRow(0x21, false, false, true, false, false)] // BCEN | CRCEN
        [DataRow(0x22, false, false, true, true, false)]  // MCEN | CRCEN: the group bit, so broadcast too
        [DataRow(0x20, true, true, true, true, false)]    // CRCEN alone: all good frames
        [DataRow(0x81, true, false, true, false, true)]   // UCEN | BCEN without CRCEN: bad FCS passes
        public void FiltersAcceptWhatErxfconSays(int erxfcon, bool unicast, bool other, bool broadcast, bool multicast, bool badCrc)
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, (byte)erxfcon, Frames.OwnMac);
            byte[] bad = Frames.Wire(Frames.OwnMac, 64, seed: 5);
            bad[30] ^= 0xFF;
            Assert.AreEqual(unicast, bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)), "unicast to MAADR");
            Assert.AreEqual(other, bus.Model.DeliverFrame(Frames.Wire(Frames.OtherMac, 64)), "unicast to another station");
            Assert.AreEqual(broadcast, bus.Model.DeliverFrame(Frames.Wire(Frames.Broadcast, 64)), "broadcast");
            Assert.AreEqual(multicast, bus.Model.DeliverFrame(Frames.Wire(Frames.Multicast, 64)), "multicast");
            Assert.AreEqual(badCrc, bus.Model.DeliverFrame(bad), "bad FCS to us");
        }

        [TestMethod]
        public void MaadrBytesAreInWireOrderAtTheirOddAddresses()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, UCEN);
            // MAADR1 (first byte on the wire) lives at bank 3 address 0x04 (DS39662 Table 3-1).
            bus.Write(3, 0x04, 0x02);
            bus.Write(3, 0x05, 0x11);
            bus.Write(3, 0x02, 0x22);
            bus.Write(3, 0x03, 0x33);
            bus.Write(3, 0x00, 0x44);
            bus.Write(3, 0x01, 0x55);
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)));
        }

        [TestMethod]
        public void HashTableAcceptsTheDestinationsWhoseBitIsSet()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, (byte)(HTEN | CRCEN), Frames.OwnMac);
            byte[] wanted = { 0x01, 0x00, 0x5E, 0x7F, 0x00, 0x09 };
            int index = Frames.HashIndex(wanted);
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(wanted, 64)), "empty table accepts nothing");
            bus.Write(1, Bank1.EHT0 + (index / 8), (byte)(1 << (index % 8)));
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(wanted, 64)));

            byte[] other = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0x01 };
            for (int i = 0; Frames.HashIndex(other) == index && i < 200; i++)
            {
                other[5]++;
            }

            Assert.AreNotEqual(index, Frames.HashIndex(other));
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(other, 64)), "another hash bit");
            for (int i = 0; i < 8; i++)
            {
                bus.Write(1, Bank1.EHT0 + i, 0xFF);
            }

            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(other, 64)), "a full table accepts everything");
        }

        [TestMethod]
        public void HashIndexMatchesTheDatasheetCrcConvention()
        {
            var random = new Random(4);
            var address = new byte[6];
            for (int i = 0; i < 50; i++)
            {
                random.NextBytes(address);
                Assert.AreEqual(Frames.HashIndex(address), EthernetCrc.HashTableIndex(address));
            }
        }

        [TestMethod]
        public void PatternMatchUsesTheDatasheetExample()
        {
            // DS39662 Figure 8-3: offset 6, EPMM = 0x0000000000001F0A: bytes 1, 3, 8..12 of the window.
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, (byte)(PMEN | CRCEN), Frames.OwnMac);
            byte[] frame = Frames.Build(Frames.OtherMac, 100, seed: 11);
            bus.Write16(1, Bank1.EPMOL, 6);
            bus.Write(1, Bank1.EPMM0, 0x0A);
            bus.Write(1, Bank1.EPMM0 + 1, 0x1F);
            var selected = new List<byte>();
            foreach (int i in new[] { 1, 3, 8, 9, 10, 11, 12 })
            {
                selected.Add(frame[6 + i]);
            }

            ushort checksum = Frames.InternetChecksum(selected);
            bus.Write(1, Bank1.EPMCSL, (byte)checksum);
            bus.Write(1, Bank1.EPMCSH, (byte)(checksum >> 8));
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.WithFcs(frame)));

            byte[] changed = (byte[])frame.Clone();
            changed[6 + 9] ^= 0x40;
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.WithFcs(changed)), "a selected byte differs");
            byte[] unselected = (byte[])frame.Clone();
            unselected[6 + 2] ^= 0x40;
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.WithFcs(unselected)), "an unselected byte does not count");
        }

        [TestMethod]
        public void PatternWindowPastTheFcsNeverMatches()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, PMEN, Frames.OwnMac);
            bus.Write16(1, Bank1.EPMOL, 6);
            ushort emptySum = Frames.InternetChecksum(Array.Empty<byte>()); // no mask bits
            bus.Write(1, Bank1.EPMCSL, (byte)emptySum);
            bus.Write(1, Bank1.EPMCSH, (byte)(emptySum >> 8));
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OtherMac, 70)), "window ends exactly at the FCS end");
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.OtherMac, 69)), "window one byte too long");
        }

        [TestMethod]
        public void AndorRequiresEveryEnabledFilter()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, (byte)(ANDOR | MCEN | HTEN), Frames.OwnMac);
            byte[] group = { 0x01, 0x00, 0x5E, 0x01, 0x02, 0x03 };
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(group, 64)), "multicast but not in the hash table");
            int index = Frames.HashIndex(group);
            bus.Write(1, Bank1.EHT0 + (index / 8), (byte)(1 << (index % 8)));
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(group, 64)));
            bus.Write(1, Bank1.ERXFCON, (byte)(ANDOR | UCEN | BCEN));
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.Broadcast, 64)), "broadcast is not unicast to us");
        }

        [TestMethod]
        public void MagicPacketFilterWantsSyncAndSixteenAddresses()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, (byte)(MPEN | CRCEN), Frames.OwnMac);
            byte[] frame = Frames.Build(Frames.OwnMac, 200, seed: 2, type: 0x0842);
            int at = 30;
            for (int i = 0; i < 6; i++)
            {
                frame[at + i] = 0xFF;
            }

            for (int r = 0; r < 16; r++)
            {
                Frames.OwnMac.CopyTo(frame, at + 6 + (6 * r));
            }

            Assert.IsTrue(bus.Model.DeliverFrame(Frames.WithFcs(frame)));
            frame[at + 6 + 50] ^= 0x01;
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.WithFcs(frame)));
        }
    }
}
