using System.Diagnostics;
using nanoFramework.TestFramework;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// dnsmasq (Debian dnsmasq-base) as the DHCP and DNS server on a TAP, a child process of the test inside its
/// namespace, configured on the command line only (no /etc/dnsmasq.conf, no /etc/hosts, no upstream servers):
/// DHCP range 198.18.0.50–99/24 with 2-minute leases (dnsmasq's minimum), router and DNS = the TAP's
/// 198.18.0.1; names: board-test.lan → 198.18.0.7 (--address), peer.lan → 198.18.0.1 with TTL 30
/// (--host-record), and every other *.lan answered NXDOMAIN (--local=/lan/). The log goes to a file the test
/// reads while dnsmasq runs. --user=root: dnsmasq would switch to 'nobody', which a user namespace that maps
/// only root cannot become. Disposing stops it and removes its files.
/// </summary>
public sealed class Dnsmasq : IDisposable
{
    public const string RangeStart = "198.18.0.50";
    public const string RangeEnd = "198.18.0.99";
    public const string ServerAddress = "198.18.0.1";
    public const int PeerTtlSeconds = 30;

    private readonly ChildProcess _process;
    private readonly string _dir;

    private Dnsmasq(ChildProcess process, string dir)
    {
        _process = process;
        _dir = dir;
    }

    public string LeaseFile => Path.Combine(_dir, "leases");

    public string LogFile => Path.Combine(_dir, "log");

    /// <summary>The arguments every test uses, with the temporary files under <paramref name="dir"/>.</summary>
    public static string Arguments(string tap, string dir) =>
        "--no-daemon --conf-file=/dev/null --interface=" + tap + " --bind-interfaces"
        + " --dhcp-range=" + RangeStart + "," + RangeEnd + ",255.255.255.0,2m"
        + " --dhcp-leasefile=" + Path.Combine(dir, "leases") + " --pid-file=" + Path.Combine(dir, "pid")
        + " --port=53 --no-resolv --no-hosts --local=/lan/"
        + " --address=/board-test.lan/198.18.0.7 --host-record=peer.lan," + ServerAddress + "," + PeerTtlSeconds
        + " --user=root --log-dhcp --log-queries --log-facility=" + Path.Combine(dir, "log");

    /// <summary>Starts dnsmasq on <paramref name="tap"/> (the TAP already has 198.18.0.1/24) and waits until it serves.</summary>
    public static Dnsmasq Start(string tap, string extraArguments = "")
    {
        string exe = NetNamespace.RequireTool("dnsmasq", "dnsmasq-base");
        string dir = Directory.CreateTempSubdirectory("nanoip-dnsmasq-").FullName;
        var process = ChildProcess.Start(exe, Arguments(tap, dir) + " " + extraArguments);
        var d = new Dnsmasq(process, dir);
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 10_000 && !d.Log.Contains("DHCP, sockets bound", StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                process.WaitForExit(1000, out string output);
                d.Dispose();
                throw new InvalidOperationException("dnsmasq exited at start:\n" + output);
            }

            Thread.Sleep(20);
        }

        if (!d.Log.Contains("DHCP, sockets bound", StringComparison.Ordinal))
        {
            string log = d.Log;
            d.Dispose();
            throw new InvalidOperationException("dnsmasq did not start within 10 s:\n" + log);
        }

        return d;
    }

    /// <summary>dnsmasq's log so far.</summary>
    public string Log => ReadShared(LogFile);

    /// <summary>The lease file as dnsmasq last wrote it ("expiry mac ip hostname client-id" per line).</summary>
    public string Leases => ReadShared(LeaseFile);

    /// <summary>The lease file's line for <paramref name="mac"/> (lower-case aa:bb:..), null when none.</summary>
    public string LeaseLine(string mac) =>
        Leases.Split('\n').FirstOrDefault(l => l.Split(' ').Length > 2 && l.Split(' ')[1] == mac);

    /// <summary>How many log lines contain <paramref name="text"/>.</summary>
    public int CountInLog(string text) => Log.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits up to timeoutMs for <paramref name="condition"/>; true when it held.</summary>
    public static bool WaitUntil(Func<bool> condition, int timeoutMs)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }

        return condition();
    }

    private static string ReadShared(string path)
    {
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var r = new StreamReader(f);
            return r.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
            // best effort: a temporary directory
        }
    }
}
