namespace NanoIP.VirtualBoard.UserNet;

/// <summary>One --forward rule: host 127.0.0.1:HostPort is relayed to the board's BoardPort (TCP).</summary>
public sealed class PortForward
{
    public PortForward(int hostPort, int boardPort)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hostPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostPort, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(boardPort, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(boardPort, 65535);
        HostPort = hostPort;
        BoardPort = boardPort;
    }

    public int HostPort { get; }

    public int BoardPort { get; }

    /// <summary>"HOSTPORT:BOARDPORT" or "tcp:HOSTPORT:BOARDPORT"; false for anything else (udp is not forwarded).</summary>
    public static bool TryParse(string text, out PortForward forward)
    {
        forward = null;
        if (string.IsNullOrEmpty(text)) return false;
        string[] parts = text.Split(':');
        if (parts.Length == 3)
        {
            if (!string.Equals(parts[0], "tcp", StringComparison.OrdinalIgnoreCase)) return false;
            parts = new[] { parts[1], parts[2] };
        }

        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, null, out int host) || host < 1 || host > 65535
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out int board) || board < 1 || board > 65535)
        {
            return false;
        }

        forward = new PortForward(host, board);
        return true;
    }

    public override string ToString() => "tcp:" + HostPort + ":" + BoardPort;
}
