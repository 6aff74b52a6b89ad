using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>The seven SPI instructions (DS39662 4.2) and the bank rules (3.1).</summary>
    [TestClass]
    public class Enc28j60ModelInstructionTests
    {
        [TestMethod]
        public void RcrOfAnEthRegisterAnswersInTheSecondByte()
        {
            ChipBus bus = ChipBus.Create();
            bus.SelectBank(3);
            byte[] miso = bus.Transfer(0x12, 0x00); // EREVID
            Assert.AreEqual((byte)0x00, miso[0], "MISO is idle while the opcode shifts in");
            Assert.AreEqual((byte)0x06, miso[1]);
        }

        [TestMethod]
        public void RcrOfMacAndMiiRegistersSendsADummyByteFirst()
        {
            ChipBus bus = ChipBus.Create();
            bus.SelectBank(2);
            bus.Wcr(Bank2.MACON3, 0x33);
            byte[] twoBytes = bus.Transfer(Bank2.MACON3, 0x00);
            byte[] threeBytes = bus.Transfer(Bank2.MACON3, 0x00, 0x00);
            Assert.AreEqual((byte)0x00, twoBytes[1], "the byte after the opcode is the dummy");
            Assert.AreEqual((byte)0x33, threeBytes[2]);

            bus.SelectBank(3);
            bus.Wcr(0x04, 0xAB); // MAADR1
            Assert.AreEqual((byte)0xAB, bus.Transfer(0x04, 0x00, 0x00)[2], "MAADR needs the dummy byte");
            Assert.AreEqual((byte)0x00, bus.Transfer(0x0A, 0x00)[1], "MISTAT needs the dummy byte");
        }

        [TestMethod]
        public void WcrWritesTheRegisterOfTheSelectedBank()
        {
            ChipBus bus = ChipBus.Create();
            bus.SelectBank(1);
            bus.Wcr(0x00, 0x12); // EHT0
            bus.SelectBank(0);
            bus.Wcr(0x00, 0x34); // ERDPTL
            Assert.AreEqual((byte)0x12, bus.Read(1, 0x00));
            Assert.AreEqual((byte)0x34, bus.Read(0, 0x00));
        }

        [TestMethod]
        public void CommonRegistersAppearInEveryBank()
        {
            ChipBus bus = ChipBus.Create();
            bus.Wcr(ChipBus.EIE, 0x48);
            for (int bank = 0; bank < 4; bank++)
            {
                bus.SelectBank(bank);
                Assert.AreEqual((byte)0x48, bus.RcrEth(ChipBus.EIE), $"bank {bank}");
                Assert.AreEqual((byte)bank, (byte)(bus.RcrEth(ChipBus.ECON1) & 0x03));
            }
        }

        [TestMethod]
        public void BfsAndBfcChangeOnlyTheMaskedBitsOfEthRegisters()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(1, 0x00, 0b1010_0000);
            bus.Bfs(0x00, 0b0000_0101);
            Assert.AreEqual((byte)0b1010_0101, bus.RcrEth(0x00));
            bus.Bfc(0x00, 0b1000_0001);
            Assert.AreEqual((byte)0b0010_0100, bus.RcrEth(0x00));
        }

        [TestMethod]
        [DataRow(2, 0x00)] // MACON1
        [DataRow(2, 0x02)] // MACON3
        [DataRow(2, 0x14)] // MIREGADR
        [DataRow(3, 0x04)] // MAADR1
        public void BfsAndBfcOnMacAndMiiRegistersDoNothing(int bank, int address)
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(bank, address, 0x05);
            bus.Bfs(address, 0x0A);
            Assert.AreEqual((byte)0x05, bus.RcrMac(address), "BFS");
            bus.Bfc(address, 0x05);
            Assert.AreEqual((byte)0x05, bus.RcrMac(address), "BFC");
        }

        [TestMethod]
        public void UndefinedOpcodesChangeNothing()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(0, 0x00, 0x21);
            foreach (byte op in new byte[] { 0x20, 0x3B, 0x60, 0x79, 0xC0, 0xE0, 0xFE })
            {
                bus.Transfer(op, 0xFF, 0xFF);
            }

            Assert.AreEqual((byte)0x21, bus.Read(0, 0x00));
            Assert.AreEqual((byte)0x80, bus.RcrEth(ChipBus.ECON2));
        }

        [TestMethod]
        public void SrcReturnsTheBankAndControlRegistersToReset()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write(1, 0x18, 0x00);
            bus.SelectBank(3);
            bus.Src();
            Assert.AreEqual((byte)0x00, bus.RcrEth(ChipBus.ECON1), "bank 0 again");
            Assert.AreEqual((byte)0xA1, bus.Read(1, 0x18));
        }

        [TestMethod]
        public void EverySpiCallIsOneTransaction()
        {
            ChipBus bus = ChipBus.Create();
            Enc28j60Model m = bus.Model;
            m.ResetCounters();
            m.Write(new byte[] { 0x40 | 0x00, 0x77 }); // WCR ERDPTL
            m.WriteByte(0x00);                         // RCR opcode alone: nothing clocked back in this call
            byte lone = m.ReadByte();                  // MOSI low = RCR ERDPTL, MISO idle during the opcode
            var read = new byte[2];
            m.Read(read);                              // RCR ERDPTL with MOSI low: answer in byte 1
            Assert.AreEqual(4L, m.SpiTransactions);
            Assert.AreEqual((byte)0x00, lone);
            Assert.AreEqual((byte)0x77, read[1]);
        }

        [TestMethod]
        public void TransferFullDuplexRejectsUnequalBuffers()
        {
            ChipBus bus = ChipBus.Create();
            Assert.ThrowsException(typeof(ArgumentException), () => bus.Model.TransferFullDuplex(new byte[2], new byte[3]));
        }
    }
}
