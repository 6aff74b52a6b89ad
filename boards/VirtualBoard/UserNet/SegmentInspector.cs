namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// The gateway's look inside TCP frames (UdpHostRelay reads a UDP datagram's port): the ports and flags of a TCP
/// segment from the board to the gateway's address. A SYN (no ACK) opens a connection to a host service, which must be set up on the host before the
/// gateway's stack answers; a RST may end one before the stack has handed it over. Everything else goes to the
/// stack untouched; anything malformed is "not a segment" here (the stack counts it).
/// </summary>
public static class SegmentInspector
{
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Ack = 0x10;

    private const int EthernetHeader = 14;

    public static bool TryRead(byte[] frame, int length, uint gateway, out uint source, out int sourcePort, out int port, out byte flags)
    {
        source = 0;
        sourcePort = 0;
        port = 0;
        flags = 0;
        if (length < EthernetHeader + 20 + 20 || frame[12] != 0x08 || frame[13] != 0x00) return false;
        int ip = EthernetHeader;
        if ((frame[ip] >> 4) != 4 || frame[ip + 9] != 6) return false;
        int ihl = (frame[ip] & 0x0F) * 4;
        if (ihl < 20 || ((frame[ip + 6] & 0x3F) | frame[ip + 7]) != 0) return false; // fragments go to the stack (dropped there)
        if (Read32(frame, ip + 16) != gateway) return false;
        int tcp = ip + ihl;
        if (length < tcp + 20) return false;
        flags = frame[tcp + 13];
        source = Read32(frame, ip + 12);
        sourcePort = (frame[tcp] << 8) | frame[tcp + 1];
        port = (frame[tcp + 2] << 8) | frame[tcp + 3];
        return true;
    }

    private static uint Read32(byte[] b, int i) => ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];
}
