using System.Reflection;
using System.Text.Json;
using NanoIP.Network;
using NanoIP.VirtualBoard.Board;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.Bench;

/// <summary>
/// The firmware (services all) on the virtual board, cabled to a Linux TAP, measured with real clients: the
/// kernel's ping and TCP. Real traffic stays in a network namespace of our own: the benchmark starts itself
/// again under "unshare -rn" (user + network namespace, no root) with <see cref="InsideVariable"/> set, and
/// the inner run creates the TAP there (kernel side 198.18.0.1/24, board 198.18.0.2/24, RFC 2544's range),
/// measures, and prints its metrics as JSON lines, which the outer run reports as its own. When no namespace
/// can be made (no /dev/net/tun, no unshare or ip, user namespaces off) the suite reports suite_skipped with
/// the reason and the other suites run as usual.
///
/// Two boards: unpaced (the chip model answers at once; what the firmware and the harness do in real time),
/// then paced at 20 and 8 MHz (<see cref="VirtualBoardOptions.RealTimeSpiPacing"/>: each SPI transaction takes
/// its bus time in wall time, the chip holds TXRTS for the frame's 10 Mbit/s wire time), the board an ESP32
/// would be if its CPU cost nothing. Frames toward the board are serialised at 10 Mbit/s in both cases.
/// Direction is the board's: rx = Linux sends to discard (port 9), tx = the board's chargen (port 19) sends.
/// </summary>
public sealed class TapSuite : IBenchSuite
{
    public const string InsideVariable = "NANOIP_BENCH_NETNS_INSIDE";
    private const string TapName = "nbench0";
    private const string KernelCidr = "198.18.0.1/24";
    private const string BoardAddress = "198.18.0.2";
    private const int InnerTimeoutMs = 110_000;
    private const int PingCount = 50;
    private const long UnpacedBytes = 8L * 1024 * 1024;
    private const int UnpacedMaxMs = 8000;
    private const long PacedBytes = 4L * 1024 * 1024;
    private const int PacedMaxMs = 6000;
    private static readonly long[] PacedSpiHz = { 20_000_000, 8_000_000 };

    public string Name => "tap";

    public string Description => "firmware on the virtual board behind a TAP in a private namespace: Linux ping RTT, TCP goodput both ways, connections/s (wall clock; paced SPI + wire too)";

    private static bool Inside => Environment.GetEnvironmentVariable(InsideVariable) == "1";

    public void Run(BenchReport report)
    {
        if (Inside)
        {
            Measure(report);
            return;
        }

        string why = WhyNoNamespace(out string unshare);
        if (why != null)
        {
            report.Add("suite_skipped", 1, "flag", ("reason", why));
            return;
        }

        var args = new List<string> { "-rn" };
        args.AddRange(SelfCommand());
        args.AddRange(new[] { "--json", "--suite", "tap" });
        int metrics = 0;
        int code = BenchProcess.Run(unshare, args, InnerTimeoutMs, out _, out string stderr,
            new Dictionary<string, string> { [InsideVariable] = "1" },
            line =>
            {
                if (Relay(report, line)) metrics++;
            });
        if (code != 0 || metrics == 0)
        {
            string tail = stderr.Length > 600 ? stderr[^600..] : stderr;
            report.Add("suite_failed", 1, "flag", ("reason", "inner run exited " + code + " after " + metrics + " metrics: " + tail.Trim()));
        }
    }

    /// <summary>Null when a namespace can be made here, else why not.</summary>
    private static string WhyNoNamespace(out string unshare)
    {
        unshare = BenchProcess.FindOnPath("unshare");
        if (!TapDevice.Available) return "no /dev/net/tun (Linux TAP support)";
        if (unshare == null) return "needs unshare (util-linux)";
        if (BenchProcess.FindOnPath("ip") == null) return "needs ip (iproute2)";
        if (BenchProcess.FindOnPath("ping") == null) return "needs ping (iputils-ping)";
        if (BenchProcess.Run(unshare, "-rn true", 10_000, out _, out string err) != 0) return "unshare -rn is not allowed here (user namespaces off?): " + err.Trim();
        return null;
    }

    /// <summary>This program again: the apphost, or dotnet and the entry assembly.</summary>
    private static IEnumerable<string> SelfCommand()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return new[] { process, Assembly.GetEntryAssembly()!.Location };
        }

        return new[] { process };
    }

    /// <summary>Reports a metric line of the inner run as this run's own; false for anything else.</summary>
    private static bool Relay(BenchReport report, string line)
    {
        if (!line.StartsWith('{')) return false;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            if (!root.TryGetProperty("metric", out JsonElement metric) || !root.TryGetProperty("value", out JsonElement value)) return false;
            var tags = new List<(string, object)>();
            foreach (JsonProperty p in root.EnumerateObject())
            {
                if (p.Name is "metric" or "value" or "unit" or "suite") continue;
                object v = p.Value.ValueKind switch
                {
                    JsonValueKind.Number when p.Value.TryGetInt64(out long l) => l,
                    JsonValueKind.Number => p.Value.GetDouble(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => p.Value.ToString(),
                };
                tags.Add((p.Name, v));
            }

            string unit = root.TryGetProperty("unit", out JsonElement u) ? u.GetString() : "";
            lock (report) report.Add(metric.GetString(), value.GetDouble(), unit, tags.ToArray());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The inner run, inside the namespace.</summary>
    private static void Measure(BenchReport report)
    {
        BenchProcess.Check("ip", "link set lo up");
        BenchProcess.Check("ip", "tuntap add dev " + TapName + " mode tap");
        BenchProcess.Check("ip", "addr add " + KernelCidr + " dev " + TapName);
        BenchProcess.Check("ip", "link set " + TapName + " up");

        Step(report, "unpaced", () =>
        {
            using var fw = Start(0);
            var tags = new (string, object)[] { ("pacing", "none"), ("window", fw.Config.TcpReceiveBufferSize), ("mss", fw.Config.Mss) };
            PingRtt(report, tags);
            Goodput(report, fw, "goodput_mbps_tap", UnpacedBytes, UnpacedMaxMs, tags);
            int cycles = TapClients.EchoCycles(BoardAddress, 7, 64, 5000, 3000, out TimeSpan elapsed);
            report.Add("connections_per_second_tap", cycles / elapsed.TotalSeconds, "connections/s",
                tags.Concat(new (string, object)[] { ("payload_bytes", 64), ("cycles", cycles) }).ToArray());
        });

        foreach (long hz in PacedSpiHz)
        {
            Step(report, "paced " + hz / 1_000_000 + " MHz", () =>
            {
                using var fw = Start(hz);
                var tags = new (string, object)[] { ("pacing", "spi+wire"), ("spi_mhz", hz / 1_000_000), ("window", fw.Config.TcpReceiveBufferSize), ("mss", fw.Config.Mss) };
                PingRtt(report, tags);
                Goodput(report, fw, "goodput_mbps_modelled_tap", PacedBytes, PacedMaxMs, tags);
            });
        }
    }

    /// <summary>Runs one part; a failure is reported (step_failed) and the next part still runs.</summary>
    private static void Step(BenchReport report, string name, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            report.Add("step_failed", 1, "flag", ("step", name), ("reason", e.GetType().Name + ": " + e.Message));
        }
    }

    private static TapFirmware Start(long paceSpiHz)
    {
        var fw = new TapFirmware(TapName, IPv4.Parse(BoardAddress), 24, new NetConfig(), paceSpiHz);
        if (!TapClients.WaitReachable(BoardAddress, 10))
        {
            fw.Dispose();
            throw new InvalidOperationException("the board does not answer ping");
        }

        return fw;
    }

    private static void PingRtt(BenchReport report, (string, object)[] tags)
    {
        List<double> rtts = TapClients.Ping(BoardAddress, PingCount, 0.02);
        rtts.Sort();
        double median = rtts.Count % 2 == 1 ? rtts[rtts.Count / 2] : (rtts[rtts.Count / 2 - 1] + rtts[rtts.Count / 2]) / 2;
        report.Add("ping_rtt_ms_median", median, "ms", tags.Concat(new (string, object)[]
        {
            ("echoes", PingCount), ("replies", rtts.Count), ("min_ms", rtts[0]), ("max_ms", rtts[^1]), ("interval_ms", 20), ("bytes", 56),
        }).ToArray());
    }

    /// <summary>rx (Linux → discard 9) then tx (chargen 19 → Linux), with where the time went on the board side.</summary>
    private static void Goodput(BenchReport report, TapFirmware fw, string metric, long maxBytes, int maxMs, (string, object)[] tags)
    {
        foreach (string direction in new[] { "rx", "tx" })
        {
            var chip = fw.Board.Chip;
            var link = fw.Board.Wire.Link;
            long spi0 = chip.SpiBusTimeNs, drops0 = chip.FramesDropped;
            long wire0 = direction == "rx" ? link.B.BusyNs : link.A.BusyNs;
            long mismatches = 0;
            TimeSpan elapsed;
            long bytes = direction == "rx"
                ? TapClients.SendToDiscard(BoardAddress, 9, maxBytes, maxMs, out elapsed)
                : TapClients.ReadFromChargen(BoardAddress, 19, maxBytes, maxMs, out elapsed, out mismatches);
            if (mismatches != 0) throw new InvalidOperationException("chargen: " + mismatches + " reads differ from RFC 864's pattern");
            long ns = elapsed.Ticks * 100;
            long wire = (direction == "rx" ? link.B.BusyNs : link.A.BusyNs) - wire0;
            var t = tags.Concat(new (string, object)[] { ("direction", direction), ("bytes", bytes) }).ToArray();
            report.Add(metric, bytes * 8.0 / ns * 1000, "Mbit/s", t);
            // Unpaced, the chip's frames leave at once (TXRTS clears immediately): the board → Linux direction has no
            // wire time then, so its busy share would only count slots that never happened.
            if (direction == "rx" || chip.SpiBusTimeNs != 0) report.Add("wire_busy_percent_data_direction_tap", 100.0 * wire / ns, "%", t);
            report.Add("board_rx_ring_drops_tap", chip.FramesDropped - drops0, "frames", t);
            if (chip.SpiBusTimeNs != spi0) report.Add("board_spi_busy_percent_tap", 100.0 * (chip.SpiBusTimeNs - spi0) / ns, "%", t);
        }
    }
}
