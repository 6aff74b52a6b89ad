using System.Globalization;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>Rates (0..1) of each fault and the seed. Text form: "loss=0.05,reorder=0.02,dup=0.01,corrupt=0.001,seed=7".</summary>
public sealed class FaultSpec
{
    public double Loss { get; init; }

    public double Reorder { get; init; }

    public double Duplicate { get; init; }

    public double Corrupt { get; init; }

    public int Seed { get; init; } = 1;

    /// <summary>
    /// Parses comma-separated key=value pairs: loss, reorder, dup (or duplicate), corrupt (rates in 0..1,
    /// invariant culture) and seed (an integer). Keys may come in any order; missing ones are 0 (seed 1).
    /// Unknown keys, bad numbers and rates outside 0..1 throw FormatException naming the culprit.
    /// </summary>
    public static FaultSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double loss = 0, reorder = 0, dup = 0, corrupt = 0;
        int seed = 1;
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException("fault spec: expected key=value, got '" + raw + "'");
            }

            string key = raw[..eq].Trim().ToLowerInvariant();
            string value = raw[(eq + 1)..].Trim();
            switch (key)
            {
                case "loss": loss = Rate(key, value); break;
                case "reorder": reorder = Rate(key, value); break;
                case "dup":
                case "duplicate": dup = Rate(key, value); break;
                case "corrupt": corrupt = Rate(key, value); break;
                case "seed":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out seed))
                    {
                        throw new FormatException("fault spec: seed must be an integer, got '" + value + "'");
                    }

                    break;
                default:
                    throw new FormatException("fault spec: unknown key '" + key + "' (loss, reorder, dup, corrupt, seed)");
            }
        }

        return new FaultSpec { Loss = loss, Reorder = reorder, Duplicate = dup, Corrupt = corrupt, Seed = seed };
    }

    private static double Rate(string key, string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || double.IsNaN(rate) || rate < 0 || rate > 1)
        {
            throw new FormatException("fault spec: " + key + " must be a rate between 0 and 1, got '" + value + "'");
        }

        return rate;
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "loss={0},reorder={1},dup={2},corrupt={3},seed={4}", Loss, Reorder, Duplicate, Corrupt, Seed);
}
