namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// One end of an <see cref="EthernetLink"/>: the transmitter of one direction. Frames wait in a bounded FIFO
/// (a full queue drops the new frame: tail drop, counted) and go out back to back, each for its slot of
/// preamble + frame (padded to 64) + gap at 800 ns per byte; a frame arrives at the far port when its slot
/// ends, plus the link's latency. The fault injector, when set, decides each frame's fate as it leaves.
/// A sender that spends the wire time itself (the ENC28J60 model holds TXRTS for it) uses
/// <see cref="SendSerialized"/> instead, so the slot is not counted twice.
/// </summary>
public sealed class LinkEnd
{
    private readonly Queue<(byte[] Frame, long QueuedAt)> _queue = new();
    private readonly Action _slotEnded;
    private byte[] _onWire;
    private long _slotEndNs;

    internal LinkEnd(EthernetLink link, string name)
    {
        Link = link;
        Name = name;
        _slotEnded = SlotEnded;
    }

    public EthernetLink Link { get; }

    /// <summary>"A" or "B".</summary>
    public string Name { get; }

    /// <summary>The port plugged into this end: frames sent from the far end arrive there.</summary>
    public IWirePort Port { get; internal set; }

    /// <summary>The other end of the cable.</summary>
    public LinkEnd Far { get; internal set; }

    /// <summary>Frames that may wait behind the one on the wire; one more is dropped (tail drop).</summary>
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Faults applied to frames leaving this end (null: none).</summary>
    public FaultInjector Faults { get; set; }

    /// <summary>Raised when a frame's slot ends, before faults: the frame and its slot's start and end.</summary>
    public event Action<byte[], long, long> FrameSent;

    public int Queued => _queue.Count;

    /// <summary>True while a frame occupies this direction.</summary>
    public bool Busy => _onWire != null;

    public long FramesSent { get; private set; }

    public long BytesSent { get; private set; }

    public long TailDrops { get; private set; }

    /// <summary>Frames that arrived at this end's port (sent by the far end, after its faults).</summary>
    public long FramesArrived { get; private set; }

    /// <summary>Nanoseconds this direction carried frames (slots included), for utilisation.</summary>
    public long BusyNs { get; private set; }

    /// <summary>
    /// Queues a frame (FCS included) for transmission; the array is the wire's from now on (do not change it).
    /// False when the queue is full: the frame is dropped and counted in <see cref="TailDrops"/>.
    /// </summary>
    public bool Send(byte[] frameWithFcs)
    {
        ArgumentNullException.ThrowIfNull(frameWithFcs);
        long now = Link.Scheduler.Now;
        if (_onWire == null)
        {
            Start(frameWithFcs, now);
            return true;
        }

        if (_queue.Count >= QueueCapacity)
        {
            TailDrops++;
            return false;
        }

        _queue.Enqueue((frameWithFcs, now));
        return true;
    }

    /// <summary>A frame whose slot the sender has just spent on its own (it ends now): it goes straight to the far end.</summary>
    public void SendSerialized(byte[] frameWithFcs)
    {
        ArgumentNullException.ThrowIfNull(frameWithFcs);
        long now = Link.Scheduler.Now;
        long slot = EthernetTiming.SlotNs(frameWithFcs.Length);
        BusyNs += slot;
        Emit(frameWithFcs, now - slot, now);
    }

    private void Start(byte[] frame, long startNs)
    {
        _onWire = frame;
        long slot = EthernetTiming.SlotNs(frame.Length);
        _slotEndNs = startNs + slot;
        BusyNs += slot;
        Link.Scheduler.At(_slotEndNs, _slotEnded);
    }

    private void SlotEnded()
    {
        byte[] frame = _onWire;
        long end = _slotEndNs;
        _onWire = null;
        Emit(frame, end - EthernetTiming.SlotNs(frame.Length), end);
        if (_queue.Count > 0)
        {
            var (next, queuedAt) = _queue.Dequeue();
            Start(next, Math.Max(end, queuedAt)); // back to back, never before it was queued
        }
    }

    private void Emit(byte[] frame, long startNs, long endNs)
    {
        FramesSent++;
        BytesSent += frame.Length;
        FrameSent?.Invoke(frame, startNs, endNs);
        long arrive = endNs + Link.LatencyNs;
        if (Faults == null)
        {
            Link.Scheduler.At(arrive, () => Far.Arrive(frame));
            return;
        }

        FaultOutcome fate = Faults.Apply(frame, EthernetTiming.SlotNs(frame.Length));
        if (fate.First != null)
        {
            byte[] first = fate.First;
            Link.Scheduler.At(arrive + fate.FirstDelayNs, () => Far.Arrive(first));
        }

        if (fate.Second != null)
        {
            byte[] second = fate.Second;
            Link.Scheduler.At(arrive + fate.SecondDelayNs, () => Far.Arrive(second));
        }
    }

    private void Arrive(byte[] frame)
    {
        long now = Link.Scheduler.Now;
        FramesArrived++;
        Link.Capture?.Write(now, frame, 0, frame.Length);
        Port?.FrameArrived(frame, now);
    }
}
