using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>DMA copy and checksum (DS39662 section 13).</summary>
    [TestClass]
    public class Enc28j60ModelDmaTests
    {
        [TestMethod]
        public void CopyMovesTheInclusiveRangeAndSetsDmaif()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0x0000);
            bus.Write16(0, Bank0.ERXNDL, 0x0FFF);
            byte[] data = Frames.Build(Frames.PeerMac, 300, seed: 21);
            bus.WriteMemory(0x1000, data);
            StartDma(bus, 0x1000, 0x1000 + 299, 0x1800, checksum: false);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x20), "DMAST cleared");
            Assert.AreEqual((byte)0x20, (byte)(bus.PeekEir() & 0x20), "DMAIF");
            Assert.IsTrue(Frames.Equal(data, bus.ReadMemory(0x1800, 300)));
        }

        [TestMethod]
        public void CopySourceFollowsTheReceiveRing()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0x0000);
            bus.Write16(0, Bank0.ERXNDL, 0x0FFF);
            var expected = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                expected[i] = (byte)(i + 1);
                bus.Model.PokeBuffer((0x0FF0 + i) > 0x0FFF ? (0x0FF0 + i - 0x1000) : 0x0FF0 + i, expected[i]);
            }

            StartDma(bus, 0x0FF0, 0x000F, 0x1400, checksum: false);
            Assert.IsTrue(Frames.Equal(expected, bus.ReadMemory(0x1400, 32)));
        }

        [TestMethod]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(20)]
        [DataRow(21)]
        [DataRow(1500)]
        [DataRow(1501)]
        public void ChecksumMatchesTheInternetChecksum(int length)
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0x0000);
            bus.Write16(0, Bank0.ERXNDL, 0x0FFF);
            var data = new byte[length];
            new Random(length).NextBytes(data);
            bus.WriteMemory(0x1000, data);
            StartDma(bus, 0x1000, 0x1000 + length - 1, 0, checksum: true);
            int checksum = (bus.Read(0, Bank0.EDMACSH) << 8) | bus.Read(0, Bank0.EDMACSL);
            Assert.AreEqual((int)Frames.InternetChecksum(data), checksum);
            Assert.AreEqual((byte)0x20, (byte)(bus.PeekEir() & 0x20));
        }

        [TestMethod]
        public void ChecksumOfTheDatasheetExampleIsA953()
        {
            // DS39662 13.2: {89h, ABh, CDh} sums to 56ACh, complemented A953h.
            ChipBus bus = ChipBus.Create();
            bus.WriteMemory(0x1000, new byte[] { 0x89, 0xAB, 0xCD });
            StartDma(bus, 0x1000, 0x1002, 0, checksum: true);
            Assert.AreEqual((byte)0xA9, bus.Read(0, Bank0.EDMACSH));
            Assert.AreEqual((byte)0x53, bus.Read(0, Bank0.EDMACSL));
        }

        [TestMethod]
        public void ChecksumWrapsInTheReceiveRing()
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0x0000);
            bus.Write16(0, Bank0.ERXNDL, 0x07FF);
            var bytes = new List<byte>();
            var random = new Random(3);
            for (int i = 0; i < 41; i++)
            {
                byte b = (byte)random.Next(256);
                bytes.Add(b);
                bus.Model.PokeBuffer((0x07F0 + i) & 0x7FF, b);
            }

            StartDma(bus, 0x07F0, (0x07F0 + 40) & 0x7FF, 0, checksum: true);
            int checksum = (bus.Read(0, Bank0.EDMACSH) << 8) | bus.Read(0, Bank0.EDMACSL);
            Assert.AreEqual((int)Frames.InternetChecksum(bytes), checksum);
        }

        [TestMethod]
        public void ASingleByteDmaNeverEndsUntilTheHostStopsIt()
        {
            // DS39662 13.0 note 2: EDMAST = EDMAND is not a one-byte copy.
            ChipBus bus = ChipBus.Create();
            StartDma(bus, 0x0100, 0x0100, 0x0200, checksum: true);
            Assert.AreEqual((byte)0x20, (byte)(bus.PeekEcon1() & 0x20), "DMAST stays set");
            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x20));
            bus.Bfc(ChipBus.ECON1, 0x20);
            Assert.AreEqual((byte)0x20, (byte)(bus.PeekEir() & 0x20), "cancelling sets DMAIF too (DS39662 12.1.6)");
        }

        [TestMethod]
        public void WithAClockTheChecksumTakesTime()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(clock: clock);
            StartDma(bus, 0x1000, 0x1000 + 999, 0, checksum: true);
            Assert.AreEqual((byte)0x20, (byte)(bus.PeekEcon1() & 0x20), "running");
            clock.AdvanceMs(1);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x20), "done after 1000 bytes");
            Assert.AreEqual((byte)0x20, (byte)(bus.PeekEir() & 0x20));
        }

        private static void StartDma(ChipBus bus, int start, int end, int destination, bool checksum)
        {
            bus.Write16(0, Bank0.EDMASTL, start);
            bus.Write16(0, Bank0.EDMANDL, end);
            bus.Write16(0, Bank0.EDMADSTL, destination);
            if (checksum)
            {
                bus.Bfs(ChipBus.ECON1, 0x10);
            }
            else
            {
                bus.Bfc(ChipBus.ECON1, 0x10);
            }

            bus.Bfc(ChipBus.EIR, 0x20);
            bus.Bfs(ChipBus.ECON1, 0x20);
        }
    }
}
