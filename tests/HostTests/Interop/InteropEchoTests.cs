using System.Diagnostics;
using System.Net.Sockets;
using nanoFramework.TestFramework;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 2: a kernel TCP client against the board's echo service (port 7): 10 MB written and read back at the
/// same time, byte-exact; then 500 short request/answer rounds on one connection, and rounds on 20 fresh ones.
/// </summary>
[TestClass]
public class InteropEchoTests
{
    private const int EchoPort = 7;

    [TestMethod]
    public void KernelClientEchoesTenMegabytesAndManyRounds() => NetNamespace.RunInside(nameof(KernelClientEchoesTenMegabytesAndManyRoundsInsideNamespace), 120);

    [TestMethod]
    public void KernelClientEchoesTenMegabytesAndManyRoundsInsideNamespace()
    {
        NetNamespace.RequireInside();
        using var rig = new InteropRig("nanoecho0", 2, services: "echo");

        // Bulk: 10 MB each way at once.
        const int total = 10 * 1024 * 1024;
        byte[] data = InteropRig.Pattern(total, 2);
        var sw = Stopwatch.StartNew();
        using (TcpClient client = rig.Connect(EchoPort))
        {
            byte[] back = InteropRig.EchoTransfer(client.GetStream(), data, 90_000);
            sw.Stop();
            InteropRig.AssertSameBytes(data, back, "10 MB echo");
        }

        OutputHelper.WriteLine("10 MB echoed byte-exact in " + sw.ElapsedMilliseconds + " ms: " + InteropRig.Mbps(total, sw.Elapsed).ToString("0.00")
            + " Mbit/s each way");

        // Rounds: requests of 1..200 bytes, each answer read in full before the next request.
        var rng = new Random(500);
        var rounds = Stopwatch.StartNew();
        using (TcpClient client = rig.Connect(EchoPort))
        {
            NetworkStream s = client.GetStream();
            var back = new byte[200];
            for (int i = 0; i < 500; i++)
            {
                var request = new byte[1 + rng.Next(200)];
                rng.NextBytes(request);
                s.Write(request, 0, request.Length);
                InteropRig.ReadExactly(s, back, 0, request.Length);
                InteropRig.AssertSameBytes(request, back.AsSpan(0, request.Length).ToArray(), "round " + i);
            }
        }

        rounds.Stop();
        double perRound = rounds.Elapsed.TotalMilliseconds / 500;

        // Fresh connections: connect, one round, close; the board's echo serves two at once, so close each first.
        var fresh = Stopwatch.StartNew();
        for (int i = 0; i < 20; i++)
        {
            using TcpClient client = rig.Connect(EchoPort);
            NetworkStream s = client.GetStream();
            byte[] request = InteropRig.Pattern(1 + i * 50, 1000 + i);
            s.Write(request, 0, request.Length);
            var back = new byte[request.Length];
            InteropRig.ReadExactly(s, back, 0, back.Length);
            InteropRig.AssertSameBytes(request, back, "connection " + i);
            client.Client.Shutdown(SocketShutdown.Send);
            Assert.AreEqual(0, s.Read(back, 0, back.Length), "connection " + i + ": the board closes after our FIN");
        }

        fresh.Stop();
        var tcp = rig.TcpCounters();
        OutputHelper.WriteLine("500 rounds on one connection: " + perRound.ToString("0.00") + " ms per round; 20 fresh connections with a round each: "
            + (fresh.Elapsed.TotalMilliseconds / 20).ToString("0.0") + " ms per connection; board passive opens " + tcp.PassiveOpens
            + ", resets sent " + tcp.ResetsSent + ", retransmits " + tcp.Retransmits);
        OutputHelper.WriteLine(rig.DropReport());
        Assert.AreEqual(22, tcp.PassiveOpens, "one bulk, one rounds and 20 fresh connections");
        Assert.AreEqual(0, tcp.ResetsSent, "no connection ended with a RST");
    }
}
