namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// A full-duplex 10BASE-T cable between two ports. Each direction serialises on its own (no collisions, no
/// half duplex): frames sent through <see cref="A"/> arrive at B's port, frames sent through <see cref="B"/>
/// at A's. An optional one-way <see cref="LatencyNs"/> models propagation (5 ns/m of cable) or a longer path.
/// A capture, when set, records every frame as it arrives at either end, after the faults of the end it left.
/// </summary>
public sealed class EthernetLink
{
    public EthernetLink(WireScheduler scheduler, long latencyNs = 0)
    {
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        ArgumentOutOfRangeException.ThrowIfNegative(latencyNs);
        LatencyNs = latencyNs;
        A = new LinkEnd(this, "A");
        B = new LinkEnd(this, "B");
        A.Far = B;
        B.Far = A;
    }

    public WireScheduler Scheduler { get; }

    /// <summary>The end plugged into the first port.</summary>
    public LinkEnd A { get; }

    /// <summary>The end plugged into the second port.</summary>
    public LinkEnd B { get; }

    /// <summary>One-way propagation delay added to every frame.</summary>
    public long LatencyNs { get; set; }

    /// <summary>Records frames as they arrive (null: no capture).</summary>
    public PcapWriter Capture { get; set; }

    /// <summary>Plugs a cable between two ports.</summary>
    public static EthernetLink Connect(WireScheduler scheduler, IWirePort a, IWirePort b, long latencyNs = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var link = new EthernetLink(scheduler, latencyNs);
        link.A.Port = a;
        link.B.Port = b;
        a.Attach(link.A);
        b.Attach(link.B);
        return link;
    }
}
