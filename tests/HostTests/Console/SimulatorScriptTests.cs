using System.Text;
using nanoFramework.TestFramework;
using NanoIP.HostTests.Interop;
using NanoIP.HostTests.SubsetGate;

namespace NanoIP.HostTests.Console;

/// <summary>
/// The console end to end: the built Simulator as a child process, a script of console lines on
/// its stdin, and the output of every command checked. Runs use --virtual-time --hold-at-prompt
/// (board time moves only while a command runs or after stdin closes), so every run prints the
/// same times; --run-ms ends the process after stdin closed. In-process command tests live in
/// tests/UnitTests/Console; these check what a user of the Simulator sees.
/// </summary>
[TestClass]
public class SimulatorScriptTests
{
    private const string Prompt = "nanoip> ";
    private const string VirtualArgs = "--virtual-time --hold-at-prompt --run-ms 120000";

    private static string SimulatorDll()
    {
        // tests/HostTests/bin/NanoIP.HostTests/<Configuration>/net10.0/NanoIP.HostTests.dll: the same configuration of the Simulator.
        string configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(SimulatorScriptTests).Assembly.Location)));
        string dll = Path.Combine(GateHarness.RepoRoot, "boards", "Simulator", "bin", "Simulator", configuration, "net10.0", "NanoIP.Simulator.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException("build boards/Simulator first (nf.proj does): no " + dll);
        return dll;
    }

    /// <summary>Starts the Simulator with args, writes script (bytes as they are) and closes stdin; returns everything it printed.</summary>
    private static string Run(string args, string script, int timeoutMs = 60_000)
    {
        using ChildProcess p = ChildProcess.Start(Environment.ProcessPath, "\"" + SimulatorDll() + "\" " + args, null, redirectInput: true);
        Stream stdin = p.Input.BaseStream;
        stdin.Write(Encoding.Latin1.GetBytes(script));
        stdin.Flush();
        p.Input.Close();
        int code = p.WaitForExit(timeoutMs, out string output);
        OutputHelper.WriteLine(output);
        Assert.AreEqual(0, code, "Simulator exit code; output:\n" + output);
        return output;
    }

    /// <summary>One command as the terminal shows it: what the editor echoed, and the lines printed before the next prompt.</summary>
    private sealed record Turn(string Echo, string[] Lines)
    {
        public string Text => string.Join("\n", Lines);
    }

    /// <summary>The boot banner, then one Turn per prompt (the last one holds what is printed after stdin closed).</summary>
    private static (string Banner, List<Turn> Turns) Split(string output)
    {
        string[] parts = output.Split(Prompt);
        var turns = new List<Turn>();
        for (int i = 1; i < parts.Length; i++)
        {
            string part = parts[i];
            int eol = part.IndexOf('\n');
            string echo = eol < 0 ? part : part[..eol];
            string rest = eol < 0 ? "" : part[(eol + 1)..];
            string[] lines = rest.Length == 0 ? Array.Empty<string>() : rest.TrimEnd('\n').Split('\n');
            turns.Add(new Turn(echo, lines));
        }

        return (parts[0], turns);
    }

    /// <summary>Runs the script's lines (one command each) and returns one Turn per line, checking each echo.</summary>
    private static List<Turn> Session(string args, params string[] lines)
    {
        string output = Run(args, string.Concat(lines.Select(l => l + "\n")));
        var (banner, turns) = Split(output);
        Assert.StartsWith("NanoIP on virtual ESP32 + ENC28J60 model\n", banner);
        Assert.IsTrue(turns.Count >= lines.Length, "fewer prompts than lines:\n" + output);
        for (int i = 0; i < lines.Length; i++) Assert.AreEqual(lines[i], turns[i].Echo, "echo of line " + i);
        return turns;
    }

    private static readonly string[] Commands =
        { "help", "ifconfig", "ip", "arp", "ping", "netstat", "tcp", "udp", "stats", "enc", "mem", "log", "reboot", "dhcp", "resolve", "service" };

    [TestMethod]
    public void HelpListsEveryCommandAndEachHasItsHelp()
    {
        var lines = new List<string> { "help" };
        foreach (string c in Commands)
        {
            lines.Add(c + " --help");
            lines.Add("help " + c);
        }

        List<Turn> t = Session(VirtualArgs, lines.ToArray());
        Assert.AreEqual("commands ('help COMMAND' or 'COMMAND --help' for details):", t[0].Lines[0]);
        string[] listed = t[0].Lines.Skip(1).Select(l => l.Trim().Split(' ')[0]).ToArray();
        Assert.AreEqual(string.Join(",", Commands), string.Join(",", listed));
        for (int i = 0; i < Commands.Length; i++)
        {
            Turn dashHelp = t[1 + 2 * i], help = t[2 + 2 * i];
            Assert.StartsWith("usage: " + Commands[i], dashHelp.Lines[0]);
            Assert.AreEqual(dashHelp.Text, help.Text, Commands[i]);
            string summary = t[0].Lines[1 + i].Substring(12);
            Assert.IsTrue(dashHelp.Lines.Contains(summary), Commands[i] + ": the summary from the list is in its help");
        }
    }

    [TestMethod]
    public void InterfaceAddressArpAndCounters()
    {
        List<Turn> t = Session(VirtualArgs,
            "ifconfig", "ip", "ip set 198.18.0.7/24 198.18.0.1", "ip dns 198.18.0.53", "ip", "ifconfig",
            "arp", "arp add 198.18.0.9 02:00:00:00:00:09", "arp show", "arp del 198.18.0.9", "arp add 198.18.0.10 02:00:00:00:00:0a", "arp flush", "arp",
            "stats", "stats tcp", "enc", "mem", "log", "log debug", "log", "dhcp", "dhcp show");
        Assert.AreEqual("eth0: flags=67<UP,BROADCAST,RUNNING>  mtu 1500", t[0].Lines[0]);
        Assert.AreEqual("        inet 198.18.0.2  netmask 255.255.255.0  broadcast 198.18.0.255", t[0].Lines[1]);
        Assert.AreEqual("        ether 02:4e:49:50:00:01  link up  (Ethernet)", t[0].Lines[3]);
        Assert.AreEqual("    inet 198.18.0.2/24 brd 198.18.0.255 scope global eth0", t[1].Lines[2]);
        Assert.AreEqual(0, t[2].Lines.Length);
        Assert.AreEqual(0, t[3].Lines.Length);
        Assert.AreEqual("    inet 198.18.0.7/24 brd 198.18.0.255 scope global eth0", t[4].Lines[2]);
        Assert.Contains("default via 198.18.0.1", t[4].Text);
        Assert.Contains("nameserver 198.18.0.53", t[4].Text);
        Assert.AreEqual("        inet 198.18.0.7  netmask 255.255.255.0  broadcast 198.18.0.255", t[5].Lines[1]);
        Assert.AreEqual("        gateway 198.18.0.1  dns 198.18.0.53", t[5].Lines[2]);

        Assert.AreEqual("Address          HWaddress          State       Age", t[6].Lines[0]);
        Assert.AreEqual(0, t[7].Lines.Length);
        Assert.AreEqual("198.18.0.9       02:00:00:00:00:09  PERMANENT   -", t[8].Lines.Single(l => l.StartsWith("198.18.0.9 ")));
        Assert.AreEqual(0, t[9].Lines.Length);
        Assert.AreEqual(0, t[11].Lines.Length);
        Assert.IsFalse(t[12].Text.Contains("198.18.0.9 "), "deleted entry gone");
        Assert.Contains("198.18.0.10      02:00:00:00:00:0a  PERMANENT", t[12].Text); // Flush keeps permanent entries (ip neigh flush).

        foreach (string layer in new[] { "Ip:", "Icmp:", "Udp:", "Tcp:" }) Assert.Contains(layer, t[13].Text);
        Assert.AreEqual("Tcp:", t[14].Lines[0]);
        Assert.Contains("    0 active connection openings", t[14].Text);
        Assert.StartsWith("ENC28J60 rev 0x06 (B7), full duplex, link up", t[15].Lines[0]);
        Assert.Contains("errata workarounds: #2", t[15].Text);
        Assert.AreEqual("footprint (bytes allocated at start-up):", t[16].Lines[0]);
        Assert.Contains("heap free: unknown", t[16].Text);
        Assert.AreEqual("log level: warn", t[17].Lines.Single());
        Assert.AreEqual("log level: debug", t[18].Lines.Single());
        Assert.AreEqual("log level: debug", t[19].Lines.Single());
        Assert.AreEqual("dhcp: stopped", t[20].Lines[0]);
        Assert.AreEqual(t[20].Text, t[21].Text);
    }

    [TestMethod]
    public void PingTcpUdpAndResolveWithoutAPeer()
    {
        // No peer on the board's wire: its own address has no route (no loopback in the stack), 198.18.0.99 never answers ARP.
        string script = "ping -c 1 198.18.0.2\nping -c 2 198.18.0.99\ntcp connect 198.18.0.2 7\ntcp connect 198.18.0.99 7\n"
            + "tcp listen 7000\n\x03netstat\nnetstat -l\nudp listen 7001\n\x03udp send 198.18.0.2 9 hello\nresolve example.com\nping -c 1 nosuch.example\n";
        var (_, t) = Split(Run(VirtualArgs + " --services echo", script));
        Assert.AreEqual("ping: connect: Network is unreachable", t[0].Lines.Single());
        Assert.AreEqual(string.Join("\n", new[]
        {
            "PING 198.18.0.99 (198.18.0.99) 56(84) bytes of data.",
            "no answer yet for icmp_seq=1",
            "From 198.18.0.2 icmp_seq=2 Destination Host Unreachable",
            "",
            "--- 198.18.0.99 ping statistics ---",
        }), string.Join("\n", t[1].Lines.Take(t[1].Lines.Length - 1)));
        // The time is ping's own measure of the run (3 s, +-1 ms for where the wire's events fall).
        Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(t[1].Lines[^1], "^2 packets transmitted, 0 received, \\+1 errors, 100% packet loss, time 300[01]ms$"), t[1].Lines[^1]);
        Assert.AreEqual("tcp: connect: Network is unreachable", t[2].Lines.Single());
        // ARP for .99 failed during the ping and is held failed (NetConfig.ArpFailedHoldMs): connect fails at once.
        Assert.AreEqual("tcp: connect: No route to host", t[3].Lines.Single());
        Assert.AreEqual("listening on 0.0.0.0:7000", t[4].Lines[0]);
        Assert.AreEqual("^C", t[4].Lines[1]);
        Assert.AreEqual("netstat", t[5].Echo);
        Assert.AreEqual("Netid State      Recv-Q Send-Q Local Address:Port     Peer Address:Port", t[5].Lines[0]);
        Assert.AreEqual("tcp   LISTEN     0      2      0.0.0.0:7              0.0.0.0:*", t[6].Lines.Single(l => l.Contains(":7 ")));
        Assert.IsFalse(t[6].Text.Contains(":7000"), "tcp listen's socket closed on Ctrl-C");
        Assert.AreEqual(string.Join("\n", new[] { "listening on 0.0.0.0:7001", "^C" }), t[7].Text);
        Assert.AreEqual("udp: send: Network is unreachable", t[8].Lines.Single());
        Assert.AreEqual("resolve: example.com: no DNS server", t[9].Lines.Single());
        Assert.AreEqual("ping: nosuch.example: Temporary failure in name resolution", t[10].Lines.Single()); // iputils' text when no server answers.
    }

    [TestMethod]
    public void ServiceCommandStartsAndStopsListeners()
    {
        List<Turn> t = Session(VirtualArgs + " --services echo",
            "service", "service enable http discard", "service list", "netstat -l", "service enable http",
            "service disable all", "netstat -l", "service disable echo", "service enable all", "service enable gopher",
            "service enable", "service frob", "service list extra", "service");
        Assert.AreEqual(string.Join("\n", new[]
        {
            "service  ports     state     conns  accepted",
            "echo     7         running   0/2    0",
            "discard  9,5001    disabled  0/2    0",
            "chargen  19        disabled  0/2    0",
            "http     80        disabled  0/2    0",
        }), t[0].Text);
        Assert.AreEqual(string.Join("\n", new[] { "discard: listening on 9,5001", "http: listening on 80" }), t[1].Text);
        Assert.AreEqual("discard  9,5001    running   0/2    0", t[2].Lines[2]);
        Assert.AreEqual("http     80        running   0/2    0", t[2].Lines[4]);
        Assert.AreEqual(5, t[3].Lines.Length); // Header and the listeners 7, 9, 5001, 80.
        foreach (string port in new[] { ":7 ", ":9 ", ":5001 ", ":80 " }) Assert.Contains(port, t[3].Text);
        Assert.AreEqual("http: already running", t[4].Lines.Single());
        Assert.AreEqual(string.Join("\n", new[]
        {
            "echo: disabled, 0 connections closed",
            "discard: disabled, 0 connections closed",
            "chargen: already disabled",
            "http: disabled, 0 connections closed",
        }), t[5].Text);
        Assert.AreEqual(1, t[6].Lines.Length);
        Assert.AreEqual("echo: already disabled", t[7].Lines.Single());
        Assert.AreEqual(4, t[8].Lines.Count(l => l.Contains(": listening on ")));
        Assert.AreEqual("service: unknown service 'gopher' (echo, discard, chargen, http, all)", t[9].Lines[0]);
        Assert.AreEqual("usage: service [list]", t[9].Lines[1]);
        Assert.AreEqual("service: enable needs a service NAME", t[10].Lines[0]);
        Assert.AreEqual("service: unknown sub-command 'frob'", t[11].Lines[0]);
        Assert.AreEqual("service: unexpected argument 'extra'", t[12].Lines[0]);
        Assert.AreEqual(4, t[13].Lines.Count(l => l.Contains(" running ")), "the wrong lines changed nothing");
    }

    [TestMethod]
    public void RebootBootsAFreshFirmwareWithTheSameOptions()
    {
        string output = Run(VirtualArgs + " --services echo --ip 198.18.0.5/24",
            "ip set 198.18.0.77/24\nlog debug\nservice enable http\nreboot\nifconfig\nlog\nservice\n");
        Assert.AreEqual(2, output.Split("NanoIP on virtual ESP32 + ENC28J60 model\n").Length - 1, "two boot banners");
        Assert.AreEqual(2, output.Split("services: echo 7\n").Length - 1);
        var (_, t) = Split(output);
        Assert.AreEqual("reboot", t[3].Echo);
        Assert.AreEqual("rebooting...", t[3].Lines.Single());
        Assert.AreEqual("", t[4].Echo); // The old console's last prompt, then the new boot's banner.
        Assert.Contains("      inet 198.18.0.5/24", t[4].Text);
        Assert.AreEqual("ifconfig", t[5].Echo);
        Assert.AreEqual("        inet 198.18.0.5  netmask 255.255.255.0  broadcast 198.18.0.255", t[5].Lines[1]);
        Assert.AreEqual("log level: warn", t[6].Lines.Single());
        Assert.AreEqual("http     80        disabled  0/2    0", t[7].Lines[4]);
        Assert.AreEqual("echo     7         running   0/2    0", t[7].Lines[1]);
    }

    [TestMethod]
    public void WrongCommandsAndArgumentsPrintOneErrorAndTheUsageAndChangeNothing()
    {
        string[] snapshot = { "ip", "arp", "log", "service", "netstat" };
        string[] wrong =
        {
            "log loud", "ip set 1.2.3", "ip set 198.18.0.9/40", "arp add 198.18.0.9 zz", "arp del", "ping", "ping 198.18.0.9 -c 0",
            "netstat -x", "tcp", "tcp listen 0", "tcp connect 198.18.0.9", "udp send 198.18.0.9 70000 x", "udp listen",
            "stats foo", "enc x", "mem x", "dhcp frob", "resolve", "reboot now", "ifconfig x", "help nosuch", "service enable nope",
        };
        List<Turn> t = Session(VirtualArgs + " --services echo", snapshot.Concat(wrong).Concat(snapshot).Append("frobnicate").ToArray());
        for (int i = 0; i < snapshot.Length; i++)
        {
            Assert.AreEqual(t[i].Text, t[snapshot.Length + wrong.Length + i].Text, snapshot[i] + " changed");
        }

        for (int i = 0; i < wrong.Length; i++)
        {
            Turn w = t[snapshot.Length + i];
            string name = wrong[i].Split(' ')[0];
            Assert.StartsWith(name + ": ", w.Lines[0], wrong[i]);
            Assert.StartsWith("usage: " + name, w.Lines[1], wrong[i]);
            Assert.IsTrue(w.Lines.Skip(2).All(l => l.StartsWith("       " + name)), wrong[i] + ": nothing but the usage after the error");
        }

        Assert.AreEqual("frobnicate: command not found (type 'help' for the list)", t[^2].Lines.Single());
    }

    [TestMethod]
    public void LineEditingBackspaceHistoryAndCtrlU()
    {
        // DEL and BS erase, ESC [ A recalls the previous line, Ctrl-U clears, CRLF ends a line once.
        string output = Run(VirtualArgs, "ifconfgi\x7f\x7fig\nlog debug\r\n\x1b[A\x1b[A\nxyz\x08\x08\x08log\ngarbage\x15log\n\x1b[A\x1b[B\n");
        var (_, t) = Split(output);
        Assert.AreEqual("ifconfgi\b \b\b \big", t[0].Echo);
        Assert.AreEqual("eth0: flags=67<UP,BROADCAST,RUNNING>  mtu 1500", t[0].Lines[0]);
        Assert.AreEqual("log level: debug", t[1].Lines.Single());
        Assert.AreEqual("eth0: flags=67<UP,BROADCAST,RUNNING>  mtu 1500", t[2].Lines[0]); // Two lines back: ifconfig.
        Assert.AreEqual("log level: debug", t[3].Lines.Single());
        Assert.AreEqual("log level: debug", t[4].Lines.Single());
        Assert.AreEqual(0, t[5].Lines.Length); // Up then down: back to the empty line, nothing runs.
        Assert.AreEqual(7, t.Count); // Six lines and the prompt after them: CRLF was one line end.
    }

    [TestMethod]
    public void RealTimeRunReadsTheScriptToo()
    {
        // Wall-clock time: the console reads stdin the same way; the run ends after 3 s.
        var (banner, t) = Split(Run("--run-ms 3000 --services http", "service\nip\n", 30_000));
        Assert.Contains("services: http 80", banner);
        Assert.AreEqual("http     80        running   0/2    0", t[0].Lines[4]);
        Assert.AreEqual("    inet 198.18.0.2/24 brd 198.18.0.255 scope global eth0", t[1].Lines[2]);
    }
}
