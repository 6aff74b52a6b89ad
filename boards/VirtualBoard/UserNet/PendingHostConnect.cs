using System.Net.Sockets;

namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// A board connection to a host service being set up: the host connect in progress and the board's SYN, held
/// (a copy, FCS included) until the host answers, so the gateway's stack sees the SYN only once a listener waits.
/// </summary>
public sealed class PendingHostConnect
{
    public PendingHostConnect(int maxFrameWithFcs) => Syn = new byte[maxFrameWithFcs];

    public PendingPhase Phase { get; set; }

    public Socket Host { get; set; }

    public uint BoardAddress { get; set; }

    public int BoardPort { get; set; }

    /// <summary>The gateway port the board connects to = the host port on 127.0.0.1.</summary>
    public int Port { get; set; }

    public byte[] Syn { get; }

    public int SynLength { get; set; }

    public long DeadlineMs { get; set; }

    /// <summary>The board sent a RST on this connection before the gateway's stack handed it over.</summary>
    public bool ResetSeen { get; set; }

    public bool Matches(uint boardAddress, int boardPort, int port) =>
        Phase != PendingPhase.Free && BoardAddress == boardAddress && BoardPort == boardPort && Port == port;

    public void Clear()
    {
        Phase = PendingPhase.Free;
        Host = null;
        SynLength = 0;
        ResetSeen = false;
    }
}

