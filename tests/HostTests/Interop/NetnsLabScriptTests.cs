using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// The newcomer walkthrough, boards/Simulator/netns-lab.sh, run as a user runs it: unprivileged, it makes its
/// own namespace, TAP, dnsmasq and nc listener and starts the Simulator with the console on its stdin/stdout.
/// The test types a console session line by line (each after the previous prompt: a running command discards
/// typed input, as on the serial port), checks what the user would see, then presses Ctrl-C (SIGINT) and
/// checks the script stopped everything it started.
/// </summary>
[TestClass]
public class NetnsLabScriptTests
{
    private const string Prompt = "nanoip> ";
    private const int ListenerPort = 7007;

    [TestMethod]
    public void NetnsLabScriptGivesANewcomerALeasePingAndAnEstablishedConnection()
    {
        if (NetNamespace.Inside) Assert.SkipTest("runs outside: the script makes its own namespace");
        string repo = RepoRoot();
        string script = Path.Combine(repo, "boards", "Simulator", "netns-lab.sh");
        Assert.IsTrue(File.Exists(script), script);
        foreach (var (tool, package) in new[] { ("unshare", "util-linux"), ("ip", "iproute2"), ("dnsmasq", "dnsmasq-base"), ("nc", "netcat-openbsd"), ("bash", "bash") })
        {
            if (NetNamespace.FindOnPath(tool) == null) NetNamespace.Unavailable("needs " + tool + " (Debian package " + package + ")");
        }

        if (!VirtualBoard.Wire.TapDevice.Available) NetNamespace.Unavailable("no /dev/net/tun");
        if (NetNamespace.Run("unshare", "-rn true", 10_000, out _) != 0) NetNamespace.Unavailable("unshare -rn is not allowed here (user namespaces off?)");

        // The Simulator nf.proj built beside this test assembly (same configuration), not a second build.
        string configuration = new DirectoryInfo(Path.GetDirectoryName(typeof(NetnsLabScriptTests).Assembly.Location)!).Parent!.Name;
        string simulator = Path.Combine(repo, "boards", "Simulator", "bin", "Simulator", configuration, "net10.0", "NanoIP.Simulator.dll");
        if (!File.Exists(simulator)) NetNamespace.Unavailable("build boards/Simulator first (" + simulator + ")");

        var psi = new ProcessStartInfo("bash", "\"" + script + "\"")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repo,
        };
        psi.Environment["NANOIP_SIMULATOR"] = simulator;
        psi.Environment["DOTNET"] = Environment.ProcessPath;
        psi.Environment["NANOIP_LAB_PORT"] = ListenerPort.ToString();
        using var lab = new LabProcess(Process.Start(psi)!);
        var total = Stopwatch.StartNew();
        try
        {
            Assert.IsTrue(lab.WaitFor(() => lab.Count(Prompt) >= 1, 20_000), "no prompt:\n" + lab.Transcript);

            // "dhcp" until it says bound (a lease takes ~5 s: dnsmasq checks the address for 3 s, the board probes for 2 s).
            string lease = null;
            for (int i = 0; i < 20 && lease == null; i++)
            {
                string shown = lab.Command("dhcp", 5000);
                Match m = Regex.Match(shown, @"dhcp: bound\s+address (198\.18\.0\.(\d+))/24  gateway 198\.18\.0\.1  server 198\.18\.0\.1\s+dns 198\.18\.0\.1");
                if (m.Success && int.Parse(m.Groups[2].Value) is >= 50 and <= 99) lease = m.Groups[1].Value;
                else Thread.Sleep(1000);
            }

            long leaseMs = total.ElapsedMilliseconds;
            Assert.IsNotNull(lease, "no lease from dnsmasq's range:\n" + lab.Transcript);

            string ping = lab.Command("ping -c 3 198.18.0.1", 10_000);
            Assert.Contains("3 packets transmitted, 3 received, 0% packet loss", ping, ping);

            string open = lab.Command("tcp open 198.18.0.1 " + ListenerPort + " hello-from-the-board", 10_000);
            Assert.Contains("connected from " + lease + ":", open, open);
            string send = lab.Command("tcp send second-line", 5000);
            Assert.Contains("sent 13 bytes", send, send);
            string netstat = lab.Command("netstat", 5000);
            Assert.IsTrue(Regex.IsMatch(netstat, @"tcp   ESTAB\s+0\s+\d+\s+" + Regex.Escape(lease) + @":\d+\s+198\.18\.0\.1:" + ListenerPort), netstat);
            // nc, in the namespace, printed both lines the board sent.
            Assert.IsTrue(lab.WaitFor(() => lab.Transcript.Contains("[nc] second-line", StringComparison.Ordinal), 5000), lab.Transcript);
            Assert.Contains("[nc] hello-from-the-board", lab.Transcript);
            Assert.Contains("closed", lab.Command("tcp close", 5000));

            // Ctrl-C: the script stops the Simulator, dnsmasq and nc and removes its files.
            Match dir = Regex.Match(lab.Transcript, @"dnsmasq log (\S+)/dnsmasq\.log");
            Assert.IsTrue(dir.Success, lab.Transcript);
            int code = lab.Interrupt(15_000);
            OutputHelper.WriteLine("lease " + lease + " shown " + leaseMs + " ms after the script started; script ended with " + code + " after "
                + total.ElapsedMilliseconds + " ms\n" + lab.Transcript);
            Assert.AreEqual(130, code, lab.Transcript);
            Assert.IsFalse(Directory.Exists(dir.Groups[1].Value), "the script left " + dir.Groups[1].Value);
            Assert.AreEqual(0, ProcessesMentioning(dir.Groups[1].Value), "dnsmasq still runs");
        }
        catch
        {
            OutputHelper.WriteLine(lab.Transcript);
            throw;
        }
    }

    private static string RepoRoot()
    {
        string dir = Path.GetDirectoryName(typeof(NetnsLabScriptTests).Assembly.Location);
        for (int i = 0; i < 12 && dir != null; i++, dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "nf.proj"))) return dir;
        }

        throw new InvalidOperationException("nf.proj not found above the test assembly");
    }

    /// <summary>Processes whose command line contains text (dnsmasq's names the script's temporary directory).</summary>
    private static int ProcessesMentioning(string text)
    {
        int n = 0;
        foreach (string p in Directory.GetDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(p), out _) && File.ReadAllText(Path.Combine(p, "cmdline")).Contains(text, StringComparison.Ordinal)) n++;
            }
            catch (IOException)
            {
                // gone meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                // not ours
            }
        }

        return n;
    }

    /// <summary>The script with its stdout and stderr collected as they come, and a console typed one line per prompt.</summary>
    private sealed class LabProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _text = new();
        private readonly Task _out;
        private readonly Task _err;

        public LabProcess(Process process)
        {
            _process = process;
            _out = Task.Run(() => Pump(process.StandardOutput));
            _err = Task.Run(() => Pump(process.StandardError));
        }

        public string Transcript
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public int Count(string s) => Regex.Matches(Transcript, Regex.Escape(s)).Count;

        public bool WaitFor(Func<bool> condition, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                if (condition()) return true;
                if (_process.HasExited) return condition();
                Thread.Sleep(20);
            }

            return condition();
        }

        /// <summary>Types line and Enter, waits for the next prompt; returns what was printed in between.</summary>
        public string Command(string line, int timeoutMs)
        {
            int prompts = Count(Prompt);
            int mark = Transcript.Length;
            _process.StandardInput.Write(line + "\n");
            _process.StandardInput.Flush();
            Assert.IsTrue(WaitFor(() => Count(Prompt) > prompts, timeoutMs), "'" + line + "' did not finish in " + timeoutMs + " ms:\n" + Transcript);
            return Transcript[mark..];
        }

        /// <summary>SIGINT to the script, as Ctrl-C in its terminal; returns its exit code (-1 when it had to be killed).</summary>
        public int Interrupt(int timeoutMs)
        {
            NetNamespace.Run("kill", "-INT " + _process.Id, 5000, out _);
            if (!_process.WaitForExit(timeoutMs)) return -1;
            Task.WaitAll(new[] { _out, _err }, 5000);
            return _process.ExitCode;
        }

        private void Pump(StreamReader reader)
        {
            var buf = new char[1024];
            int n;
            while ((n = reader.Read(buf, 0, buf.Length)) > 0)
            {
                lock (_text) _text.Append(buf, 0, n);
            }
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }

            _process.WaitForExit(5000);
            _process.Dispose();
        }
    }
}
