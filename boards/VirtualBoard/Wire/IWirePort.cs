namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// Something with an Ethernet jack: a chip model, a peer stack's adapter, a switch port, a TAP device.
/// <see cref="EthernetLink"/> plugs a cable end into it; frames on the wire carry their 4-byte FCS.
/// </summary>
public interface IWirePort
{
    /// <summary>The cable is plugged in: frames this port sends go through <paramref name="end"/>.</summary>
    void Attach(LinkEnd end);

    /// <summary>
    /// A frame (FCS included) has fully arrived at <paramref name="nowNs"/>. The array is shared with other
    /// receivers and with captures: read it, copy what must be kept, never change it.
    /// </summary>
    void FrameArrived(byte[] frameWithFcs, long nowNs);
}
