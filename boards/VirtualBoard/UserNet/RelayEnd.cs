namespace NanoIP.VirtualBoard.UserNet;

/// <summary>How a relay ended.</summary>
public enum RelayEnd
{
    Running,
    Closed,
    BoardConnectFailed,
    BoardReset,
    HostReset,
}
