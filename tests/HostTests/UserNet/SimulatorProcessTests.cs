using System.Diagnostics;
using System.Net.Http;
using nanoFramework.TestFramework;
using NanoIP.HostTests.Interop;
using NanoIP.HostTests.SubsetGate;

namespace NanoIP.HostTests.UserNet;

/// <summary>
/// The done-criterion as a user runs it: the built Simulator started with --forward HOSTPORT:80 (no
/// privileges, no namespace: only 127.0.0.1 is used) serves the board's HTTP status page to an HTTP client on the
/// host; then SIGTERM stops it. The child process is always killed at the end.
/// </summary>
[TestClass]
public class SimulatorProcessTests
{
    [TestMethod]
    public void SimulatorWithForwardServesTheStatusPageOnLocalhost()
    {
        string dll = SimulatorDll();
        Assert.IsTrue(File.Exists(dll), "build boards/Simulator first (nf.proj builds it before the tests): " + dll);
        int port = UserNetBoard.FreePort();
        using ChildProcess sim = ChildProcess.Start("dotnet", "\"" + dll + "\" --forward " + port + ":80 --no-console");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var wall = Stopwatch.StartNew();
        HttpResponseMessage response = null;
        string body = null;
        string lastError = null;
        for (int attempt = 0; attempt < 100 && wall.ElapsedMilliseconds < 30_000 && !sim.HasExited; attempt++)
        {
            try
            {
                response = http.GetAsync("http://127.0.0.1:" + port + "/").Result;
                body = response.Content.ReadAsStringAsync().Result;
                break;
            }
            catch (AggregateException e)
            {
                lastError = e.InnerException?.Message; // not listening yet, or the board not up yet
                Thread.Sleep(200);
            }
        }

        long firstAnswerMs = wall.ElapsedMilliseconds;
        var again = Stopwatch.StartNew();
        string second = response == null ? null : http.GetStringAsync("http://127.0.0.1:" + port + "/").Result;
        long secondMs = again.ElapsedMilliseconds;

        NetNamespace.Run("kill", "-TERM " + sim.Id, 5000, out _);
        int code = sim.WaitForExit(10_000, out string output);
        OutputHelper.WriteLine("first answer " + firstAnswerMs + " ms after start, a second GET took " + secondMs + " ms; exit " + code + "\n" + output);
        Assert.IsNotNull(response, "no HTTP answer within 30 s: " + lastError + "\n" + output);
        Assert.AreEqual(200, (int)response.StatusCode);
        Assert.StartsWith("NanoIP", body);
        Assert.Contains("inet 198.18.0.2/24  gateway 198.18.0.1", body);
        Assert.Contains("0.0.0.0:80", body);
        Assert.StartsWith("NanoIP", second);
        Assert.AreEqual(0, code, "SIGTERM did not stop the simulator cleanly within 10 s");
        Assert.Contains("RX frames", output.Substring(output.IndexOf("usernet: forward", StringComparison.Ordinal)), "no final report after SIGTERM");
        Assert.Contains("usernet: forward 127.0.0.1:" + port + " -> 198.18.0.2:80", output);
    }

    [TestMethod]
    public void SimulatorRefusesForwardOnVirtualTime()
    {
        string dll = SimulatorDll();
        Assert.IsTrue(File.Exists(dll), "build boards/Simulator first: " + dll);
        int code = NetNamespace.Run("dotnet", "\"" + dll + "\" --virtual-time --forward 8080:80 --no-console --run-ms 100", 30_000, out string output);
        Assert.AreEqual(2, code, output);
        Assert.Contains("--forward needs wall-clock time", output);
        code = NetNamespace.Run("dotnet", "\"" + dll + "\" --forward 80 --no-console --run-ms 100", 30_000, out output);
        Assert.AreEqual(2, code, output);
        Assert.Contains("[tcp:]HOSTPORT:BOARDPORT", output);
    }

    /// <summary>The Simulator built in the same configuration as these tests.</summary>
    private static string SimulatorDll()
    {
        string configuration = new DirectoryInfo(Path.GetDirectoryName(typeof(SimulatorProcessTests).Assembly.Location)!).Parent!.Name;
        return Path.Combine(GateHarness.RepoRoot, "boards", "Simulator", "bin", "Simulator", configuration, "net10.0", "NanoIP.Simulator.dll");
    }
}
