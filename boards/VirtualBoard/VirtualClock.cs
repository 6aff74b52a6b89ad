namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>A time source that only moves when told to: tests and the benchmark replay exactly.</summary>
public interface IVirtualClock
{
    long NowNanoseconds { get; }

    void Advance(long nanoseconds);
}

/// <summary>
/// The virtual board's clock. <see cref="Advanced"/> fires after every advance, so parts of the board
/// (the ENC28J60 model) complete their pending work when time passes.
/// </summary>
public sealed class VirtualClock : IVirtualClock
{
    private long _now;

    public VirtualClock(long startNanoseconds = 0)
    {
        _now = startNanoseconds;
    }

    /// <summary>Raised synchronously after each advance with the new time in nanoseconds.</summary>
    public event Action<long> Advanced;

    public long NowNanoseconds => Interlocked.Read(ref _now);

    public long NowMs => NowNanoseconds / 1_000_000;

    public void Advance(long nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        long now = Interlocked.Add(ref _now, nanoseconds);
        Advanced?.Invoke(now);
    }

    public void AdvanceMicroseconds(long microseconds) => Advance(microseconds * 1_000);

    public void AdvanceMs(long milliseconds) => Advance(milliseconds * 1_000_000);
}
