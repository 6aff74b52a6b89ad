using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.Transport.Tcp;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 7: blind RST and SYN injection (RFC 5961) into a kernel connection to the board's echo while 2 MB go
/// through it. The attacker knows the 4-tuple (read from the board's TCP table) but not the exact sequence number:
/// RSTs outside the window are ignored, RSTs inside it but not at RCV.NXT and SYNs with any sequence number earn a
/// challenge ACK (rate limited, RFC 5961 §7); the connection survives and the transfer is byte-exact.
///
/// The transfer pauses between 64 KB chunks (everything echoed, nothing in flight), so RCV.NXT read from the board
/// stays put while the in-window RSTs are judged: an in-window guess must never become the exact value by the
/// stream moving onto it. While data flows, only SYNs and RSTs far outside any window are injected.
/// </summary>
[TestClass]
public class InteropBlindInjectionTests
{
    private const int Chunk = 64 * 1024;
    private const int Chunks = 32;

    [TestMethod]
    public void BlindRstAndSynInjectionDuringATransfer() => NetNamespace.RunInside(nameof(BlindRstAndSynInjectionDuringATransferInsideNamespace), 90);

    [TestMethod]
    public void BlindRstAndSynInjectionDuringATransferInsideNamespace()
    {
        NetNamespace.RequireInside();
        using var rig = new InteropRig("nanoblind0", 7, services: "echo");
        using TcpClient client = rig.Connect(7, ioTimeoutMs: 20_000);
        int clientPort = ((IPEndPoint)client.Client.LocalEndPoint).Port;
        NetworkStream stream = client.GetStream();
        TcpCounters before = rig.TcpCounters();
        var rng = new Random(5961);
        int outOfWindowRsts = 0, inWindowRsts = 0, syns = 0;

        // While data flows: SYNs with guessed sequence numbers and RSTs half the sequence space away.
        using var stop = new CancellationTokenSource();
        var inFlight = new Thread(() =>
        {
            var r = new Random(7);
            while (!stop.IsCancellationRequested)
            {
                TcpInfo c = Connection(rig, clientPort);
                if (c == null) break;
                rig.Board.InjectTowardBoard(rig.TcpFrame(rig.KernelAddress, clientPort, 7, (uint)r.NextInt64(1L << 32), 0, TcpFlags.Syn, mss: 1460));
                Interlocked.Increment(ref syns);
                rig.Board.InjectTowardBoard(rig.TcpFrame(rig.KernelAddress, clientPort, 7, unchecked(c.RcvNxt + 0x80000000u + (uint)r.Next(1 << 20)), 0, TcpFlags.Rst));
                Interlocked.Increment(ref outOfWindowRsts);
                Thread.Sleep(5);
            }
        }) { IsBackground = true, Name = "in-flight injection" };

        byte[] data = InteropRig.Pattern(Chunk * Chunks, 77);
        var back = new byte[data.Length];
        var sw = Stopwatch.StartNew();
        inFlight.Start();
        for (int k = 0; k < Chunks; k++)
        {
            byte[] echoed = InteropRig.EchoTransfer(stream, data.AsSpan(k * Chunk, Chunk).ToArray(), 20_000);
            Assert.AreEqual(Chunk, echoed.Length, "chunk " + k + " came back short: the connection died");
            echoed.CopyTo(back, k * Chunk);

            // Quiescent: the board's RCV.NXT and window are what the next segment will be judged against.
            Quiescent(rig, clientPort, rng, ref outOfWindowRsts, ref inWindowRsts, ref syns);
        }

        sw.Stop();
        stop.Cancel();
        inFlight.Join(2000);
        Thread.Sleep(100); // the last injected frames are judged
        InteropRig.AssertSameBytes(data, back, "2 MB under blind injection");
        TcpInfo after = Connection(rig, clientPort);
        Assert.IsNotNull(after, "the connection is gone from the board");
        Assert.AreEqual(TcpState.Established, after.State);
        TcpCounters tcp = rig.TcpCounters();
        int challenged = tcp.ChallengeAcks - before.ChallengeAcks;
        int suppressed = tcp.ChallengeAcksSuppressed - before.ChallengeAcksSuppressed;
        OutputHelper.WriteLine("2 MB echoed byte-exact in " + sw.ElapsedMilliseconds + " ms under injection of " + outOfWindowRsts + " out-of-window RSTs, "
            + inWindowRsts + " in-window inexact RSTs, " + syns + " SYNs; board: challenge ACKs " + challenged + " (suppressed by the rate limit " + suppressed
            + "), out-of-window " + (tcp.OutOfWindow - before.OutOfWindow) + ", resets received " + (tcp.ResetsReceived - before.ResetsReceived)
            + ", connections reset " + (tcp.ConnectionsReset - before.ConnectionsReset));
        OutputHelper.WriteLine(rig.DropReport());
        Assert.AreEqual(0, tcp.ConnectionsReset - before.ConnectionsReset, "no injected RST reset the connection");
        Assert.AreEqual(0, tcp.ResetsReceived - before.ResetsReceived, "no injected RST was taken as valid");
        Assert.IsTrue(challenged > 0, "challenge ACKs were sent");
        Assert.IsTrue(challenged + suppressed >= (inWindowRsts + syns) * 9 / 10,
            "every in-window RST and every SYN is challenged or counted as suppressed: " + (challenged + suppressed) + " of " + (inWindowRsts + syns));
        Assert.IsTrue(tcp.OutOfWindow - before.OutOfWindow >= outOfWindowRsts * 9 / 10, "out-of-window RSTs are counted and ignored");

        // Still a working connection: one more round, then an orderly close.
        byte[] last = InteropRig.Pattern(1000, 78);
        InteropRig.AssertSameBytes(last, InteropRig.EchoTransfer(stream, last, 5000), "after the injection");
    }

    /// <summary>With nothing in flight: RSTs outside the window either side, RSTs inside it off RCV.NXT, SYNs.</summary>
    private static void Quiescent(InteropRig rig, int clientPort, Random rng, ref int outOfWindowRsts, ref int inWindowRsts, ref int syns)
    {
        TcpInfo c = Connection(rig, clientPort);
        Assert.IsNotNull(c, "the connection is gone from the board");
        int window = Math.Max(c.RcvWnd, 2);
        uint nxt = c.RcvNxt;
        var frames = new List<byte[]>
        {
            rig.TcpFrame(rig.KernelAddress, clientPort, 7, unchecked(nxt + (uint)window + 1000u + (uint)rng.Next(100_000)), 0, TcpFlags.Rst),
            rig.TcpFrame(rig.KernelAddress, clientPort, 7, unchecked(nxt - 1000u - (uint)rng.Next(100_000)), 0, TcpFlags.Rst),
            rig.TcpFrame(rig.KernelAddress, clientPort, 7, unchecked(nxt + 1u + (uint)rng.Next(window - 1)), 0, TcpFlags.Rst),
            rig.TcpFrame(rig.KernelAddress, clientPort, 7, unchecked(nxt + 1u + (uint)rng.Next(window - 1)), c.SndNxt, TcpFlags.Rst | TcpFlags.Ack),
            rig.TcpFrame(rig.KernelAddress, clientPort, 7, unchecked(nxt + (uint)rng.Next(window)), 0, TcpFlags.Syn, mss: 1460),
            rig.TcpFrame(rig.KernelAddress, clientPort, 7, (uint)rng.NextInt64(1L << 32), 0, TcpFlags.Syn, mss: 1460),
        };
        foreach (byte[] f in frames) rig.Board.InjectTowardBoard(f);
        Interlocked.Add(ref outOfWindowRsts, 2);
        Interlocked.Add(ref inWindowRsts, 2);
        Interlocked.Add(ref syns, 2);
        Thread.Sleep(20); // judged before the stream moves on
    }

    private static TcpInfo Connection(InteropRig rig, int clientPort) =>
        rig.TcpTable().FirstOrDefault(i => i.RemotePort == clientPort && i.RemoteAddress == rig.KernelAddress && i.LocalPort == 7);
}
