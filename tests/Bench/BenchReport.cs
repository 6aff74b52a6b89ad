using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NanoIP.Bench;

/// <summary>Collects metrics; prints each as a JSON line at once (--json) or all as a table at the end.</summary>
public sealed class BenchReport
{
    private readonly TextWriter _json;
    private readonly List<Row> _rows = new();

    public BenchReport(TextWriter json) => _json = json;

    /// <summary>The suite now running; stamped on every metric.</summary>
    public string Suite { get; set; } = "";

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>Reports one metric. <paramref name="tags"/> are name/value pairs describing the case (frame_size, direction...).</summary>
    public void Add(string metric, double value, string unit, params (string Name, object Value)[] tags)
    {
        var row = new Row(Suite, metric, value, unit, tags);
        _rows.Add(row);
        if (_json == null) return;

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("metric", metric);
            if (value == Math.Floor(value) && Math.Abs(value) < 1e15) w.WriteNumber("value", (long)value);
            else w.WriteNumber("value", Math.Round(value, 3));
            w.WriteString("unit", unit);
            foreach (var (name, v) in tags)
            {
                switch (v)
                {
                    case int i: w.WriteNumber(name, i); break;
                    case long l: w.WriteNumber(name, l); break;
                    case double d: w.WriteNumber(name, d); break;
                    case bool b: w.WriteBoolean(name, b); break;
                    default: w.WriteString(name, Convert.ToString(v, CultureInfo.InvariantCulture)); break;
                }
            }

            w.WriteString("suite", Suite);
            w.WriteEndObject();
        }

        _json.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _json.Flush();
    }

    public void PrintTable(TextWriter output)
    {
        string Case(Row r) => string.Join(" ", r.Tags.Select(t => t.Name + "=" + Convert.ToString(t.Value, CultureInfo.InvariantCulture)));
        int w1 = Math.Max(6, _rows.Max(r => r.Metric.Length));
        int w2 = Math.Max(4, _rows.Max(r => Case(r).Length));
        output.WriteLine($"{"suite",-10} {"metric".PadRight(w1)} {"case".PadRight(w2)} {"value",14} unit");
        foreach (Row r in _rows)
        {
            string v = r.Value == Math.Floor(r.Value) ? r.Value.ToString("N0", CultureInfo.InvariantCulture) : r.Value.ToString("N2", CultureInfo.InvariantCulture);
            output.WriteLine($"{r.Suite,-10} {r.Metric.PadRight(w1)} {Case(r).PadRight(w2)} {v,14} {r.Unit}");
        }
    }

    public sealed record Row(string Suite, string Metric, double Value, string Unit, (string Name, object Value)[] Tags);
}
