using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>
/// Boards, peers, switches and cables on one virtual clock, run by a discrete-event loop.
///
/// Each turn of <see cref="RunUntil"/> asks the condition (the applications act there), polls every node once
/// (the board's network thread; a board's SPI transactions and busy-waits move the clock while it works), and,
/// when no frame moved in that turn, advances the clock straight to the earliest of: the wire's next event, each chip's pending work (NextDueNanoseconds), each node's poll
/// deadline, and "now" when a device asks for service (INT asserted, frames queued).
///
/// Whenever the clock moves, by the loop or inside a board's SPI transaction, the lab runs the wire's due
/// events (frames reach chips and NICs at their own times) and polls the peers that have work. So the wire
/// and the peers go on while a board is busy. The approximation: a board's CPU is only busy while it
/// charges bus time or waits; its own stack code is free, and two boards share the one clock, so while one
/// board's thread is busy the other's is held (their busy times add up instead of overlapping). A frame the
/// chip finished during an SPI transaction enters the wire at the transaction's end.
///
/// Deterministic: no threads, no wall clock, seeded faults and errata. Bounded in iterations and virtual time.
/// </summary>
public sealed class VirtualLab : IDisposable
{
    private readonly List<LabNode> _nodes = new();
    private readonly List<BoardNode> _boards = new();
    private readonly List<PeerNode> _peers = new();
    private readonly List<EthernetLink> _links = new();
    private readonly List<Func<int>> _sources = new();
    private bool _settling;
    private int _macCounter;

    /// <summary>A lab whose clock starts at <paramref name="startMs"/> (not 0: stacks treat time 0 as "never").</summary>
    public VirtualLab(long startMs = 1000)
    {
        Clock = new VirtualClock(startMs * 1_000_000L);
        Scheduler = new WireScheduler(Clock);
        Clock.Advanced += _ => Settle();
    }

    public VirtualClock Clock { get; }

    public WireScheduler Scheduler { get; }

    public long NowMs => Clock.NowMs;

    public long NowNs => Clock.NowNanoseconds;

    public IReadOnlyList<LabNode> Nodes => _nodes;

    public IReadOnlyList<EthernetLink> Links => _links;

    /// <summary>Upper bound of loop turns per RunUntil.</summary>
    public int MaxIterations { get; set; } = 20_000_000;

    /// <summary>Loop turns of the last RunUntil.</summary>
    public int LastIterations { get; private set; }

    /// <summary>A board (chip model + driver + stack), configured with address/prefix/gateway when address is not 0.</summary>
    public BoardNode AddBoard(string name, uint address, int prefixLength = 24, NetConfig config = null, BoardSetup setup = null, byte[] mac = null, uint gateway = 0)
    {
        var board = new BoardNode(Clock, name, mac ?? NextMac(0x4E), config, setup);
        _boards.Add(board);
        Add(board, address, prefixLength, gateway);
        return board;
    }

    /// <summary>A peer (NanoIP stack on an ideal NIC), configured when address is not 0.</summary>
    public PeerNode AddPeer(string name, uint address, int prefixLength = 24, NetConfig config = null, byte[] mac = null, uint gateway = 0)
    {
        var peer = new PeerNode(Clock, name, mac ?? NextMac(0x50), config);
        _peers.Add(peer);
        Add(peer, address, prefixLength, gateway);
        return peer;
    }

    public VirtualSwitch AddSwitch(int ports, int queueCapacity = 64) => new VirtualSwitch(ports, queueCapacity);

    /// <summary>Plugs a cable between two ports.</summary>
    public EthernetLink Connect(IWirePort a, IWirePort b, long latencyNs = 0)
    {
        EthernetLink link = EthernetLink.Connect(Scheduler, a, b, latencyNs);
        _links.Add(link);
        return link;
    }

    public EthernetLink Connect(LabNode a, LabNode b, long latencyNs = 0) => Connect(a.Port, b.Port, latencyNs);

    public EthernetLink Connect(LabNode node, VirtualSwitch sw, int port, long latencyNs = 0) => Connect(node.Port, sw.Port(port), latencyNs);

    /// <summary>
    /// Adds an outside source of frames (a TAP device's Pump): called every turn, it puts what arrived from
    /// outside onto the wire at the clock's time and returns how many frames it moved.
    /// </summary>
    public void AddSource(Func<int> pump) => _sources.Add(pump ?? throw new ArgumentNullException(nameof(pump)));

    /// <summary>Runs until <paramref name="done"/> holds (asked once per turn) or <paramref name="maxVirtualMs"/> pass. Returns its last answer.</summary>
    public bool RunUntil(Func<bool> done, long maxVirtualMs) => RunUntilNs(done, Clock.NowNanoseconds + (maxVirtualMs * 1_000_000L));

    /// <summary>
    /// Runs with the virtual clock held to the wall clock (never ahead of it by more than a board's busy
    /// stretch), for outside peers that live in real time (the kernel behind a TAP). Stops when
    /// <paramref name="done"/> holds or <paramref name="maxWallMs"/> of real time have passed.
    /// </summary>
    public bool RunRealTime(Func<bool> done, long maxWallMs)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        long v0 = Clock.NowNanoseconds;
        while (wall.ElapsedMilliseconds < maxWallMs)
        {
            long target = v0 + (wall.Elapsed.Ticks * 100);
            if (target > Clock.NowNanoseconds && RunUntilNs(done, target))
            {
                return true;
            }

            if (done != null && done())
            {
                return true;
            }

            int moved = 0;
            foreach (Func<int> source in _sources) moved += source();
            if (moved == 0)
            {
                Thread.Sleep(1); // nothing from outside: let real time pass
            }
        }

        return done != null && done();
    }

    private bool RunUntilNs(Func<bool> done, long end)
    {
        int sameTime = 0;
        for (LastIterations = 0; LastIterations < MaxIterations; LastIterations++)
        {
            Settle();
            if (done != null && done())
            {
                return true;
            }

            long activity = Activity();
            foreach (Func<int> source in _sources) activity -= source();
            foreach (LabNode node in _nodes)
            {
                node.Poll();
            }

            Settle();
            long now = Clock.NowNanoseconds;
            if (now >= end)
            {
                break;
            }

            if (Activity() != activity)
            {
                // Frames moved: the applications (the condition) look before time moves on, as a
                // woken application thread would.
                continue;
            }

            long next = NextEventNs();
            if (next <= now)
            {
                // Something wants service now; after a few turns at the same instant let a microsecond pass.
                if (++sameTime < 64)
                {
                    continue;
                }

                next = now + 1000;
            }

            sameTime = 0;
            Clock.Advance(Math.Min(next, end) - now);
        }

        return done != null && done();
    }

    /// <summary>Lets <paramref name="ms"/> of virtual time pass with every node served.</summary>
    public void Run(long ms) => RunUntil(null, ms);

    /// <summary>Frames every stack has taken in or handed out so far.</summary>
    private long Activity()
    {
        long n = 0;
        foreach (LabNode node in _nodes)
        {
            n += node.Stack.EthernetCounters.FramesIn + node.Stack.EthernetCounters.FramesOut;
        }

        return n;
    }

    /// <summary>The earliest time anything in the lab needs attention.</summary>
    public long NextEventNs()
    {
        long now = Clock.NowNanoseconds;
        long next = Scheduler.NextDueNs ?? long.MaxValue;
        foreach (BoardNode b in _boards)
        {
            long? due = b.Chip.NextDueNanoseconds;
            if (due.HasValue && due.Value < next) next = due.Value;
        }

        foreach (LabNode n in _nodes)
        {
            if (n.Stack.Device.InterruptPending) return now;
            if (n.NextPollNs < next) next = n.NextPollNs;
        }

        return next;
    }

    /// <summary>
    /// Runs what the clock's time makes due: wire events, then the peers with work; repeated while either does
    /// something (bounded). Called on every clock advance, also from inside a board's SPI transaction.
    /// </summary>
    private void Settle()
    {
        if (_settling)
        {
            return;
        }

        _settling = true;
        try
        {
            for (int guard = 0; guard < 10_000; guard++)
            {
                int work = Scheduler.RunDue();
                foreach (PeerNode p in _peers)
                {
                    if (p.NeedsPoll)
                    {
                        p.Poll();
                        work++;
                    }
                }

                if (work == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            _settling = false;
        }
    }

    private void Add(LabNode node, uint address, int prefixLength, uint gateway)
    {
        _nodes.Add(node);
        if (address != 0)
        {
            var error = node.Stack.Configure(address, prefixLength, gateway);
            if (error != NanoIP.Sockets.SocketError.Success)
            {
                throw new ArgumentException(node.Name + ": Configure failed: " + error);
            }
        }
    }

    private byte[] NextMac(byte kind)
    {
        _macCounter++;
        return new byte[] { 0x02, kind, 0x49, 0x50, (byte)(_macCounter >> 8), (byte)_macCounter };
    }

    public void Dispose()
    {
        foreach (BoardNode b in _boards) b.Dispose();
        foreach (EthernetLink l in _links) l.Capture?.Flush();
    }
}
