using System.Diagnostics;
using System.Reflection;
using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Tests that send real traffic do it only inside a network namespace they create: an outer test starts the
/// test runner again under "unshare -rn" (a user and network namespace of our own, no root needed), filtered to
/// its inner half, whose name is the outer name + <see cref="InnerSuffix"/>. Outside, the inner half skips.
///
/// Under CI (CI=true) a missing capability or tool fails the test instead of skipping it: CI installs the tools,
/// and an interop suite that quietly skips everything proves nothing.
/// </summary>
public static class NetNamespace
{
    public const string InnerSuffix = "InsideNamespace";
    private const string InsideVariable = "NANOIP_NETNS_INSIDE";

    public static bool Inside => Environment.GetEnvironmentVariable(InsideVariable) == "1";

    private static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (fails under CI) with the reason.</summary>
    public static void Unavailable(string reason)
    {
        if (UnderCi) throw new InvalidOperationException("CI must run this test, but " + reason);
        Assert.SkipTest(reason);
    }

    /// <summary>The outer half: runs <paramref name="innerTest"/> in a fresh namespace and asserts it passed.</summary>
    public static void RunInside(string innerTest, int timeoutSeconds = 120)
    {
        if (!innerTest.EndsWith(InnerSuffix, StringComparison.Ordinal)) throw new ArgumentException("inner test names end with " + InnerSuffix);
        if (!TapDevice.Available) Unavailable("no /dev/net/tun");
        string unshare = FindOnPath("unshare");
        if (unshare == null || FindOnPath("ip") == null) Unavailable("needs unshare and ip (util-linux, iproute2)");
        if (Run(unshare, "-rn true", 10_000, out _) != 0) Unavailable("unshare -rn is not allowed here (user namespaces off?)");

        string runner = Assembly.GetEntryAssembly()?.Location;
        string tests = typeof(NetNamespace).Assembly.Location;
        if (string.IsNullOrEmpty(runner) || Environment.ProcessPath == null) Unavailable("cannot find the test runner to start again");

        // The inner run takes only its own filter, not the outer run's.
        var env = new Dictionary<string, string> { [InsideVariable] = "1", ["NANOIP_TEST_FILTER"] = "" };
        string args = "-rn \"" + Environment.ProcessPath + "\" \"" + runner + "\" --timeout " + timeoutSeconds + " --filter " + innerTest + " \"" + tests + "\"";
        int code = Run(unshare, args, (timeoutSeconds + 30) * 1000, out string output, env);
        OutputHelper.WriteLine(output);
        Assert.AreEqual(0, code, "inner run failed:\n" + output);
        Assert.Contains("1 passed, 0 failed, 0 skipped", output, "the inner test did not pass:\n" + output);
    }

    /// <summary>The inner half's first line: skips unless inside the namespace its outer half made.</summary>
    public static void RequireInside()
    {
        if (!Inside) Assert.SkipTest("runs only inside the namespace its outer test creates");
        Run("ip", "link set lo up", 5000, out _);
    }

    /// <summary>The path of a tool the test needs (inside only); skips, or fails under CI, when it is missing.</summary>
    public static string RequireTool(string name, string debianPackage)
    {
        string path = FindOnPath(name);
        if (path == null) Unavailable("needs " + name + " (Debian package " + debianPackage + ")");
        return path;
    }

    /// <summary>Creates and holds a TAP in this namespace with <paramref name="cidr"/> on the kernel side, up (for a lab that uses the handle).</summary>
    public static TapDevice CreateTap(string name, string cidr)
    {
        if (!Inside) throw new InvalidOperationException("a TAP is created only inside the test's own namespace");
        TapDevice tap = TapDevice.Open(name);
        try
        {
            Check("ip", "addr add " + cidr + " dev " + tap.Name);
            Check("ip", "link set " + tap.Name + " up");
            return tap;
        }
        catch
        {
            tap.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A persistent TAP made with ip(8), <paramref name="cidr"/> on the kernel side, up, for a board that opens it
    /// by name (TapBoard, the Simulator): a second TUNSETIFF on a TAP whose creator still holds it open fails with
    /// EBUSY, so <see cref="CreateTap"/>'s device cannot be shared. It goes with the namespace.
    /// </summary>
    public static void CreatePersistentTap(string name, string cidr)
    {
        if (!Inside) throw new InvalidOperationException("a TAP is created only inside the test's own namespace");
        Check("ip", "tuntap add dev " + name + " mode tap");
        Check("ip", "addr add " + cidr + " dev " + name);
        Check("ip", "link set " + name + " up");
    }

    /// <summary>Runs a command (10 s at most) and asserts it exited 0.</summary>
    public static string Check(string file, string arguments, int timeoutMs = 10_000)
    {
        int code = Run(file, arguments, timeoutMs, out string output);
        Assert.AreEqual(0, code, file + " " + arguments + ": " + output);
        return output;
    }

    public static string FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }))
        {
            if (dir.Length == 0) continue;
            string p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }

        return null;
    }

    /// <summary>Runs a command with a time limit; returns its exit code (-1 when it had to be killed) and its output.</summary>
    public static int Run(string file, string arguments, int timeoutMs, out string output, Dictionary<string, string> env = null)
    {
        using ChildProcess p = ChildProcess.Start(file, arguments, env);
        return p.WaitForExit(timeoutMs, out output);
    }
}

/// <summary>A process a test started; disposing it kills it (and its children) if it still runs.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ChildProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static ChildProcess Start(string file, string arguments, Dictionary<string, string> env = null, bool redirectInput = false)
    {
        var psi = new ProcessStartInfo(NetNamespace.FindOnPath(file) ?? file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        if (env != null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        return new ChildProcess(Process.Start(psi));
    }

    public StreamWriter Input => _process.StandardInput;

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Waits up to <paramref name="timeoutMs"/>; kills it when it is still running. Returns the exit code, -1 when killed.</summary>
    public int WaitForExit(int timeoutMs, out string output)
    {
        bool exited = _process.WaitForExit(timeoutMs);
        if (!exited) Kill();
        _process.WaitForExit(5000);
        output = (exited ? "" : "killed after " + timeoutMs + " ms\n") + Finish(_stdout) + Finish(_stderr);
        return exited ? _process.ExitCode : -1;
    }

    private static string Finish(Task<string> text) => text.Wait(5000) ? text.Result : "";

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(5000);
        _process.Dispose();
    }
}
