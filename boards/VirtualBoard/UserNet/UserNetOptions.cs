namespace NanoIP.VirtualBoard.UserNet;

/// <summary>How the user-mode gateway at the far end of the board's cable is set up.</summary>
public sealed class UserNetOptions
{
    /// <summary>The gateway's own address on the virtual LAN (host byte order); 198.18.0.1.</summary>
    public uint GatewayAddress { get; set; } = 0xC6120001;

    public int PrefixLength { get; set; } = 24;

    /// <summary>The board's address, which --forward connects to; 198.18.0.2.</summary>
    public uint BoardAddress { get; set; } = 0xC6120002;

    /// <summary>Locally administered MAC of the gateway's ideal NIC.</summary>
    public byte[] MacAddress { get; set; } = { 0x02, 0x4e, 0x49, 0x50, 0x00, 0xfe };

    /// <summary>Host ports relayed to board ports.</summary>
    public IList<PortForward> Forwards { get; } = new List<PortForward>();

    /// <summary>Relay a connection from the board to the gateway's PORT to 127.0.0.1:PORT on the host (needs real time).</summary>
    public bool HostServices { get; set; } = true;

    /// <summary>Connections relayed at once, both directions together (each slot holds two buffers).</summary>
    public int RelaySlots { get; set; } = 16;

    /// <summary>Bytes buffered per direction per slot.</summary>
    public int RelayBufferBytes { get; set; } = 16384;

    /// <summary>Board connections to host services being set up at once (each holds the board's SYN).</summary>
    public int PendingHostConnects { get; set; } = 8;

    /// <summary>A host connect that has not completed by then is given up (the board then sees a refusal).</summary>
    public int HostConnectTimeoutMs { get; set; } = 3000;

    /// <summary>A UDP flow from the board to a host service with no datagram either way for this long ends (as a NAT's would).</summary>
    public int UdpIdleMs { get; set; } = 60_000;

    /// <summary>
    /// The gateway on the board's subnet: its first host address, or its last when the board has the first; the
    /// default 198.18.0.1 for the default 198.18.0.2/24.
    /// </summary>
    public static uint GatewayFor(uint boardAddress, int prefixLength)
    {
        uint mask = prefixLength <= 0 ? 0 : 0xFFFFFFFFu << (32 - prefixLength);
        uint network = boardAddress & mask;
        uint first = network | 1;
        return first != boardAddress ? first : (network | ~mask) - 1;
    }
}
