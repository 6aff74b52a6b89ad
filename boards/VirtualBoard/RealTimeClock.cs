using System.Diagnostics;

namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Wall-clock time as the chip model's clock, for a board that runs in real time but should take the time a
/// real ESP32 + ENC28J60 takes: <see cref="Advance"/> does not jump, it waits the time out, so an SPI transaction
/// charged at the model's SpiClockHz really lasts its bus time, and the work the model times on its clock
/// (TXRTS held for the frame's wire time, MII busy, DMA, the reset window) takes that long in wall time.
/// Waits shorter than a scheduler tick are spun (Thread.Sleep granularity is about a millisecond); longer ones
/// sleep all but the last <see cref="SpinNs"/> and spin the rest. A preempted thread waits longer, never shorter.
/// </summary>
public sealed class RealTimeClock : IVirtualClock
{
    /// <summary>The tail of every wait that is spun rather than slept.</summary>
    public const long SpinNs = 2_000_000;

    private static readonly double TicksPerNs = Stopwatch.Frequency / 1e9;
    private readonly long _origin = Stopwatch.GetTimestamp();

    public long NowNanoseconds => ToNs(Stopwatch.GetTimestamp() - _origin);

    /// <summary>Returns once <paramref name="nanoseconds"/> of wall time have passed (thread-safe; no state changes).</summary>
    public void Advance(long nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        WaitUntil(NowNanoseconds + nanoseconds, null);
    }

    /// <summary>
    /// Waits until the clock reads <paramref name="deadlineNs"/>, or until <paramref name="wake"/> is signalled
    /// (null: no early wake). True when the deadline was reached, false when woken early.
    /// </summary>
    public bool WaitUntil(long deadlineNs, WaitHandle wake)
    {
        long deadlineTicks = _origin + (long)Math.Ceiling(deadlineNs * TicksPerNs);
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            long left = ToNs(deadlineTicks - Stopwatch.GetTimestamp());
            if (left <= 0)
            {
                return true;
            }

            if (left > SpinNs)
            {
                int sleepMs = (int)Math.Min((left - SpinNs) / 1_000_000, int.MaxValue);
                if (sleepMs > 0)
                {
                    if (wake != null ? wake.WaitOne(sleepMs) : SleepFalse(sleepMs))
                    {
                        return false;
                    }

                    continue;
                }
            }

            if (wake != null && wake.WaitOne(0))
            {
                return false;
            }

            // Spin in short bursts, reading the clock between them (about 50 ns per read).
            Thread.SpinWait(20);
        }

        // Only a deadline far in the future exhausts the guard: plain sleeps cover the rest.
        long rest = ToNs(deadlineTicks - Stopwatch.GetTimestamp());
        if (rest > 0)
        {
            Thread.Sleep(TimeSpan.FromTicks(rest / 100 + 1));
        }

        return true;
    }

    private static bool SleepFalse(int ms)
    {
        Thread.Sleep(ms);
        return false;
    }

    private static long ToNs(long ticks) => (long)(ticks / TicksPerNs);
}
