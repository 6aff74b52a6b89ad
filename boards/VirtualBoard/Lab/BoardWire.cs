using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>What the simulator's command line asks of the board's cable.</summary>
public sealed class BoardWireOptions
{
    /// <summary>Capture file (classic pcap), or null.</summary>
    public string PcapPath { get; set; }

    /// <summary>Keep the FCS in the capture (see <see cref="PcapWriter"/>).</summary>
    public bool PcapWithFcs { get; set; }

    /// <summary>Fault spec ("loss=0.05,reorder=0.02,dup=0.01,corrupt=0.001,seed=7") for both directions, or null.</summary>
    public string Faults { get; set; }

    /// <summary>TAP interface to put at the far end, or null (then whatever far port is given, or none).</summary>
    public string TapName { get; set; }

    /// <summary>One-way cable latency.</summary>
    public long LatencyNs { get; set; }
}

/// <summary>
/// The virtual board's RJ45 cable for the simulator, in either of its time modes.
///
/// Virtual time (the board's chip has a <see cref="VirtualClock"/>): the wire runs on that clock and settles
/// on every advance, on the board's own thread, exactly as in <see cref="VirtualLab"/>. A TAP does not fit
/// here (the kernel lives in real time).
///
/// Real time (the chip has no clock, frames leave at TXRTS): the wire runs on a <see cref="WallClock"/> in a
/// thread of its own that also reads the TAP; the chip's frames are handed over through a queue
/// (<see cref="ChipPort.Deferred"/>) so the wire is never entered from inside the model's lock, and frames for
/// the chip go in through DeliverFrame, which is thread-safe (the INT pin then wakes the board).
///
/// The far end: a TAP device when asked for, else <paramref name="farPort"/>, else nothing (frames are still
/// captured as they reach the far end). Faults apply to both directions, with seeds s (board → far) and s + 1.
/// </summary>
public sealed class BoardWire : IDisposable
{
    private readonly Thread _pump;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action> _posted = new();
    private readonly VirtualClock _virtualClock;
    private readonly Action<long> _onAdvanced;
    private readonly WireWakeup _wakeup;

    public BoardWire(Enc28j60Model chip, VirtualClock virtualClock, BoardWireOptions options, IWirePort farPort = null)
    {
        ArgumentNullException.ThrowIfNull(chip);
        options ??= new BoardWireOptions();
        if (virtualClock != null && options.TapName != null)
        {
            throw new ArgumentException("a TAP needs real time: run the board without virtual time");
        }

        _virtualClock = virtualClock;
        Scheduler = new WireScheduler(virtualClock ?? (IVirtualClock)new WallClock());
        ChipPort = new ChipPort(chip) { Deferred = virtualClock == null };
        if (options.TapName != null)
        {
            Tap = TapDevice.Open(options.TapName);
            farPort = Tap;
        }

        FarPort = farPort ?? new UnpluggedPort();
        Link = EthernetLink.Connect(Scheduler, ChipPort, FarPort, options.LatencyNs);
        if (options.PcapPath != null)
        {
            Link.Capture = PcapWriter.Create(options.PcapPath, options.PcapWithFcs);
            if (virtualClock == null) Link.Capture.EpochOffsetNs = DateTime.UtcNow.Ticks * 100 - DateTime.UnixEpoch.Ticks * 100;
        }

        if (options.Faults != null)
        {
            FaultSpec spec = FaultSpec.Parse(options.Faults);
            Link.A.Faults = new FaultInjector(spec);
            Link.B.Faults = new FaultInjector(new FaultSpec { Loss = spec.Loss, Reorder = spec.Reorder, Duplicate = spec.Duplicate, Corrupt = spec.Corrupt, Seed = spec.Seed + 1 });
        }

        if (virtualClock != null)
        {
            _onAdvanced = _ => Scheduler.RunDue();
            virtualClock.Advanced += _onAdvanced;
        }
        else
        {
            // With a TAP (the only far port that needs pumping), sleep on it and on the chip's frames instead of
            // polling each millisecond (Linux); other far ports keep the 1 ms poll.
            _wakeup = Tap != null ? WireWakeup.TryCreate(Tap.FileDescriptor) : null;
            if (_wakeup != null) chip.FrameTransmitted += _ => _wakeup.Signal(); // after ChipPort queued the frame
            _pump = new Thread(PumpLoop) { IsBackground = true, Name = "wire" };
            _pump.Start();
        }
    }

    public WireScheduler Scheduler { get; }

    public EthernetLink Link { get; }

    public ChipPort ChipPort { get; }

    public IWirePort FarPort { get; }

    public TapDevice Tap { get; }

    /// <summary>
    /// Runs <paramref name="action"/> where the wire may be touched: at once on virtual time (the caller is the
    /// board's thread), on the wire's thread in real time (e.g. to send from the far port).
    /// </summary>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_pump == null)
        {
            action();
            return;
        }

        _posted.Enqueue(action);
        _wakeup?.Signal();
    }

    /// <summary>Real time only: runs the wire, the TAP and the chip's queue until disposed.</summary>
    private void PumpLoop()
    {
        while (!_stop.IsSet)
        {
            int work = ChipPort.FlushDeferred();
            while (_posted.TryDequeue(out Action action))
            {
                action();
                work++;
            }

            if (FarPort is IPolledPort polled) work += polled.Pump();
            work += Scheduler.RunDue();
            if (work == 0)
            {
                long? due = Scheduler.NextDueNs;
                long waitNs = due.HasValue ? due.Value - Scheduler.Clock.NowNanoseconds : 1_000_000;
                if (_wakeup != null)
                {
                    _wakeup.Wait(Math.Clamp(due.HasValue ? waitNs : 100_000_000, 0, 100_000_000));
                    continue;
                }

                _stop.Wait(TimeSpan.FromTicks(Math.Clamp(waitNs / 100, 0, 10_000))); // at most 1 ms: host sockets are polled
            }
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _wakeup?.Signal();
        _pump?.Join(2000);
        _wakeup?.Dispose();
        if (_onAdvanced != null) _virtualClock.Advanced -= _onAdvanced;
        Tap?.Dispose();
        Link.Capture?.Dispose();
    }

    /// <summary>The far end of a cable plugged into nothing: frames vanish (after the capture saw them).</summary>
    private sealed class UnpluggedPort : IWirePort
    {
        public void Attach(LinkEnd end)
        {
        }

        public void FrameArrived(byte[] frameWithFcs, long nowNs)
        {
        }
    }
}
