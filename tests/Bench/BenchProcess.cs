using System.Diagnostics;

namespace NanoIP.Bench;

/// <summary>Runs an external program with a time limit; kills it (and its children) when the limit passes.</summary>
public static class BenchProcess
{
    /// <summary>The exit code (-1 when it had to be killed), stdout and stderr.</summary>
    public static int Run(string file, IEnumerable<string> arguments, int timeoutMs, out string stdout, out string stderr,
        IDictionary<string, string> env = null, Action<string> onStdoutLine = null)
    {
        var psi = new ProcessStartInfo(FindOnPath(file) ?? file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) psi.ArgumentList.Add(a);
        if (env != null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;

        var output = new System.Text.StringBuilder();
        var errors = new System.Text.StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (output) output.AppendLine(e.Data);
            onStdoutLine?.Invoke(e.Data);
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null) lock (errors) errors.AppendLine(e.Data);
        };
        p.Start();
        p.StandardInput.Close();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        bool exited = p.WaitForExit(timeoutMs);
        if (!exited)
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // gone meanwhile
            }
        }

        p.WaitForExit(5000); // also drains the redirected streams
        lock (output) stdout = output.ToString();
        lock (errors) stderr = (exited ? "" : "killed after " + timeoutMs + " ms\n") + errors;
        return exited ? p.ExitCode : -1;
    }

    public static int Run(string file, string arguments, int timeoutMs, out string stdout, out string stderr) =>
        Run(file, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), timeoutMs, out stdout, out stderr);

    /// <summary>Runs a command (10 s at most) and throws with its output unless it exited 0.</summary>
    public static void Check(string file, string arguments)
    {
        int code = Run(file, arguments, 10_000, out string stdout, out string stderr);
        if (code != 0) throw new InvalidOperationException(file + " " + arguments + " exited " + code + ": " + stdout + stderr);
    }

    public static string FindOnPath(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" }))
        {
            if (dir.Length == 0) continue;
            string p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }

        return null;
    }
}
