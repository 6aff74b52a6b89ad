using System.Globalization;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;
using NanoIP.Services.Apps;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 8: iperf 2 (iperf -c) against the board's discard service on 5001, timed (-t 3) and by amount (-n 2M):
/// exits 0 and reports a non-zero bandwidth, which the test prints; the board's discard service counted the bytes.
/// </summary>
[TestClass]
public class InteropIperfTests
{
    [TestMethod]
    public void IperfClientAgainstTheBoardsDiscardService() => NetNamespace.RunInside(nameof(IperfClientAgainstTheBoardsDiscardServiceInsideNamespace), 90);

    [TestMethod]
    public void IperfClientAgainstTheBoardsDiscardServiceInsideNamespace()
    {
        NetNamespace.RequireInside();
        string iperf = NetNamespace.RequireTool("iperf", "iperf");
        using var rig = new InteropRig("nanoiperf0", 8, services: "discard");
        var discard = (DiscardService)rig.Board.Firmware.Services.GetService(0);

        long before = rig.Locked(_ => discard.BytesReceived);
        double timed = Run(iperf, "-c " + rig.BoardIp + " -p 5001 -t 3 -f k", out string timedOutput);
        long afterTimed = Drained(rig, discard);
        double sized = Run(iperf, "-c " + rig.BoardIp + " -p 5001 -n 2M -f k", out string sizedOutput);
        long afterSized = Drained(rig, discard);
        var tcp = rig.TcpCounters();
        OutputHelper.WriteLine("iperf -t 3: " + (timed / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " Mbit/s, board discarded "
            + (afterTimed - before) + " bytes; iperf -n 2M: " + (sized / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " Mbit/s, board discarded "
            + (afterSized - afterTimed) + " bytes; board resets sent " + tcp.ResetsSent);
        OutputHelper.WriteLine(timedOutput.Trim());
        OutputHelper.WriteLine(sizedOutput.Trim());
        OutputHelper.WriteLine(rig.DropReport());
        Assert.IsTrue(timed > 0 && sized > 0, "iperf reported no bandwidth");
        Assert.AreEqual(2L * 1024 * 1024, afterSized - afterTimed, "-n 2M: the board received exactly 2 MiB");
        Assert.IsTrue(afterTimed - before > 100_000, "-t 3: the board received " + (afterTimed - before) + " bytes");
        Assert.AreEqual(0, tcp.ResetsSent);
    }

    /// <summary>What the service received once it has read the connection to its end and closed it (5 s at most).</summary>
    private static long Drained(InteropRig rig, TcpService service)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (rig.Locked(_ => service.ActiveConnections) > 0 && sw.ElapsedMilliseconds < 5000) Thread.Sleep(10);
        return rig.Locked(_ => service.BytesReceived);
    }

    /// <summary>Runs iperf (30 s at most), asserts exit 0, returns the summary bandwidth in Kbit/s.</summary>
    private static double Run(string iperf, string args, out string output)
    {
        int code = NetNamespace.Run(iperf, args, 30_000, out output);
        Assert.AreEqual(0, code, "iperf " + args + ":\n" + output);
        MatchCollection m = Regex.Matches(output, @"([\d.]+) Kbits/sec");
        Assert.IsTrue(m.Count > 0, "no bandwidth in:\n" + output);
        return double.Parse(m[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
