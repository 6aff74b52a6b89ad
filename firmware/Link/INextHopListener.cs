namespace NanoIP.Link
{
    /// <summary>
    /// How ARP tells the layer above that a parked packet's next hop never answered. The
    /// frame holds the parked packet (network header at offset); it is only valid during the call.
    /// </summary>
    public interface INextHopListener
    {
        void NextHopUnreachable(byte[] frame, int offset, int length, long nowMs);
    }
}
