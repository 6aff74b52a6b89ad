using NanoIP.Drivers;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>
/// The driver's clock on the lab's virtual time: NowMs reads it, a delay moves it forward (the board's
/// network thread busy-waits; the wire and the other nodes go on meanwhile).
/// </summary>
public sealed class LabDriverClock : IDriverClock
{
    private readonly VirtualClock _clock;

    public LabDriverClock(VirtualClock clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public long NowMs => _clock.NowMs;

    /// <summary>Delays asked for so far, and their total.</summary>
    public long Delays { get; private set; }

    public long DelayedMicroseconds { get; private set; }

    public void DelayMicroseconds(int microseconds)
    {
        Delays++;
        DelayedMicroseconds += microseconds;
        _clock.AdvanceMicroseconds(microseconds);
    }
}
