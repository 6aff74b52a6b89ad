using System.Net;
using System.Net.Sockets;
using NanoIP.Transport.Udp;
using SocketError = NanoIP.Sockets.SocketError;

namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// UDP from the board to the gateway's PORT reaches 127.0.0.1:PORT, and the host's answers come back from the
/// gateway's PORT, as a NAT would carry them. A datagram from the board to a port the gateway does not serve yet
/// opens it: the gateway's stack binds a UDP socket on PORT before the frame reaches it. Each board source port
/// talking to PORT is a flow with its own host socket, so answers go back to the right board socket. Idle flows
/// end (UserNetOptions.UdpIdleMs), a port with no flow left is unbound. Bounded: <see cref="Ports"/> gateway ports,
/// <see cref="Flows"/> flows, one datagram buffer; what finds no room is dropped and counted, as UDP may be.
/// </summary>
public sealed class UdpHostRelay : IDisposable
{
    public const int Ports = 8;
    public const int Flows = 16;

    private readonly uint _gateway;
    private readonly long _idleMs;
    private readonly int[] _portHandle = new int[Ports];
    private readonly int[] _port = new int[Ports];
    private readonly Socket[] _flowHost = new Socket[Flows];
    private readonly int[] _flowPort = new int[Flows];
    private readonly int[] _flowBoardPort = new int[Flows];
    private readonly uint[] _flowBoard = new uint[Flows];
    private readonly long[] _flowLastMs = new long[Flows];
    private readonly byte[] _datagram = new byte[65535];

    public UdpHostRelay(uint gateway, long idleMs)
    {
        _gateway = gateway;
        _idleMs = idleMs;
    }

    public long DatagramsToHost { get; private set; }

    public long DatagramsToBoard { get; private set; }

    /// <summary>Datagrams dropped: every port or flow slot busy, or the host refused (nothing listens on PORT).</summary>
    public long Dropped { get; private set; }

    /// <summary>Gateway ports with a socket for host services now.</summary>
    public int PortsInUse
    {
        get
        {
            int n = 0;
            foreach (int p in _port) if (p != 0) n++;
            return n;
        }
    }

    public int FlowsInUse
    {
        get
        {
            int n = 0;
            foreach (Socket s in _flowHost) if (s != null) n++;
            return n;
        }
    }

    /// <summary>
    /// A frame from the board, before the stack sees it: a UDP datagram to the gateway's address makes sure the
    /// stack has a socket on its port. Never consumes the frame.
    /// </summary>
    public void Inspect(byte[] frame, UdpLayer udp)
    {
        if (!SegmentInspector.TryTransport(frame, frame.Length, _gateway, 17, 8, out _, out int udpAt)) return;
        int port = (frame[udpAt + 2] << 8) | frame[udpAt + 3];
        if (port == 0 || PortSlot(port) >= 0) return;
        for (int i = 0; i < Ports; i++)
        {
            if (_port[i] != 0) continue;
            if (udp.Open(out int handle) != SocketError.Success) break;
            if (udp.Bind(handle, 0, port) != SocketError.Success)
            {
                udp.Close(handle); // a port the gateway serves itself
                return;
            }

            _portHandle[i] = handle;
            _port[i] = port;
            return;
        }

        Dropped++;
    }

    /// <summary>Moves what is waiting both ways; returns the number of datagrams moved.</summary>
    public int Pump(UdpLayer udp, long nowMs)
    {
        int work = 0;
        for (int i = 0; i < Ports; i++)
        {
            if (_port[i] == 0) continue;
            while (udp.ReceiveFrom(_portHandle[i], _datagram, 0, _datagram.Length, out int n, out uint board, out int boardPort) == SocketError.Success)
            {
                work++;
                Socket host = Flow(_port[i], board, boardPort, nowMs);
                if (host == null)
                {
                    Dropped++;
                    continue;
                }

                try
                {
                    host.Send(_datagram, 0, n, SocketFlags.None);
                    DatagramsToHost++;
                }
                catch (SocketException)
                {
                    Dropped++; // ECONNREFUSED from an earlier datagram's ICMP, or a full host buffer
                }
            }
        }

        for (int f = 0; f < Flows; f++)
        {
            Socket host = _flowHost[f];
            if (host == null) continue;
            while (host.Available > 0)
            {
                int n;
                try
                {
                    n = host.Receive(_datagram, 0, _datagram.Length, SocketFlags.None);
                }
                catch (SocketException)
                {
                    Dropped++;
                    break;
                }

                work++;
                _flowLastMs[f] = nowMs;
                int slot = PortSlot(_flowPort[f]);
                if (slot >= 0 && udp.SendTo(_portHandle[slot], _datagram, 0, n, _flowBoard[f], _flowBoardPort[f], nowMs) == SocketError.Success)
                {
                    DatagramsToBoard++;
                }
                else
                {
                    Dropped++;
                }
            }

            if (nowMs - _flowLastMs[f] >= _idleMs) EndFlow(f, udp);
        }

        return work;
    }

    public void Dispose()
    {
        foreach (Socket s in _flowHost) s?.Dispose();
    }

    private Socket Flow(int port, uint board, int boardPort, long nowMs)
    {
        int free = -1;
        for (int f = 0; f < Flows; f++)
        {
            if (_flowHost[f] == null)
            {
                if (free < 0) free = f;
                continue;
            }

            if (_flowPort[f] == port && _flowBoard[f] == board && _flowBoardPort[f] == boardPort)
            {
                _flowLastMs[f] = nowMs;
                return _flowHost[f];
            }
        }

        if (free < 0) return null;
        var host = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        host.Connect(new IPEndPoint(IPAddress.Loopback, port));
        _flowHost[free] = host;
        _flowPort[free] = port;
        _flowBoard[free] = board;
        _flowBoardPort[free] = boardPort;
        _flowLastMs[free] = nowMs;
        return host;
    }

    private void EndFlow(int f, UdpLayer udp)
    {
        _flowHost[f].Dispose();
        _flowHost[f] = null;
        int port = _flowPort[f];
        for (int g = 0; g < Flows; g++)
        {
            if (_flowHost[g] != null && _flowPort[g] == port) return;
        }

        int slot = PortSlot(port);
        if (slot < 0) return;
        udp.Close(_portHandle[slot]);
        _port[slot] = 0;
    }

    private int PortSlot(int port)
    {
        for (int i = 0; i < Ports; i++) if (_port[i] == port) return i;
        return -1;
    }
}
