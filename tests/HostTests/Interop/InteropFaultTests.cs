using System.Diagnostics;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.Transport.Tcp;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 9: the kernel against the board with the seeded fault injector on the board's cable (both directions):
/// reordering with duplication and corruption, a mix with 5 % loss, and 20 % loss each way. An echo transfer (sized
/// so each run stays bounded) and short rounds on fresh connections come back byte-exact, nothing crashes, and the
/// board's counters show what the faults did (CRC drops at the chip, duplicates, out-of-order segments, retransmissions).
///
/// 20 % loss each way with the board's 4 KB windows is where the RTO rules show: before RFC 7323 timestamps, Early
/// Retransmit and the BSD sequence number on pure ACKs, Karn's rule kept the back-off (13–52 s RTOs) and a 200 KB
/// echo stalled for a minute in most runs; now it takes 17–35 s here.
///
/// The faults go on once the bulk connection is established: a lost SYN or SYN-ACK leaves the kernel without an
/// RTT sample and with a 3 s initial RTO (RFC 6298 §5.7), and under heavy loss its back-off (3, 6, 12, 24 s) alone
/// could outlast the run. The fresh connections afterwards do their handshakes under the faults.
/// </summary>
[TestClass]
public class InteropFaultTests
{
    [TestMethod]
    public void EchoUnderReorderDuplicationAndCorruption() => NetNamespace.RunInside(nameof(EchoUnderReorderDuplicationAndCorruptionInsideNamespace), 120);

    [TestMethod]
    public void EchoUnderReorderDuplicationAndCorruptionInsideNamespace() => Run("nanodup0", 92, "reorder=0.05,dup=0.05,corrupt=0.01,seed=2", 1024 * 1024);

    [TestMethod]
    public void EchoUnderMixedFaults() => NetNamespace.RunInside(nameof(EchoUnderMixedFaultsInsideNamespace), 120);

    [TestMethod]
    public void EchoUnderMixedFaultsInsideNamespace() => Run("nanomix0", 93, "loss=0.05,reorder=0.02,dup=0.01,corrupt=0.001,seed=3", 512 * 1024);

    [TestMethod]
    public void EchoUnderTwentyPercentLoss() => NetNamespace.RunInside(nameof(EchoUnderTwentyPercentLossInsideNamespace), 240);

    [TestMethod]
    public void EchoUnderTwentyPercentLossInsideNamespace() => Run("nanoloss0", 94, "loss=0.2,seed=1", 200 * 1024, transferTimeoutMs: 120_000, roundTimeoutMs: 60_000);

    private static void Run(string tap, int subnet, string faults, int size, int transferTimeoutMs = 50_000, int roundTimeoutMs = 20_000)
    {
        NetNamespace.RequireInside();
        FaultSpec spec = FaultSpec.Parse(faults);
        using var rig = new InteropRig(tap, subnet, services: "echo");
        TcpCounters before = rig.TcpCounters();

        byte[] data = InteropRig.Pattern(size, subnet);
        var sw = new Stopwatch();
        using (TcpClient client = rig.Connect(7, timeoutMs: 20_000, ioTimeoutMs: transferTimeoutMs))
        {
            rig.SetFaults(faults);
            sw.Start();

            byte[] back;
            try
            {
                back = InteropRig.EchoTransfer(client.GetStream(), data, transferTimeoutMs);
            }
            catch (Exception e)
            {
                throw new IOException(e.Message + " after " + sw.ElapsedMilliseconds + " ms\n" + rig.Diagnose(), e);
            }

            InteropRig.AssertSameBytes(data, back, faults + ": " + size + " bytes echoed");
        }

        sw.Stop();
        var rounds = Stopwatch.StartNew();
        for (int i = 0; i < 5; i++)
        {
            using TcpClient c = rig.Connect(7, timeoutMs: roundTimeoutMs, ioTimeoutMs: roundTimeoutMs);
            byte[] request = InteropRig.Pattern(100 + 300 * i, subnet * 10 + i);
            InteropRig.AssertSameBytes(request, InteropRig.EchoTransfer(c.GetStream(), request, roundTimeoutMs), faults + ": fresh connection " + i);
        }

        rounds.Stop();
        TcpCounters tcp = rig.TcpCounters();
        LinkEnd toBoard = rig.Board.Board.Wire.Link.B, fromBoard = rig.Board.Board.Wire.Link.A;
        long crcDrops = rig.Board.Board.Wire.ChipPort.CrcDrops;
        OutputHelper.WriteLine(faults + ": " + size + " bytes echoed byte-exact in " + sw.ElapsedMilliseconds + " ms ("
            + InteropRig.Mbps(size, sw.Elapsed).ToString("0.00") + " Mbit/s each way); 5 fresh connections in " + rounds.ElapsedMilliseconds + " ms");
        OutputHelper.WriteLine("board: retransmits " + (tcp.Retransmits - before.Retransmits) + " (timeouts " + (tcp.RetransmitTimeouts - before.RetransmitTimeouts)
            + ", fast " + (tcp.FastRetransmits - before.FastRetransmits) + "), duplicate segments " + (tcp.DuplicateSegments - before.DuplicateSegments)
            + ", out-of-order queued " + (tcp.OutOfOrderQueued - before.OutOfOrderQueued) + " dropped " + (tcp.OutOfOrderDropped - before.OutOfOrderDropped)
            + ", bad checksum " + (tcp.BadChecksum - before.BadChecksum) + ", chip CRC drops " + crcDrops + ", connections reset " + (tcp.ConnectionsReset - before.ConnectionsReset));
        OutputHelper.WriteLine(rig.DropReport());

        Assert.AreEqual(0, tcp.ConnectionsReset - before.ConnectionsReset, "no connection was reset");
        Assert.IsTrue(rig.TcpTable().Exists(i => i.State == TcpState.Listen), "the echo listener is still there");
        Assert.AreEqual(0, rig.Locked(s => s.EthernetCounters.ProcessingFaults), "no exception inside the stack");
        if (spec.Loss > 0)
        {
            Assert.IsTrue(toBoard.Faults.Lost > 0 && fromBoard.Faults.Lost > 0, "frames were lost both ways");
            Assert.IsTrue(tcp.Retransmits - before.Retransmits > 0, "the board retransmitted what it lost");
        }

        if (spec.Corrupt > 0 && toBoard.Faults.Corrupted > 0)
        {
            // A corrupted frame that is also duplicated arrives twice.
            Assert.IsTrue(crcDrops >= toBoard.Faults.Corrupted && crcDrops <= toBoard.Faults.Corrupted * 2,
                "every corrupted frame toward the board died at the chip's CRC check: " + crcDrops + " CRC drops for " + toBoard.Faults.Corrupted + " corrupted");
        }

        if (spec.Duplicate >= 0.05)
        {
            Assert.IsTrue(tcp.DuplicateSegments - before.DuplicateSegments > 0, "duplicated segments were recognised");
        }

        if (spec.Reorder >= 0.05)
        {
            Assert.IsTrue(tcp.OutOfOrderQueued - before.OutOfOrderQueued > 0, "reordered segments were queued out of order");
        }
    }
}
