using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>Reset values and access rules of every control register (DS39662 Table 3-2).</summary>
    [TestClass]
    public class Enc28j60ModelRegisterTests
    {
        // DS39662 Table 3-2 reset values, transcribed; any address not listed is unimplemented and reads 0.
        private static readonly Dictionary<(int Bank, int Address), byte> s_resetValues = new()
        {
            [(0, 0x00)] = 0xFA, [(0, 0x01)] = 0x05, // ERDPT = 0x05FA
            [(0, 0x08)] = 0xFA, [(0, 0x09)] = 0x05, // ERXST = 0x05FA
            [(0, 0x0A)] = 0xFF, [(0, 0x0B)] = 0x1F, // ERXND = 0x1FFF
            [(0, 0x0C)] = 0xFA, [(0, 0x0D)] = 0x05, // ERXRDPT = 0x05FA
            [(1, 0x18)] = 0xA1,                     // ERXFCON: UCEN | CRCEN | BCEN
            [(2, 0x08)] = 0x0F, [(2, 0x09)] = 0x37, // MACLCON1, MACLCON2
            [(2, 0x0B)] = 0x06,                     // MAMXFL = 0x0600 (1536)
            [(3, 0x12)] = 0x06,                     // EREVID (B7)
            [(3, 0x15)] = 0x04,                     // ECOCON
            [(3, 0x19)] = 0x10,                     // EPAUS = 0x1000
        };

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        public void EveryRegisterHasItsDatasheetResetValue(int bank)
        {
            ChipBus bus = ChipBus.Create();
            bus.SelectBank(bank);
            for (int address = 0; address < 0x20; address++)
            {
                byte expected = ExpectedReset(bank, address);
                byte actual = ChipBus.IsMacMii(bank, address) ? bus.RcrMac(address) : bus.RcrEth(address);
                Assert.AreEqual(expected, actual, $"bank {bank} address 0x{address:X2}");
            }
        }

        [TestMethod]
        public void ResetValuesComeBackAfterSystemReset()
        {
            ChipBus bus = ChipBus.Create();
            for (int bank = 0; bank < 4; bank++)
            {
                for (int address = 0; address < 0x1B; address++)
                {
                    bus.Write(bank, address, 0x5A);
                }
            }

            bus.Write(0, ChipBus.EIE, 0xFF);
            bus.Write(0, ChipBus.ECON2, 0x08); // VRPS, AUTOINC off
            Assert.AreNotEqual((byte)0xA1, bus.Read(1, 0x18), "ERXFCON was changed");
            bus.Src();
            for (int bank = 0; bank < 4; bank++)
            {
                bus.SelectBank(bank);
                for (int address = 0; address < 0x20; address++)
                {
                    byte actual = ChipBus.IsMacMii(bank, address) ? bus.RcrMac(address) : bus.RcrEth(address);
                    Assert.AreEqual(ExpectedReset(bank, address), actual, $"bank {bank} address 0x{address:X2} after SRC");
                }
            }
        }

        [TestMethod]
        [DataRow(0x02)]
        [DataRow(0x04)]
        [DataRow(0x05)]
        [DataRow(0x06)]
        public void ErevidReportsTheConfiguredRevision(int revision)
        {
            var bus = new ChipBus(new Enc28j60Model(new Enc28j60ModelOptions { Revision = (byte)revision }));
            Assert.AreEqual((byte)revision, bus.Read(3, Bank3.EREVID));
        }

        [TestMethod]
        public void UnimplementedAddressesReadZeroAndIgnoreWrites()
        {
            ChipBus bus = ChipBus.Create();
            (int Bank, int Address)[] unimplemented = { (0, 0x18), (0, 0x19), (0, 0x1A), (1, 0x12), (1, 0x13), (1, 0x16), (2, 0x05), (2, 0x13), (3, 0x0B), (3, 0x13) };
            foreach ((int bank, int address) in unimplemented)
            {
                bus.Write(bank, address, 0xFF);
                Assert.AreEqual((byte)0, bus.Read(bank, address), $"bank {bank} address 0x{address:X2}");
            }
        }

        [TestMethod]
        public void ReadOnlyRegistersIgnoreWrites()
        {
            ChipBus bus = ChipBus.Create();
            (int Bank, int Address)[] readOnly = { (0, 0x0E), (0, 0x0F), (1, 0x19), (2, 0x18), (2, 0x19), (3, 0x0A), (3, 0x12) };
            foreach ((int bank, int address) in readOnly)
            {
                byte before = bus.Read(bank, address);
                bus.Write(bank, address, (byte)~before);
                Assert.AreEqual(before, bus.Read(bank, address), $"bank {bank} address 0x{address:X2}");
            }
        }

        [TestMethod]
        public void PointerHighBytesKeepThirteenBits()
        {
            ChipBus bus = ChipBus.Create();
            int[] pointerLows = { 0x00, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x10, 0x12, 0x14 };
            foreach (int low in pointerLows)
            {
                bus.Write(0, low, 0xFF);
                bus.Write(0, low + 1, 0xFF);
                Assert.AreEqual(0x1FFF, bus.Read16(0, low), $"pointer at 0x{low:X2}");
            }

            bus.Write(1, Bank1.EPMOH, 0xFF);
            Assert.AreEqual((byte)0x1F, bus.Read(1, Bank1.EPMOH));
        }

        [TestMethod]
        public void ErxrdptTakesEffectOnlyWhenTheHighByteIsWritten()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(0, Bank0.ERXRDPTL, 0x33);
            Assert.AreEqual(0x05FA, bus.Read16(0, Bank0.ERXRDPTL), "low byte waits in its buffer");
            bus.Write(0, Bank0.ERXRDPTL + 1, 0x02);
            Assert.AreEqual(0x0233, bus.Read16(0, Bank0.ERXRDPTL));
        }

        [TestMethod]
        public void EirFlagsCanOnlyBeClearedByTheHost()
        {
            ChipBus bus = ChipBus.Create();
            bus.Bfs(ChipBus.EIR, 0x7B);
            Assert.AreEqual((byte)0, bus.RcrEth(ChipBus.EIR), "BFS cannot set interrupt flags");
            bus.Wcr(ChipBus.EIR, 0xFF);
            Assert.AreEqual((byte)0, bus.RcrEth(ChipBus.EIR), "WCR cannot set interrupt flags");
        }

        [TestMethod]
        public void Econ2PktdecReadsZeroAndAutoincIsWritable()
        {
            ChipBus bus = ChipBus.Create();
            bus.Bfs(ChipBus.ECON2, 0x40);
            Assert.AreEqual((byte)0x80, bus.RcrEth(ChipBus.ECON2));
            bus.Bfc(ChipBus.ECON2, 0x80);
            Assert.AreEqual((byte)0x00, bus.RcrEth(ChipBus.ECON2));
            bus.Wcr(ChipBus.ECON2, 0x88);
            Assert.AreEqual((byte)0x88, bus.RcrEth(ChipBus.ECON2));
        }

        [TestMethod]
        public void EfloconShowsMacon3FullDuplexReadOnly()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(3, 0x17, 0x07);
            Assert.AreEqual((byte)0x03, bus.Read(3, 0x17), "FULDPXS is read-only");
            bus.Write(2, Bank2.MACON3, 0x01);
            Assert.AreEqual((byte)0x07, bus.Read(3, 0x17), "FULDPXS mirrors MACON3.FULDPX");
        }

        private static byte ExpectedReset(int bank, int address)
        {
            switch (address)
            {
                case ChipBus.EIE:
                case ChipBus.EIR:
                    return 0x00;
                case ChipBus.ESTAT:
                    return 0x01; // CLKRDY
                case ChipBus.ECON2:
                    return 0x80; // AUTOINC
                case ChipBus.ECON1:
                    return (byte)bank; // BSEL selects the bank we read from
            }

            return s_resetValues.TryGetValue((bank, address), out byte value) ? value : (byte)0x00;
        }
    }
}
