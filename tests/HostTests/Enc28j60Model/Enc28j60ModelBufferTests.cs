using nanoFramework.TestFramework;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>RBM/WBM and the ERDPT/EWRPT pointers (DS39662 4.2.2, 4.2.4).</summary>
    [TestClass]
    public class Enc28j60ModelBufferTests
    {
        [TestMethod]
        public void WbmThenRbmRoundTripsAndAdvancesBothPointers()
        {
            ChipBus bus = ChipBus.Create();
            byte[] data = Frames.Build(Frames.OwnMac, 300, seed: 7);
            bus.Write16(0, Bank0.ERXSTL, 0x0000);
            bus.Write16(0, Bank0.ERXNDL, 0x0FFF);
            bus.WriteMemory(0x1000, data);
            Assert.AreEqual(0x1000 + 300, bus.Read16(0, Bank0.EWRPTL));
            byte[] back = bus.ReadMemory(0x1000, 300);
            Assert.IsTrue(Frames.Equal(data, back));
            Assert.AreEqual(0x1000 + 300, bus.Read16(0, Bank0.ERDPTL));
        }

        [TestMethod]
        public void WithoutAutoincThePointersStayPut()
        {
            ChipBus bus = ChipBus.Create();
            bus.Bfc(ChipBus.ECON2, 0x80);
            bus.Model.PokeBuffer(0x0201, 0xEE);
            bus.Model.PokeBuffer(0x0202, 0xEE);
            bus.WriteMemory(0x0200, new byte[] { 1, 2, 3 });
            Assert.AreEqual(0x0200, bus.Read16(0, Bank0.EWRPTL));
            Assert.AreEqual((byte)3, bus.Model.PeekBuffer(0x0200), "every byte went to the same address");
            Assert.AreEqual((byte)0xEE, bus.Model.PeekBuffer(0x0201));
            Assert.AreEqual((byte)0xEE, bus.Model.PeekBuffer(0x0202));
            byte[] back = bus.ReadMemory(0x0200, 3);
            Assert.IsTrue(Frames.Equal(new byte[] { 3, 3, 3 }, back));
            Assert.AreEqual(0x0200, bus.Read16(0, Bank0.ERDPTL));
        }

        [TestMethod]
        public void EwrptWrapsFrom1FffToZero()
        {
            ChipBus bus = ChipBus.Create();
            bus.WriteMemory(0x1FFE, new byte[] { 0xA1, 0xA2, 0xA3, 0xA4 });
            Assert.AreEqual(0x0002, bus.Read16(0, Bank0.EWRPTL));
            Assert.AreEqual((byte)0xA3, bus.Model.PeekBuffer(0x0000));
            Assert.AreEqual((byte)0xA4, bus.Model.PeekBuffer(0x0001));
        }

        [TestMethod]
        public void ErdptJumpsFromErxndToErxst()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0x0100);
            bus.Write16(0, Bank0.ERXNDL, 0x08FF);
            for (int a = 0; a < 4; a++)
            {
                bus.Model.PokeBuffer(0x08FE + a, (byte)(0x10 + a));
                bus.Model.PokeBuffer(0x0100 + a, (byte)(0x20 + a));
            }

            byte[] read = bus.ReadMemory(0x08FE, 4);
            Assert.IsTrue(Frames.Equal(new byte[] { 0x10, 0x11, 0x20, 0x21 }, read));
            Assert.AreEqual(0x0102, bus.Read16(0, Bank0.ERDPTL));
        }

        [TestMethod]
        public void ErdptWrapsAt1FffWhenErxndIsElsewhere()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0x0000);
            bus.Write16(0, Bank0.ERXNDL, 0x0FFF);
            bus.Model.PokeBuffer(0x1FFF, 0x5A);
            bus.Model.PokeBuffer(0x0000, 0xA5);
            byte[] read = bus.ReadMemory(0x1FFF, 2);
            Assert.IsTrue(Frames.Equal(new byte[] { 0x5A, 0xA5 }, read));
            Assert.AreEqual(0x0001, bus.Read16(0, Bank0.ERDPTL));
        }
    }
}
