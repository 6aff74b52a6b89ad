using NanoIP.Transport.Tcp;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>
/// A host in the lab: a NanoIP stack behind some Ethernet port. The lab polls it as its network thread would:
/// whenever its device asks for service, when the stack's own deadline comes, and at least every
/// <see cref="IdleWaitMs"/> (the firmware's longest sleep).
/// </summary>
public abstract class LabNode
{
    /// <summary>Longest the network thread sleeps when nothing is due (Firmware.IdleWaitMs).</summary>
    public const int IdleWaitMs = 100;

    private readonly VirtualClock _clock;

    protected LabNode(VirtualClock clock, string name)
    {
        _clock = clock;
        Name = name;
    }

    public string Name { get; }

    public NetStack Stack { get; protected set; }

    public TcpLayer Tcp => Stack.Tcp;

    public uint Address => Stack.Address;

    /// <summary>The node's Ethernet jack, to plug a cable into.</summary>
    public abstract IWirePort Port { get; }

    /// <summary>Stack polls so far.</summary>
    public long Polls { get; private set; }

    /// <summary>When the stack wants its next poll, in clock nanoseconds.</summary>
    public long NextPollNs { get; private set; }

    /// <summary>True when the device asks for service or the stack's deadline has come.</summary>
    public bool NeedsPoll => Stack.Device.InterruptPending || _clock.NowNanoseconds >= NextPollNs;

    /// <summary>One turn of the network thread at the clock's time (a board's SPI work moves the clock).</summary>
    public void Poll()
    {
        Polls++;
        long nowMs = _clock.NowMs;
        long next = Stack.Poll(nowMs);
        long after = _clock.NowNanoseconds;
        long idle = after + (IdleWaitMs * 1_000_000L);
        if (next == long.MaxValue)
        {
            NextPollNs = idle;
        }
        else if (next <= nowMs)
        {
            NextPollNs = after;
        }
        else
        {
            NextPollNs = Math.Min(idle, next * 1_000_000L);
        }
    }

    public override string ToString() => Name;
}
