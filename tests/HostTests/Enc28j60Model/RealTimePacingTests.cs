using System.Diagnostics;
using nanoFramework.TestFramework;
using NanoIP.App;
using NanoIP.VirtualBoard.Board;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>
    /// VirtualBoardOptions.RealTimeSpiPacing: in wall-clock mode the chip takes its times in wall time. Only lower
    /// bounds are checked (a busy machine makes waits longer, never shorter); speeds belong to the benchmark.
    /// </summary>
    [TestClass]
    public class RealTimePacingTests
    {
        [TestMethod]
        public void APacedTransactionLastsItsBusTimeInWallTime()
        {
            using VirtualEsp32Board board = PacedBoard(1_000_000);
            var mosi = new byte[1001];
            mosi[0] = 0x3A; // RBM, 1000 bytes clocked out
            var miso = new byte[mosi.Length];
            long busNs = board.Chip.Options.CsOverheadNs + 1001 * 8 * 1000L; // 1 µs per bit at 1 MHz
            var wall = Stopwatch.StartNew();
            board.Chip.TransferFullDuplex(mosi, miso);
            long elapsedNs = wall.Elapsed.Ticks * 100;

            Assert.AreEqual(busNs, board.Chip.SpiBusTimeNs, "the model charged the transaction's bus time");
            Assert.IsTrue(elapsedNs >= busNs, "1001 bytes at 1 MHz took " + elapsedNs + " ns of wall time, less than " + busNs);
        }

        [TestMethod]
        public void ShortPacedTransactionsAddUpToTheirBusTime()
        {
            using VirtualEsp32Board board = PacedBoard(1_000_000);
            var bus = new ChipBus(board.Chip);
            var wall = Stopwatch.StartNew();
            for (int i = 0; i < 200; i++)
            {
                bus.RcrEth(ChipBus.ESTAT); // 2 bytes: 16 µs + CS overhead each
            }

            long elapsedNs = wall.Elapsed.Ticks * 100;
            long busNs = 200 * (board.Chip.Options.CsOverheadNs + 16_000L);
            Assert.AreEqual(busNs, board.Chip.SpiBusTimeNs);
            Assert.IsTrue(elapsedNs >= busNs, "200 two-byte reads at 1 MHz took " + elapsedNs + " ns, less than " + busNs);
        }

        [TestMethod]
        public void WithoutPacingTheWallClockBoardChargesNothing()
        {
            using var board = new VirtualEsp32Board(new VirtualBoardOptions { Errata = Enc28j60Errata.None, SpiClockHz = 1_000_000 }, new NoConsole());
            new ChipBus(board.Chip).RcrEth(ChipBus.ESTAT);
            Assert.AreEqual(0L, board.Chip.SpiBusTimeNs);
            Assert.IsNull(board.PacingClock);
        }

        [TestMethod]
        public void APacedChipHoldsTxrtsForTheFramesWireTime()
        {
            using VirtualEsp32Board board = PacedBoard(20_000_000);
            ChipBus bus = FullDuplex(board);
            var sent = new List<byte[]>();
            board.Chip.FrameTransmitted += sent.Add;
            bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 1000));
            var wall = Stopwatch.StartNew();
            long wireNs = (8 + 1004 + 12) * 800L; // preamble + frame with FCS + gap at 10 Mbit/s
            Assert.AreEqual((byte)0x08, (byte)(bus.PeekEcon1() & 0x08), "TXRTS set right after the BFS");
            for (int i = 0; i < 100_000 && (bus.PeekEcon1() & 0x08) != 0 && wall.ElapsedMilliseconds < 2000; i++)
            {
                board.Chip.Service();
            }

            long elapsedNs = wall.Elapsed.Ticks * 100;
            Assert.AreEqual(1, sent.Count, "the frame left");
            // The BFS's own bus time (2 bytes, 1.05 µs) ran after TXRTS was set, before the stopwatch started.
            Assert.IsTrue(elapsedNs >= wireNs - 2_000, "TXRTS cleared after " + elapsedNs + " ns; the frame's wire time is " + wireNs);
        }

        [TestMethod]
        public void APacedBoardWakesWhenTheChipFinishesAFrame()
        {
            using VirtualEsp32Board board = PacedBoard(20_000_000);
            ChipBus bus = FullDuplex(board);
            bus.Wcr(ChipBus.EIE, 0x88); // INTIE | TXIE
            bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 1000));
            Assert.IsFalse(board.Chip.IntAsserted, "nothing to report while the frame is on the wire");

            // Nothing touches the chip while the board waits: the board itself must look when the frame is due.
            board.WaitForEvent(2000);
            Assert.IsTrue(board.Chip.IntAsserted, "INT (TXIF) asserted when the wait ended");
            Assert.AreEqual((byte)0x08, (byte)(bus.PeekEir() & 0x08));
        }

        [TestMethod]
        public void TheRealTimeClockWaitsAtLeastWhatItIsAdvancedAndWakesEarlyWhenSignalled()
        {
            var clock = new RealTimeClock();
            long before = clock.NowNanoseconds;
            clock.Advance(300_000);
            Assert.IsTrue(clock.NowNanoseconds - before >= 300_000);

            using var wake = new AutoResetEvent(true);
            Assert.IsFalse(clock.WaitUntil(clock.NowNanoseconds + 5_000_000_000L, wake), "a signalled wake ends the wait early");
            Assert.IsTrue(clock.WaitUntil(clock.NowNanoseconds + 1_000_000, wake), "unsignalled: the deadline is reached");
        }

        private static VirtualEsp32Board PacedBoard(long spiHz) =>
            new(new VirtualBoardOptions { RealTimeSpiPacing = true, SpiClockHz = spiHz, Errata = Enc28j60Errata.None }, new NoConsole());

        private static ChipBus FullDuplex(VirtualEsp32Board board)
        {
            var bus = new ChipBus(board.Chip);
            bus.Write(2, Bank2.MACON3, 0x31); // PADCFG = 001, TXCRCEN, FULDPX
            bus.PhyWrite(0x00, 0x0100);         // PDPXMD (MISTAT.BUSY is polled: MII time passes in wall time)
            return bus;
        }

        private sealed class NoConsole : IConsolePort
        {
            public bool InputOpen => false;

            public void Write(string text)
            {
            }

            public int Read(byte[] buffer, int offset, int count) => 0;
        }
    }
}
