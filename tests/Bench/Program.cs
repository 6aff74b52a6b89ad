using System.Diagnostics;

namespace NanoIP.Bench;

/// <summary>
/// The benchmark. Usage: dotnet run -c Release --project tests/Bench -- [--json] [--suite NAME]...
/// With --json every metric is one JSON object per line; without, a table. Suites are listed in
/// <see cref="Suites"/>; --suite filters them by name (case-insensitive, repeatable).
/// </summary>
public static class Program
{
    /// <summary>Every suite the benchmark knows; add new ones here.</summary>
    public static readonly IBenchSuite[] Suites =
    {
        new Enc28j60DriverSuite(),
        new TcpHostSuite(),
        new TcpModelledSuite(),
        new TapSuite(),
    };

    public static int Main(string[] args)
    {
        bool json = false;
        var names = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json": json = true; break;
                case "--suite" when i + 1 < args.Length: names.Add(args[++i]); break;
                case "--list":
                    foreach (IBenchSuite s in Suites) Console.WriteLine(s.Name + "  " + s.Description);
                    return 0;
                default:
                    Console.Error.WriteLine("usage: NanoIP.Bench [--json] [--suite NAME]... [--list]");
                    return 2;
            }
        }

        var selected = Suites.Where(s => names.Count == 0 || names.Any(n => s.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (selected.Count == 0)
        {
            Console.Error.WriteLine("no suite named " + string.Join(", ", names) + "; --list shows them");
            return 2;
        }

        var report = new BenchReport(json ? Console.Out : null);
        foreach (IBenchSuite suite in selected)
        {
            var wall = Stopwatch.StartNew();
            report.Suite = suite.Name;
            suite.Run(report);
            if (!json) Console.Error.WriteLine($"suite {suite.Name}: {wall.Elapsed.TotalSeconds:F1} s");
        }

        if (!json) report.PrintTable(Console.Out);
        return 0;
    }
}
