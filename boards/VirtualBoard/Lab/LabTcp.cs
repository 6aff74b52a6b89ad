using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>TCP chores for lab scenarios, on TcpLayer's handle API.</summary>
public static class LabTcp
{
    /// <summary>
    /// Server listens on <paramref name="port"/>, client connects; runs the lab until the client is ESTABLISHED
    /// and the server accepted. False (handles 0) when that does not happen within <paramref name="maxMs"/>.
    /// </summary>
    public static bool Connect(this VirtualLab lab, LabNode client, LabNode server, int port, out int clientHandle, out int serverHandle, out int listener, long maxMs = 10_000)
    {
        clientHandle = 0;
        serverHandle = 0;
        listener = 0;
        TcpLayer s = server.Tcp;
        TcpLayer c = client.Tcp;
        if (s.Open(out listener) != SocketError.Success || s.Bind(listener, 0, port) != SocketError.Success || s.Listen(listener, 4) != SocketError.Success)
        {
            return false;
        }

        if (c.Open(out int h) != SocketError.Success)
        {
            return false;
        }

        SocketError e = c.Connect(h, server.Address, port, lab.NowMs);
        if (e != SocketError.InProgress && e != SocketError.Success)
        {
            return false;
        }

        int accepted = 0;
        int l = listener;
        bool ok = lab.RunUntil(() =>
        {
            if (accepted == 0 && s.Accept(l, out int n, out _, out _) == SocketError.Success) accepted = n;
            return accepted != 0 && c.GetState(h) == TcpState.Established;
        }, maxMs);
        clientHandle = ok ? h : 0;
        serverHandle = ok ? accepted : 0;
        return ok;
    }

    /// <summary>Runs a bulk transfer to its end; returns the virtual nanoseconds it took, or -1 when it did not finish in <paramref name="maxMs"/>.</summary>
    public static long Transfer(this VirtualLab lab, TcpBulkTransfer transfer, long maxMs)
    {
        long t0 = lab.NowNs;
        bool done = lab.RunUntil(() =>
        {
            transfer.Pump();
            return transfer.Done || transfer.Error != SocketError.Success || transfer.EndOfStreamEarly;
        }, maxMs);
        return done && transfer.Done ? lab.NowNs - t0 : -1;
    }
}
