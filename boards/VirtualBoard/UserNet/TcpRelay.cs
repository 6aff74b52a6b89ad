using System.Net.Sockets;
using NanoIP.Transport.Tcp;
using SocketError = NanoIP.Sockets.SocketError;

namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// One relay slot: a host socket (non-blocking) and a connection of the gateway's stack, with a fixed buffer per
/// direction. Bytes go across unchanged; an end of stream goes across as a half-close (host EOF → TCP shutdown
/// of send, board FIN → host Shutdown(Send)) once the bytes before it are through; a reset on either side resets
/// the other (host: close with linger 0). The slot is free again when both directions have ended or on a reset.
/// Only the gateway's thread calls it.
/// </summary>
public sealed class TcpRelay
{
    private const int RoundsPerPump = 8;

    private readonly RelayBuffer _toBoard;
    private readonly RelayBuffer _toHost;
    private Socket _host;
    private int _handle;
    private bool _connecting;
    private long _connectDeadlineMs;
    private bool _hostEof;
    private bool _boardEof;
    private bool _finToBoard;
    private bool _finToHost;

    public TcpRelay(int bufferBytes)
    {
        _toBoard = new RelayBuffer(bufferBytes);
        _toHost = new RelayBuffer(bufferBytes);
    }

    public bool InUse => _host != null;

    /// <summary>The gateway's connection handle while in use.</summary>
    public int Handle => _handle;

    public long BytesToBoard { get; private set; }

    public long BytesToHost { get; private set; }

    /// <summary>A forwarded host connection; <paramref name="handle"/> is connecting to the board (SYN-SENT).</summary>
    public void StartConnecting(Socket host, int handle, long deadlineMs)
    {
        Start(host, handle);
        _connecting = true;
        _connectDeadlineMs = deadlineMs;
    }

    /// <summary>A board connection to a host service: both ends are established.</summary>
    public void StartOpen(Socket host, int handle) => Start(host, handle);

    /// <summary>Moves what can move now; returns how much happened (0: idle). <paramref name="outcome"/> says how a finished relay ended.</summary>
    public int Pump(TcpLayer tcp, long nowMs, out RelayEnd outcome)
    {
        outcome = RelayEnd.Running;
        if (_host == null) return 0;
        if (_connecting)
        {
            TcpState state = tcp.GetState(_handle);
            if (state == TcpState.SynSent || state == TcpState.SynReceived)
            {
                if (nowMs < _connectDeadlineMs) return 0;
                outcome = RelayEnd.BoardConnectFailed;
                ResetBoth(tcp, nowMs);
                return 1;
            }

            if (state == TcpState.Closed)
            {
                outcome = RelayEnd.BoardConnectFailed;
                ResetBoth(tcp, nowMs);
                return 1;
            }

            _connecting = false;
        }

        int work = 0;
        for (int round = 0; round < RoundsPerPump; round++)
        {
            int before = work;
            if (!HostToBoard(tcp, nowMs, ref work, out outcome) || !BoardToHost(tcp, nowMs, ref work, out outcome)) return work + 1;
            if (_finToBoard && _finToHost)
            {
                outcome = RelayEnd.Closed;
                tcp.Close(_handle, nowMs);
                _host.Close();
                Release();
                return work + 1;
            }

            if (work == before) break;
        }

        return work;
    }

    /// <summary>Ends the relay at once (gateway shutting down): both sides reset.</summary>
    public void Abort(TcpLayer tcp, long nowMs)
    {
        if (_host != null) ResetBoth(tcp, nowMs);
    }

    private bool HostToBoard(TcpLayer tcp, long nowMs, ref int work, out RelayEnd outcome)
    {
        outcome = RelayEnd.Running;
        if (!_hostEof && _toBoard.Free > 0)
        {
            int run = _toBoard.FreeRun(out int offset);
            int n = _host.Receive(_toBoard.Data, offset, run, SocketFlags.None, out System.Net.Sockets.SocketError e);
            if (e == System.Net.Sockets.SocketError.Success)
            {
                if (n == 0) _hostEof = true;
                else _toBoard.Commit(n);
                work++;
            }
            else if (e != System.Net.Sockets.SocketError.WouldBlock)
            {
                outcome = RelayEnd.HostReset;
                ResetBoth(tcp, nowMs);
                return false;
            }
        }

        while (_toBoard.Count > 0)
        {
            int run = _toBoard.FilledRun(out int offset);
            SocketError r = tcp.Send(_handle, _toBoard.Data, offset, run, out int sent);
            if (r == SocketError.WouldBlock || (r == SocketError.Success && sent == 0)) break;
            if (r != SocketError.Success)
            {
                outcome = RelayEnd.BoardReset;
                ResetBoth(tcp, nowMs);
                return false;
            }

            _toBoard.Consume(sent);
            BytesToBoard += sent;
            work++;
        }

        if (_hostEof && _toBoard.Count == 0 && !_finToBoard)
        {
            tcp.Shutdown(_handle, TcpShutdown.Send, nowMs);
            _finToBoard = true;
            work++;
        }

        return true;
    }

    private bool BoardToHost(TcpLayer tcp, long nowMs, ref int work, out RelayEnd outcome)
    {
        outcome = RelayEnd.Running;
        if (!_boardEof && _toHost.Free > 0)
        {
            int run = _toHost.FreeRun(out int offset);
            SocketError r = tcp.Receive(_handle, _toHost.Data, offset, run, out int received);
            if (r == SocketError.Success)
            {
                if (received == 0) _boardEof = true;
                else _toHost.Commit(received);
                work++;
            }
            else if (r != SocketError.WouldBlock)
            {
                outcome = RelayEnd.BoardReset;
                FlushThenReset(tcp, nowMs);
                return false;
            }
        }

        while (_toHost.Count > 0)
        {
            int run = _toHost.FilledRun(out int offset);
            int sent = _host.Send(_toHost.Data, offset, run, SocketFlags.None, out System.Net.Sockets.SocketError e);
            if (e == System.Net.Sockets.SocketError.WouldBlock || (e == System.Net.Sockets.SocketError.Success && sent == 0)) break;
            if (e != System.Net.Sockets.SocketError.Success)
            {
                outcome = RelayEnd.HostReset;
                ResetBoth(tcp, nowMs);
                return false;
            }

            _toHost.Consume(sent);
            BytesToHost += sent;
            work++;
        }

        if (_boardEof && _toHost.Count == 0 && !_finToHost)
        {
            _host.Shutdown(SocketShutdown.Send);
            _finToHost = true;
            work++;
        }

        return true;
    }

    /// <summary>The board reset: what it sent before is still owed to the host (best effort, no waiting), then the host is reset.</summary>
    private void FlushThenReset(TcpLayer tcp, long nowMs)
    {
        while (_toHost.Count > 0)
        {
            int run = _toHost.FilledRun(out int offset);
            int sent = _host.Send(_toHost.Data, offset, run, SocketFlags.None, out System.Net.Sockets.SocketError e);
            if (e != System.Net.Sockets.SocketError.Success || sent == 0) break;
            _toHost.Consume(sent);
            BytesToHost += sent;
        }

        ResetBoth(tcp, nowMs);
    }

    private void ResetBoth(TcpLayer tcp, long nowMs)
    {
        tcp.Abort(_handle, nowMs);
        try
        {
            _host.LingerState = new LingerOption(true, 0); // close sends RST
        }
        catch (SocketException)
        {
            // already reset by the peer
        }
        catch (ObjectDisposedException)
        {
        }

        _host.Close();
        Release();
    }

    private void Start(Socket host, int handle)
    {
        _host = host;
        _handle = handle;
        _connecting = false;
        _hostEof = _boardEof = _finToBoard = _finToHost = false;
        _toBoard.Clear();
        _toHost.Clear();
    }

    private void Release()
    {
        _host = null;
        _handle = 0;
        _connecting = false;
    }
}

