using System.Diagnostics;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>Real time as an <see cref="IVirtualClock"/> for a wire that runs beside a wall-clock board: it cannot be advanced.</summary>
public sealed class WallClock : IVirtualClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public long NowNanoseconds => _watch.Elapsed.Ticks * 100;

    public void Advance(long nanoseconds) => throw new NotSupportedException("real time cannot be advanced");
}
