using System.Net;
using System.Net.Sockets;
using NanoIP.Transport.Tcp;
using NanoIP.VirtualBoard.Wire;
using SocketError = NanoIP.Sockets.SocketError;

namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// The board reaching host services through the gateway, like slirp: a SYN from the board to the gateway's
/// PORT starts a non-blocking connect to 127.0.0.1:PORT and is held meanwhile. When the host accepts, the
/// gateway's stack gets a listener on PORT and then the SYN; the connection it accepts is paired with the host
/// socket in a relay. When the host refuses (or does not answer in time) the SYN goes to the stack with no
/// listener there, so the board gets the stack's RST: ECONNREFUSED. Listeners live only while a connection
/// waits for them. Fixed tables: pending connects, listeners; a SYN that finds no room is dropped (the board
/// retransmits it).
/// </summary>
public sealed class HostServiceConnector
{
    private readonly PendingHostConnect[] _pending;
    private readonly int[] _listenPort;
    private readonly int[] _listenHandle;
    private readonly uint _gateway;
    private readonly int _timeoutMs;

    public HostServiceConnector(uint gateway, int slots, int timeoutMs)
    {
        _gateway = gateway;
        _timeoutMs = timeoutMs;
        _pending = new PendingHostConnect[slots];
        for (int i = 0; i < slots; i++) _pending[i] = new PendingHostConnect(1518);
        _listenPort = new int[slots];
        _listenHandle = new int[slots];
    }

    public long HostConnects { get; private set; }

    public long HostRefused { get; private set; }

    public long SynsHeld { get; private set; }

    public long SynsDropped { get; private set; }

    /// <summary>Host ends reset because the board's connection ended before the stack handed it over.</summary>
    public long ResetBeforeAccept { get; private set; }

    /// <summary>Connects waiting for the host or for the stack's accept (they will need relay slots).</summary>
    public int InProgress
    {
        get
        {
            int n = 0;
            foreach (PendingHostConnect p in _pending) if (p.Phase != PendingPhase.Free) n++;
            return n;
        }
    }

    /// <summary>
    /// A frame from the board: true when this connector took it (a new SYN, held, or a retransmission of one
    /// still held, dropped); false when it goes to the stack as usual. <paramref name="roomForRelay"/> false makes
    /// new connections go to the stack unanswered by a listener (refused).
    /// </summary>
    public bool TakeFrame(byte[] frame, long nowMs, bool roomForRelay)
    {
        if (!SegmentInspector.TryRead(frame, frame.Length, _gateway, out uint source, out int sourcePort, out int port, out byte flags)) return false;
        if ((flags & SegmentInspector.Rst) != 0)
        {
            // A reset may end the connection inside the stack before it is accepted: then the host end is reset
            // at once instead of at the deadline. The stack still gets the RST.
            foreach (PendingHostConnect p in _pending)
            {
                if (p.Phase == PendingPhase.AwaitingAccept && p.Matches(source, sourcePort, port)) p.ResetSeen = true;
            }

            return false;
        }

        if ((flags & (SegmentInspector.Syn | SegmentInspector.Ack)) != SegmentInspector.Syn) return false;
        PendingHostConnect free = null;
        foreach (PendingHostConnect p in _pending)
        {
            if (p.Matches(source, sourcePort, port)) return p.Phase == PendingPhase.HostConnecting;
            if (free == null && p.Phase == PendingPhase.Free) free = p;
        }

        if (!roomForRelay) return false;
        if (free == null || frame.Length > free.Syn.Length)
        {
            SynsDropped++;
            return true;
        }

        var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, NoDelay = true };
        free.Host = host;
        free.BoardAddress = source;
        free.BoardPort = sourcePort;
        free.Port = port;
        free.DeadlineMs = nowMs + _timeoutMs;
        Array.Copy(frame, free.Syn, frame.Length);
        free.SynLength = frame.Length;
        free.Phase = PendingPhase.HostConnecting;
        SynsHeld++;
        HostConnects++;
        try
        {
            host.Connect(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is System.Net.Sockets.SocketError.WouldBlock or System.Net.Sockets.SocketError.InProgress)
        {
            // completes in Pump
        }
        catch (SocketException)
        {
            host.Close();
            free.Host = null; // refused at once: Pump lets the SYN through
        }

        return true;
    }

    /// <summary>
    /// Completes host connects, opens listeners and lets held SYNs through, pairs accepted connections with
    /// their host sockets. Returns how much happened.
    /// </summary>
    public int Pump(TcpLayer tcp, FcsLinkDevice device, long nowNs, long nowMs, Func<TcpRelay> freeRelay)
    {
        int work = 0;
        foreach (PendingHostConnect p in _pending)
        {
            if (p.Phase == PendingPhase.HostConnecting)
            {
                work += Connecting(p, tcp, device, nowNs, nowMs);
            }
            else if (p.Phase == PendingPhase.AwaitingAccept && nowMs >= p.DeadlineMs)
            {
                // The board never completed the handshake, or reset the connection before it was accepted (both
                // arrived in one poll): the host end is reset too.
                ResetBeforeAccept++;
                Reset(p.Host);
                p.Clear();
                work++;
            }
        }

        for (int i = 0; i < _listenHandle.Length; i++)
        {
            if (_listenHandle[i] == 0) continue;
            while (tcp.Accept(_listenHandle[i], out int handle, out uint remote, out int remotePort) == SocketError.Success)
            {
                work++;
                PendingHostConnect p = Find(remote, remotePort, _listenPort[i]);
                TcpRelay relay = p == null ? null : freeRelay();
                if (relay == null)
                {
                    tcp.Abort(handle, nowMs);
                    if (p != null)
                    {
                        Reset(p.Host);
                        p.Clear();
                    }

                    continue;
                }

                relay.StartOpen(p.Host, handle);
                p.Clear();
            }

            ResetAbandoned(_listenPort[i]);
            if (!Awaited(_listenPort[i]))
            {
                tcp.Close(_listenHandle[i], nowMs);
                _listenHandle[i] = 0;
                _listenPort[i] = 0;
            }
        }

        return work;
    }

    public void Dispose()
    {
        foreach (PendingHostConnect p in _pending)
        {
            p.Host?.Close();
            p.Clear();
        }
    }

    private int Connecting(PendingHostConnect p, TcpLayer tcp, FcsLinkDevice device, long nowNs, long nowMs)
    {
        bool connected = false;
        bool failed = p.Host == null;
        if (!failed)
        {
            try
            {
                if (p.Host.Poll(0, SelectMode.SelectError))
                {
                    failed = true;
                }
                else if (p.Host.Poll(0, SelectMode.SelectWrite))
                {
                    connected = (int)p.Host.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) == 0;
                    failed = !connected;
                }
            }
            catch (SocketException)
            {
                failed = true;
            }
        }

        if (!connected && !failed && nowMs < p.DeadlineMs) return 0;
        if (connected && EnsureListener(tcp, p.Port))
        {
            p.Phase = PendingPhase.AwaitingAccept;
            p.DeadlineMs = nowMs + _timeoutMs;
        }
        else
        {
            HostRefused++;
            p.Host?.Close();
            p.Host = null;
        }

        // The SYN now meets a listener (connected) or none: the stack answers SYN-ACK or RST.
        var syn = new byte[p.SynLength];
        Array.Copy(p.Syn, syn, p.SynLength);
        if (p.Host == null) p.Clear();
        device.FrameArrived(syn, nowNs);
        return 1;
    }

    /// <summary>After the accepts: a connection the board reset before it could be accepted takes its host end along.</summary>
    private void ResetAbandoned(int port)
    {
        foreach (PendingHostConnect p in _pending)
        {
            if (p.Phase == PendingPhase.AwaitingAccept && p.Port == port && p.ResetSeen)
            {
                ResetBeforeAccept++;
                Reset(p.Host);
                p.Clear();
            }
        }
    }

    private static void Reset(Socket host)
    {
        try
        {
            host.LingerState = new LingerOption(true, 0); // close sends RST
        }
        catch (SocketException)
        {
        }

        host.Close();
    }

    private bool EnsureListener(TcpLayer tcp, int port)
    {
        int free = -1;
        for (int i = 0; i < _listenHandle.Length; i++)
        {
            if (_listenHandle[i] != 0 && _listenPort[i] == port) return true;
            if (_listenHandle[i] == 0 && free < 0) free = i;
        }

        if (free < 0 || tcp.Open(out int h) != SocketError.Success) return false;
        if (tcp.Bind(h, _gateway, port) != SocketError.Success || tcp.Listen(h, _pending.Length) != SocketError.Success)
        {
            tcp.Close(h, 0);
            return false;
        }

        _listenHandle[free] = h;
        _listenPort[free] = port;
        return true;
    }

    private PendingHostConnect Find(uint board, int boardPort, int port)
    {
        foreach (PendingHostConnect p in _pending)
        {
            if (p.Phase == PendingPhase.AwaitingAccept && p.Matches(board, boardPort, port)) return p;
        }

        return null;
    }

    private bool Awaited(int port)
    {
        foreach (PendingHostConnect p in _pending)
        {
            if (p.Phase == PendingPhase.AwaitingAccept && p.Port == port) return true;
        }

        return false;
    }
}
