namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// The gateway's only look inside frames: is this a TCP SYN (no ACK) from the board to the gateway's address?
/// Such a SYN opens a connection to a host service, which must be set up on the host before the gateway's stack
/// answers. Everything else goes to the stack untouched; anything malformed is "not a SYN" (the stack counts it).
/// </summary>
public static class SynInspector
{
    private const int EthernetHeader = 14;

    public static bool IsSynTo(byte[] frame, int length, uint gateway, out uint source, out int sourcePort, out int port)
    {
        source = 0;
        sourcePort = 0;
        port = 0;
        if (length < EthernetHeader + 20 + 20 || frame[12] != 0x08 || frame[13] != 0x00) return false;
        int ip = EthernetHeader;
        if ((frame[ip] >> 4) != 4 || frame[ip + 9] != 6) return false;
        int ihl = (frame[ip] & 0x0F) * 4;
        if (ihl < 20 || ((frame[ip + 6] & 0x3F) | frame[ip + 7]) != 0) return false; // fragments go to the stack (dropped there)
        if (Read32(frame, ip + 16) != gateway) return false;
        int tcp = ip + ihl;
        if (length < tcp + 20) return false;
        byte flags = frame[tcp + 13];
        if ((flags & 0x02) == 0 || (flags & 0x10) != 0 || (flags & 0x04) != 0) return false; // SYN, not ACK, not RST
        source = Read32(frame, ip + 12);
        sourcePort = (frame[tcp] << 8) | frame[tcp + 1];
        port = (frame[tcp + 2] << 8) | frame[tcp + 3];
        return true;
    }

    private static uint Read32(byte[] b, int i) => ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];
}
