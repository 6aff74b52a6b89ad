using System.Diagnostics;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Transport.Tcp;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 6: a bounded SYN flood (3000 crafted SYNs from random spoofed 198.18.x.y sources and ports, valid
/// checksums, about 1500 a second, injected on the board's wire) against the echo and HTTP listeners while a kernel
/// client echoes 2 MB through the board. The transfer finishes byte-exact, and afterwards new kernel clients
/// connect and are served. The board routes through the kernel (gateway), which drops the SYN-ACKs to the spoofed
/// sources as a router without those hosts would.
/// </summary>
[TestClass]
public class InteropSynFloodTests
{
    private const int Syns = 3000;
    private const int SynsPerBurst = 15;
    private const int BurstIntervalMs = 10;

    [TestMethod]
    public void SynFloodDuringAnEchoTransfer() => NetNamespace.RunInside(nameof(SynFloodDuringAnEchoTransferInsideNamespace), 90);

    [TestMethod]
    public void SynFloodDuringAnEchoTransferInsideNamespace()
    {
        NetNamespace.RequireInside();
        using var rig = new InteropRig("nanoflood0", 6, services: "all", gateway: true);
        var rng = new Random(6);
        var frames = new byte[Syns][];
        for (int i = 0; i < Syns; i++)
        {
            uint source = IPv4.FromBytes(198, 18, (byte)(16 + rng.Next(240)), (byte)(1 + rng.Next(254)));
            int port = i % 4 == 3 ? 80 : 7;
            frames[i] = rig.TcpFrame(source, 1024 + rng.Next(64512), port, (uint)rng.NextInt64(1L << 32), 0, TcpFlags.Syn, 64240, null, 1460);
        }

        TcpCounters before = rig.TcpCounters();
        const int total = 2 * 1024 * 1024;
        byte[] data = InteropRig.Pattern(total, 66);
        using TcpClient client = rig.Connect(7, ioTimeoutMs: 30_000);

        // Flood from its own thread at a bounded rate; the transfer starts once the flood has begun.
        var flood = Stopwatch.StartNew();
        long floodMs = 0;
        using var started = new ManualResetEventSlim(false);
        var flooder = new Thread(() =>
        {
            for (int i = 0; i < Syns; i++)
            {
                rig.Board.InjectTowardBoard(frames[i]);
                if (i == 100) started.Set();
                if (i % SynsPerBurst == SynsPerBurst - 1) Thread.Sleep(BurstIntervalMs);
            }

            floodMs = flood.ElapsedMilliseconds;
        }) { IsBackground = true, Name = "flood" };
        flooder.Start();
        Assert.IsTrue(started.Wait(5000));
        var sw = Stopwatch.StartNew();
        byte[] back = InteropRig.EchoTransfer(client.GetStream(), data, 45_000);
        sw.Stop();
        bool overlapped = flooder.IsAlive;
        Assert.IsTrue(flooder.Join(20_000), "the flood did not end");
        InteropRig.AssertSameBytes(data, back, "2 MB echo during the flood");
        client.Close();
        TcpCounters afterFlood = rig.TcpCounters();

        // New clients after the flood: echo rounds and the HTTP page.
        var fresh = Stopwatch.StartNew();
        var connectMs = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            var t = Stopwatch.StartNew();
            using TcpClient c = rig.Connect(7, timeoutMs: 20_000, ioTimeoutMs: 10_000);
            connectMs.Add(t.ElapsedMilliseconds);
            byte[] request = InteropRig.Pattern(1000, 600 + i);
            byte[] answer = InteropRig.EchoTransfer(c.GetStream(), request, 10_000);
            InteropRig.AssertSameBytes(request, answer, "echo client " + i + " after the flood");
        }

        using (TcpClient h = rig.Connect(80, timeoutMs: 20_000, ioTimeoutMs: 10_000))
        {
            NetworkStream s = h.GetStream();
            byte[] get = System.Text.Encoding.ASCII.GetBytes("GET /stats HTTP/1.1\r\nHost: board\r\n\r\n");
            s.Write(get, 0, get.Length);
            var reader = new StreamReader(s);
            Assert.AreEqual("HTTP/1.1 200 OK", reader.ReadLine(), "HTTP after the flood");
        }

        TcpCounters after = rig.TcpCounters();
        OutputHelper.WriteLine(Syns + " spoofed SYNs injected in " + floodMs + " ms (" + (Syns * 1000L / Math.Max(1, floodMs)) + "/s); 2 MB echoed byte-exact in "
            + sw.ElapsedMilliseconds + " ms (" + InteropRig.Mbps(total, sw.Elapsed).ToString("0.00") + " Mbit/s each way)"
            + (overlapped ? ", the flood outlasted the transfer" : ", the transfer outlasted the flood"));
        OutputHelper.WriteLine("board during the flood: SYN-queue-full drops " + (afterFlood.SynQueueFullDrops - before.SynQueueFullDrops)
            + ", accept-queue-full SYN drops " + (afterFlood.AcceptQueueFullSynDrops - before.AcceptQueueFullSynDrops)
            + ", SYN-queue evictions " + (afterFlood.SynQueueEvictions - before.SynQueueEvictions)
            + ", SYN-ACK retransmits " + (afterFlood.SynAckRetransmits - before.SynAckRetransmits)
            + ", SYN-queue timeouts " + (afterFlood.SynQueueTimeouts - before.SynQueueTimeouts)
            + ", RSTs sent " + (afterFlood.ResetsSent - before.ResetsSent));
        OutputHelper.WriteLine("after the flood: 5 echo clients connected in " + string.Join("/", connectMs) + " ms and served, HTTP 200; total " + fresh.ElapsedMilliseconds + " ms");
        OutputHelper.WriteLine(rig.DropReport());
        Assert.IsTrue(afterFlood.SynQueueFullDrops - before.SynQueueFullDrops + afterFlood.SynQueueEvictions - before.SynQueueEvictions > Syns / 2,
            "the flood met full SYN queues (it must have reached the board)");
        Assert.AreEqual(0, after.ResetsSent - before.ResetsSent, "no RST (the SYNs went to listeners)");
    }
}
