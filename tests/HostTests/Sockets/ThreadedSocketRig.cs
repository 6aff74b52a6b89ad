using System.Diagnostics;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;
using NanoIP.UnitTests.Sockets;

namespace NanoIP.HostTests.Sockets;

/// <summary>
/// Two stacks on the virtual wire run the way the device runs them: a real network thread
/// polls both contexts on the wall clock (under one shared lock, since they share the wire),
/// sleeping until the next deadline or a Wake; application threads block in ThreadedSocketWaiter.
/// </summary>
public sealed class ThreadedSocketRig : IClock, IDisposable
{
    /// <summary>Longest sleep of the network thread: small, so a lost wake-up would only cost this.</summary>
    private const int MaxSleepMs = 20;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly object _sync = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _stop;

    public readonly VirtualNetwork Net;
    public readonly NetConfig Config = new();
    public readonly NetworkContext A;
    public readonly NetworkContext B;
    public long Polls;
    public long Wakes;

    public ThreadedSocketRig()
    {
        Net = new VirtualNetwork(0);
        NetStack a = Net.AddStack(Config, 1, SocketRig.IpA, 24);
        NetStack b = Net.AddStack(Config, 2, SocketRig.IpB, 24);
        var waiter = new ThreadedSocketWaiter(this, new WakeHandler(Wake));
        A = new NetworkContext(Config, a, this, waiter, _sync);
        B = new NetworkContext(Config, b, this, waiter, _sync);
        _thread = new Thread(Loop) { IsBackground = true, Name = "network" };
        _thread.Start();
    }

    /// <summary>Wall-clock milliseconds, on the wire's base (it starts at 1000).</summary>
    public long NowMs => 1000 + _wall.ElapsedMilliseconds;

    private void Wake()
    {
        Interlocked.Increment(ref Wakes);
        _wake.Set();
    }

    private void Loop()
    {
        while (!_stop)
        {
            long next;
            lock (_sync)
            {
                long now = NowMs;
                if (Net.Now < now) Net.Now = now;
                next = Math.Min(A.Poll(now), B.Poll(now));
                next = Math.Min(next, Net.Wire.NextDeliveryMs);
                Polls++;
            }

            long wait = next - NowMs;
            if (wait > 0) _wake.WaitOne((int)Math.Min(wait, MaxSleepMs));
        }
    }

    public void Dispose()
    {
        _stop = true;
        _wake.Set();
        _thread.Join(2000);
    }
}
