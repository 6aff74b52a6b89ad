namespace NanoIP.Bench;

/// <summary>One group of measurements (the ENC28J60 driver, later TCP goodput, ...).</summary>
public interface IBenchSuite
{
    /// <summary>Short name used by --suite.</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Measures and reports each metric through <paramref name="report"/>; keep a run under ~20 s.</summary>
    void Run(BenchReport report);
}
