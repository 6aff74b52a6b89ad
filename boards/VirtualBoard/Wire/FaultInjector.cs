using System.Globalization;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>What the fault injector made of one frame: up to two copies, each with an extra delay. No copy: lost.</summary>
public readonly struct FaultOutcome
{
    public FaultOutcome(byte[] first, long firstDelayNs, byte[] second, long secondDelayNs)
    {
        First = first;
        FirstDelayNs = firstDelayNs;
        Second = second;
        SecondDelayNs = secondDelayNs;
    }

    public byte[] First { get; }

    public long FirstDelayNs { get; }

    public byte[] Second { get; }

    public long SecondDelayNs { get; }
}

/// <summary>
/// Seeded faults on the frames leaving one port. Every frame draws the same four numbers from one
/// <see cref="Random"/>(seed), in the same order, whatever happens to it, so the same seed and the same
/// traffic replay the same faults exactly:
/// loss (the frame vanishes after its slot), corrupt (1-3 bits flipped anywhere in the frame, FCS included, on
/// a copy: CRC-32 detects every error of up to 3 bits in frames this short, so the receiver's FCS check, the
/// ENC28J60's ERXFCON.CRCEN, drops it), dup (a second copy arrives one slot later) and reorder (the frame is
/// held back <see cref="ReorderDelayNs"/>, so frames sent after it overtake it).
/// </summary>
public sealed class FaultInjector
{
    private readonly Random _random;

    public FaultInjector(FaultSpec spec)
    {
        Spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _random = new Random(spec.Seed);
    }

    /// <summary>Builds an injector from a spec string such as "loss=0.05,reorder=0.02,dup=0.01,corrupt=0.001,seed=7".</summary>
    public static FaultInjector Parse(string spec) => new FaultInjector(FaultSpec.Parse(spec));

    public FaultSpec Spec { get; }

    /// <summary>How long a reordered frame is held back (default: three full-size slots, so up to three frames pass it).</summary>
    public long ReorderDelayNs { get; set; } = 3 * EthernetTiming.SlotNs(1518);

    public long Frames { get; private set; }

    public long Lost { get; private set; }

    public long Corrupted { get; private set; }

    public long Duplicated { get; private set; }

    public long Reordered { get; private set; }

    /// <summary>Decides the fate of one frame that just finished its slot of <paramref name="slotNs"/>.</summary>
    public FaultOutcome Apply(byte[] frame, long slotNs)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frames++;
        double loss = _random.NextDouble();
        double corrupt = _random.NextDouble();
        double dup = _random.NextDouble();
        double reorder = _random.NextDouble();
        if (loss < Spec.Loss)
        {
            Lost++;
            return default;
        }

        byte[] first = frame;
        if (corrupt < Spec.Corrupt && frame.Length > 0)
        {
            Corrupted++;
            first = Corrupt(frame);
        }

        long delay = 0;
        if (reorder < Spec.Reorder)
        {
            Reordered++;
            delay = ReorderDelayNs;
        }

        if (dup < Spec.Duplicate)
        {
            Duplicated++;
            return new FaultOutcome(first, delay, first, delay + slotNs);
        }

        return new FaultOutcome(first, delay, null, 0);
    }

    private byte[] Corrupt(byte[] frame)
    {
        byte[] copy = (byte[])frame.Clone();
        int bits = 1 + _random.Next(3);
        for (int i = 0; i < bits; i++)
        {
            int bit = _random.Next(copy.Length * 8);
            copy[bit >> 3] ^= (byte)(1 << (bit & 7));
        }

        // Two flips of the same bit cancel out; a frame must never pass its FCS check after "corruption".
        if (copy.Length < 5 || EthernetCrc.HasValidFcs(copy))
        {
            copy[copy.Length - 1] ^= 0x01;
        }

        return copy;
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture,
        "{0}: {1} frames, {2} lost, {3} corrupted, {4} duplicated, {5} reordered", Spec, Frames, Lost, Corrupted, Duplicated, Reordered);
}
