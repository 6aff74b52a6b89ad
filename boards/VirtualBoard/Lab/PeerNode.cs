using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>
/// A peer host: NanoIP's own stack on the wire through an ideal NIC (<see cref="FcsLinkDevice"/>), with no chip
/// model and no CPU time: it answers as fast as the host runs, like a PC on the other end of the cable.
/// </summary>
public sealed class PeerNode : LabNode
{
    public PeerNode(VirtualClock clock, string name, byte[] mac, NetConfig config, int receiveQueueFrames = 64)
        : base(clock, name)
    {
        Device = new FcsLinkDevice(mac, receiveQueueFrames);
        Stack = new NetStack(config ?? new NetConfig(), Device);
    }

    public FcsLinkDevice Device { get; }

    public override IWirePort Port => Device;
}
