using System.Diagnostics;
using System.Text;
using nanoFramework.TestFramework;

namespace NanoIP.HostTests.SubsetGate
{
    /// <summary>
    /// The proof that the gate is live in the real build: a throw-away project that imports
    /// Directory.Device.props, built by `dotnet build` as a child process, fails on List&lt;int&gt;
    /// with NF0001 and builds once the file is clean.
    /// </summary>
    [TestClass]
    public class GateBuildTests
    {
        private const int BuildTimeoutSeconds = 180;

        [TestMethod]
        public void DeviceBuildFailsOnGenericsAndPassesWhenClean()
        {
            string root = GateHarness.RepoRoot;
            // Outside the repo (the gate skips anything under obj/), tied to it by a Directory.Build.props.
            string dir = Path.Combine(Path.GetTempPath(), "nanoip-gate-e2e-" + Environment.ProcessId);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }

            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "Directory.Build.props"),
                    "<Project>\n  <Import Project=\"" + Path.Combine(root, "Directory.Build.props") + "\" />\n</Project>\n");
                File.WriteAllText(Path.Combine(dir, "GateProbe.Host.csproj"), @"<Project Sdk=""Microsoft.NET.Sdk"">
  <Import Project=""$(RepoRoot)Directory.Device.props"" />
  <PropertyGroup>
    <AssemblyName>GateProbe</AssemblyName>
  </PropertyGroup>
</Project>
");
                string device = Path.Combine(dir, "Probe.cs");
                File.WriteAllText(device, "namespace GateProbe\n{\n    public class Probe\n    {\n        private System.Collections.Generic.List<int> _items;\n    }\n}\n");

                (int exit, string output) = Build(dir);
                Assert.AreNotEqual(0, exit, "a device file with List<int> must not build:\n" + output);
                Assert.IsTrue(output.Contains("error NF0001"), "the gate's id in the build output:\n" + output);
                Assert.IsTrue(output.Contains("Probe.cs(5,"), "pointing at the line:\n" + output);

                File.WriteAllText(device, "namespace GateProbe\n{\n    public class Probe\n    {\n        private byte[] _items = new byte[4];\n    }\n}\n");
                (exit, output) = Build(dir);
                Assert.AreEqual(0, exit, "the clean file builds:\n" + output);
                Assert.IsFalse(output.Contains("error NF"), output);
            }
            finally
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private static (int Exit, string Output) Build(string dir)
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "build", "GateProbe.Host.csproj", "-nologo", "-tl:off", "-v:minimal", "-nodeReuse:false", "-p:UseSharedCompilation=false" })
            {
                psi.ArgumentList.Add(arg);
            }

            // The analyzer is already built (this assembly references it): do not rebuild it concurrently.
            psi.ArgumentList.Add("-p:BuildProjectReferences=false");

            // A worktree nested below the usual layout has no ../shared beside it: point at the list the tests use.
            string defaultFacts = Path.Combine(Path.GetDirectoryName(GateHarness.RepoRoot), "shared", "facts", "nanoframework-api.txt");
            if (!File.Exists(defaultFacts))
            {
                psi.ArgumentList.Add("-p:SharedFacts=" + Path.GetDirectoryName(GateHarness.ApiListPath) + Path.DirectorySeparatorChar);
            }

            // Started from a test inside an MSBuild Exec: do not inherit the parent build's MSBuild settings.
            foreach (string key in psi.Environment.Keys.ToArray())
            {
                if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("MSBuild", StringComparison.Ordinal))
                {
                    psi.Environment.Remove(key);
                }
            }

            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";

            var output = new StringBuilder();
            using var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
            var clock = Stopwatch.StartNew();
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(BuildTimeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10000);
                Assert.IsTrue(false, "dotnet build did not finish in " + BuildTimeoutSeconds + " s:\n" + output);
            }

            process.WaitForExit(); // drains the output readers
            OutputHelper.WriteLine("dotnet build took " + clock.Elapsed.TotalSeconds.ToString("F1") + " s, exit " + process.ExitCode);
            lock (output)
            {
                return (process.ExitCode, output.ToString());
            }
        }
    }
}
