using System.Diagnostics;
using NanoIP.Network;
using NanoIP.VirtualBoard.Lab;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.Bench;

/// <summary>
/// TCP goodput the board would reach, in virtual time: the board (ENC28J60 model with SPI time charged,
/// driver, NetStack) and a peer stack on a full-duplex 10 Mbit/s cable in the virtual lab. Goodput =
/// payload bytes / virtual seconds from the first byte offered to the last byte read. Direction is the
/// board's: tx = board sends, rx = board receives. Window = both stacks' TcpReceiveBufferSize (send buffers
/// the same). Next to each goodput: where the board's time went (SPI bus busy share, SPI time and bus
/// transactions per data segment, the driver's busy-waits for the transmitter) and how full the wire was, which explain the gap to the 9.49 Mbit/s
/// ceiling of 1460-byte segments on 10BASE-T; frames the chip dropped because its receive ring was full. The board's CPU time outside SPI is not modelled.
/// </summary>
public sealed class TcpModelledSuite : IBenchSuite
{
    private const long TransferBytes = 1024 * 1024;
    private static readonly uint BoardIp = IPv4.FromBytes(192, 168, 7, 10);
    private static readonly uint PeerIp = IPv4.FromBytes(192, 168, 7, 20);

    public string Name => "tcp_modelled";

    public string Description => "board (chip model, SPI charged) <-> peer over the 10 Mbit/s wire model: TCP goodput in virtual time";

    public void Run(BenchReport report)
    {
        foreach (long spiHz in new[] { 20_000_000L, 8_000_000L })
        {
            foreach (int window in new[] { 4096, 16384 })
            {
                foreach (string direction in new[] { "tx", "rx" })
                {
                    Measure(report, direction, spiHz, window);
                }
            }
        }
    }

    private static void Measure(BenchReport report, string direction, long spiHz, int window)
    {
        var wall = Stopwatch.StartNew();
        using var lab = new VirtualLab();
        NetConfig Config() => new NetConfig { TcpSockets = 4, TcpSendBufferSize = window, TcpReceiveBufferSize = window, Mss = 1460 };
        BoardNode board = lab.AddBoard("board", BoardIp, config: Config(), setup: new BoardSetup { SpiClockHz = spiHz });
        PeerNode peer = lab.AddPeer("peer", PeerIp, config: Config());
        EthernetLink link = lab.Connect(board, peer);
        lab.Run(3000);
        if (!lab.Connect(board, peer, 5001, out int bh, out int ph, out _)) throw new InvalidOperationException("no connection");

        bool tx = direction == "tx";
        var t = tx
            ? new TcpBulkTransfer(board.Tcp, bh, peer.Tcp, ph, TransferBytes, seed: 1)
            : new TcpBulkTransfer(peer.Tcp, ph, board.Tcp, bh, TransferBytes, seed: 1);
        long spi0 = board.Chip.SpiBusTimeNs;
        long wait0 = board.DriverClock.DelayedMicroseconds;
        long drops0 = board.Chip.FramesDropped;
        long trans0 = board.Chip.SpiTransactions;
        long wireA0 = link.A.BusyNs, wireB0 = link.B.BusyNs;
        var sender = tx ? board.Tcp.Counters : peer.Tcp.Counters;
        int segs0 = sender.SegmentsSent, rtx0 = sender.Retransmits;
        long ns = lab.Transfer(t, 120_000);
        if (ns <= 0 || t.Mismatches != 0) throw new InvalidOperationException("modelled transfer failed: " + t.Received + " bytes, " + t.Mismatches + " mismatches");
        int dataSegments = (int)((TransferBytes + 1459) / 1460);
        long spi = board.Chip.SpiBusTimeNs - spi0;
        long transactions = board.Chip.SpiTransactions - trans0;
        long waitNs = (board.DriverClock.DelayedMicroseconds - wait0) * 1000;
        long dataWire = tx ? link.A.BusyNs - wireA0 : link.B.BusyNs - wireB0;

        var tags = new (string, object)[] { ("direction", direction), ("spi_mhz", spiHz / 1_000_000), ("mss", 1460), ("window", window), ("bytes", TransferBytes) };
        report.Add("goodput_mbps_modelled", TransferBytes * 8.0 / ns * 1000, "Mbit/s", tags);
        report.Add("board_spi_busy_percent", 100.0 * spi / ns, "%", tags);
        report.Add("board_busy_wait_percent", 100.0 * waitNs / ns, "%", tags);
        report.Add("spi_us_per_data_segment", spi / 1000.0 / dataSegments, "us", tags);
        report.Add("spi_transactions_per_data_segment", (double)transactions / dataSegments, "transactions", tags);
        report.Add("wire_busy_percent_data_direction", 100.0 * dataWire / ns, "%", tags);
        report.Add("sender_segments_per_data_segment", (double)(sender.SegmentsSent - segs0) / dataSegments, "segments",
            tags.Append(("retransmits", (object)(sender.Retransmits - rtx0))).ToArray());
        report.Add("board_rx_ring_drops", board.Chip.FramesDropped - drops0, "frames", tags);
        report.Add("modelled_run_wall_ms", wall.Elapsed.TotalMilliseconds, "ms", tags);
    }
}
