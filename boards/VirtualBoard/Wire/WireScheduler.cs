using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// The wire's discrete events (a frame finishes its slot, a frame reaches the far end) in time order on the
/// board clock. Events run in (time, order of scheduling) order, so equal-time events keep their causal order
/// and a run replays exactly. <see cref="RunDue"/> runs every event due at the clock's current time; an event
/// found late (the clock jumped past it, e.g. during an SPI transaction) still runs with its own time as
/// <see cref="Now"/>, so serialisation stays back-to-back exact whenever the clock is looked at.
/// </summary>
public sealed class WireScheduler
{
    private readonly IVirtualClock _clock;
    private readonly PriorityQueue<Action, (long Time, long Order)> _events = new();
    private long _order;
    private bool _running;
    private long _eventTime;

    public WireScheduler(IVirtualClock clock)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public IVirtualClock Clock => _clock;

    /// <summary>The time the wire acts at: the running event's time, else the clock's.</summary>
    public long Now => _running ? _eventTime : _clock.NowNanoseconds;

    /// <summary>Events waiting.</summary>
    public int Pending => _events.Count;

    /// <summary>Events run so far.</summary>
    public long EventsRun { get; private set; }

    /// <summary>When the earliest waiting event falls due; null when none waits.</summary>
    public long? NextDueNs => _events.TryPeek(out _, out var key) ? key.Time : null;

    /// <summary>Schedules <paramref name="action"/> at <paramref name="timeNs"/> (not before <see cref="Now"/>).</summary>
    public void At(long timeNs, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        long now = Now;
        _events.Enqueue(action, (timeNs < now ? now : timeNs, _order++));
    }

    /// <summary>
    /// Runs every event due by the clock's time, earliest first; events they schedule run too when due.
    /// Re-entrant calls (an event's handler advancing the clock) return at once: the outer call goes on.
    /// Returns the number of events run.
    /// </summary>
    public int RunDue()
    {
        if (_running)
        {
            return 0;
        }

        int ran = 0;
        _running = true;
        try
        {
            while (_events.TryPeek(out _, out var key) && key.Time <= _clock.NowNanoseconds)
            {
                Action action = _events.Dequeue();
                _eventTime = key.Time;
                ran++;
                EventsRun++;
                action();
            }
        }
        finally
        {
            _running = false;
        }

        return ran;
    }
}
