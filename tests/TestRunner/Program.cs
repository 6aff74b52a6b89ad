using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using nanoFramework.TestFramework;

namespace NanoIP.TestRunner;

/// <summary>
/// Runs nanoFramework.TestFramework tests on the host. Usage:
///   NanoIP.TestRunner [--filter TEXT]... [--timeout SECONDS] [--list] ASSEMBLY...
/// Ends with the line "N passed, N failed, N skipped"; exits 1 when a test failed.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var assemblies = new List<string>();
        var filters = new List<string>();
        int timeoutSeconds = 600;
        bool listOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--filter": filters.Add(args[++i]); break;
                case "--timeout": timeoutSeconds = int.Parse(args[++i]); break;
                case "--list": listOnly = true; break;
                default: assemblies.Add(Path.GetFullPath(args[i])); break;
            }
        }

        string envFilter = Environment.GetEnvironmentVariable("NANOIP_TEST_FILTER");
        if (!string.IsNullOrEmpty(envFilter)) filters.AddRange(envFilter.Split(',', StringSplitOptions.RemoveEmptyEntries));

        if (assemblies.Count == 0)
        {
            Console.Error.WriteLine("usage: NanoIP.TestRunner [--filter TEXT] [--timeout S] [--list] ASSEMBLY...");
            return 2;
        }

        var totals = new Totals();
        var wall = Stopwatch.StartNew();
        foreach (string path in assemblies)
        {
            string dir = Path.GetDirectoryName(path)!;
            AssemblyLoadContext.Default.Resolving += (ctx, name) =>
            {
                string candidate = Path.Combine(dir, name.Name + ".dll");
                return File.Exists(candidate) ? ctx.LoadFromAssemblyPath(candidate) : null;
            };
            Assembly asm = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
            foreach (Type type in SafeTypes(asm).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                if (type.GetCustomAttribute<TestClassAttribute>() == null) continue;
                RunClass(type, filters, timeoutSeconds, listOnly, totals);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Ran {totals.Passed + totals.Failed + totals.Skipped} tests in {wall.Elapsed.TotalSeconds:F1} s");
        foreach (string f in totals.FailedNames) Console.WriteLine("  failed: " + f);
        Console.WriteLine($"{totals.Passed} passed, {totals.Failed} failed, {totals.Skipped} skipped");
        Console.Out.Flush();
        // A test that timed out may leave a thread behind: leave without waiting for it.
        Environment.Exit(totals.Failed > 0 ? 1 : 0);
        return 0;
    }

    private sealed class Totals
    {
        public int Passed;
        public int Failed;
        public int Skipped;
        public readonly List<string> FailedNames = new();
    }

    private static IEnumerable<Type> SafeTypes(Assembly asm)
    {
        try { return asm.GetTypes(); }
        catch (ReflectionTypeLoadException e) { return e.Types.Where(t => t != null)!; }
    }

    private static void RunClass(Type type, List<string> filters, int timeoutSeconds, bool listOnly, Totals totals)
    {
        MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .OrderBy(m => m.MetadataToken).ToArray();
        var cases = new List<(string Name, MethodInfo Method, object[] Args)>();
        foreach (MethodInfo m in methods)
        {
            if (m.GetCustomAttribute<TestMethodAttribute>() == null) continue;
            var rows = m.GetCustomAttributes<DataRowAttribute>().ToArray();
            if (rows.Length == 0)
            {
                cases.Add(($"{type.FullName}.{m.Name}", m, Array.Empty<object>()));
            }
            else
            {
                for (int r = 0; r < rows.Length; r++)
                {
                    cases.Add(($"{type.FullName}.{m.Name}({string.Join(", ", rows[r].MethodParameters.Select(Show))})", m, rows[r].MethodParameters));
                }
            }
        }

        cases = cases.Where(c => filters.Count == 0 || filters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();
        if (cases.Count == 0) return;
        if (listOnly)
        {
            foreach (var c in cases) Console.WriteLine(c.Name);
            return;
        }

        object instance = type.IsAbstract && type.IsSealed ? null : Activator.CreateInstance(type, nonPublic: true);
        MethodInfo setup = methods.FirstOrDefault(m => m.GetCustomAttribute<SetupAttribute>() != null);
        MethodInfo cleanup = methods.FirstOrDefault(m => m.GetCustomAttribute<CleanupAttribute>() != null);
        if (setup != null)
        {
            var (ok, skipped, msg, _, _) = Invoke(setup, instance, Array.Empty<object>(), timeoutSeconds);
            if (!ok)
            {
                foreach (var c in cases)
                {
                    if (skipped) { totals.Skipped++; Console.WriteLine($"SKIP {c.Name} (setup: {msg})"); }
                    else { totals.Failed++; totals.FailedNames.Add(c.Name); Console.WriteLine($"FAIL {c.Name} (setup failed: {msg})"); }
                }
                return;
            }
        }

        foreach (var c in cases)
        {
            var (ok, skipped, msg, output, ms) = Invoke(c.Method, instance, c.Args, timeoutSeconds);
            if (ok)
            {
                totals.Passed++;
                Console.WriteLine($"PASS {c.Name} [{ms} ms]");
            }
            else if (skipped)
            {
                totals.Skipped++;
                Console.WriteLine($"SKIP {c.Name}: {msg}");
            }
            else
            {
                totals.Failed++;
                totals.FailedNames.Add(c.Name);
                Console.WriteLine($"FAIL {c.Name} [{ms} ms]: {msg}");
                if (output.Length > 0) Console.WriteLine(Indent(output));
            }
            if (ok && Environment.GetEnvironmentVariable("NANOIP_TEST_VERBOSE") == "1" && output.Length > 0) Console.WriteLine(Indent(output));
        }

        if (cleanup != null)
        {
            var (ok, _, msg, _, _) = Invoke(cleanup, instance, Array.Empty<object>(), timeoutSeconds);
            if (!ok) Console.WriteLine($"WARN {type.FullName} cleanup failed: {msg}");
        }
    }

    private static (bool Ok, bool Skipped, string Message, string Output, long Ms) Invoke(MethodInfo m, object instance, object[] args, int timeoutSeconds)
    {
        bool ok = false, skipped = false;
        string message = "", output = "";
        var sw = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            TestOutput.BeginCapture();
            try
            {
                m.Invoke(m.IsStatic ? null : instance, Convert(m, args));
                ok = true;
            }
            catch (TargetInvocationException tie) when (tie.InnerException is SkipTestException s)
            {
                skipped = true;
                message = s.Message;
            }
            catch (TargetInvocationException tie)
            {
                Exception e = tie.InnerException ?? tie;
                message = e is TestFrameworkShared.AssertFailedException ? e.Message : e.GetType().Name + ": " + e.Message + "\n" + e.StackTrace;
            }
            catch (Exception e)
            {
                message = e.GetType().Name + ": " + e.Message;
            }
            finally
            {
                output = TestOutput.EndCapture();
            }
        }, 16 * 1024 * 1024) { IsBackground = true, Name = m.Name };
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            return (false, false, $"timed out after {timeoutSeconds} s", "", sw.ElapsedMilliseconds);
        }
        return (ok, skipped, message, output, sw.ElapsedMilliseconds);
    }

    private static object[] Convert(MethodInfo m, object[] args)
    {
        ParameterInfo[] ps = m.GetParameters();
        if (ps.Length != args.Length) return args;
        var result = new object[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            result[i] = args[i] == null || ps[i].ParameterType.IsInstanceOfType(args[i]) ? args[i] : System.Convert.ChangeType(args[i], ps[i].ParameterType);
        }
        return result;
    }

    private static string Show(object o) => o == null ? "null" : o is string s ? "\"" + s + "\"" : o.ToString()!;

    private static string Indent(string s) => "    | " + s.TrimEnd().Replace("\n", "\n    | ");
}
