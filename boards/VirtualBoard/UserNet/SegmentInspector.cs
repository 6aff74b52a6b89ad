namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// The gateway's only look inside frames: the IPv4 framing of a packet from the board to the gateway's address
/// (<see cref="TryTransport"/>, which UdpHostRelay uses for a datagram's port), and the ports and flags of a TCP
/// segment. A SYN (no ACK) opens a connection to a host service, which must be set up on the host before the
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
        sourcePort = 0;
        port = 0;
        flags = 0;
        if (!TryTransport(frame, length, gateway, 6, 20, out source, out int tcp)) return false;
        flags = frame[tcp + 13];
        sourcePort = (frame[tcp] << 8) | frame[tcp + 1];
        port = (frame[tcp + 2] << 8) | frame[tcp + 3];
        return true;
    }

    /// <summary>
    /// An unfragmented IPv4 packet of <paramref name="protocol"/> to <paramref name="gateway"/> in an Ethernet frame,
    /// with at least <paramref name="transportHeader"/> bytes after the IP header: its source and where that starts.
    /// </summary>
    public static bool TryTransport(byte[] frame, int length, uint gateway, int protocol, int transportHeader, out uint source, out int transport)
    {
        source = 0;
        transport = 0;
        if (length < EthernetHeader + 20 + transportHeader || frame[12] != 0x08 || frame[13] != 0x00) return false;
        int ip = EthernetHeader;
        if ((frame[ip] >> 4) != 4 || frame[ip + 9] != protocol) return false;
        int ihl = (frame[ip] & 0x0F) * 4;
        if (ihl < 20 || ((frame[ip + 6] & 0x3F) | frame[ip + 7]) != 0) return false; // fragments go to the stack (dropped there)
        if (Read32(frame, ip + 16) != gateway || length < ip + ihl + transportHeader) return false;
        source = Read32(frame, ip + 12);
        transport = ip + ihl;
        return true;
    }

    private static uint Read32(byte[] b, int i) => ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];
}
