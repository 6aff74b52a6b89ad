using System.Net;
using System.Net.Sockets;
using NanoIP.VirtualBoard.Wire;
using SocketError = NanoIP.Sockets.SocketError;

namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// User-mode networking for the virtual board, no privileges needed: the far end of the board's cable is a
/// gateway running NanoIP's own stack on an ideal NIC (198.18.0.1/24 by default), which answers ARP and ping,
/// relays host ports to board ports (--forward: a listener on 127.0.0.1:HOSTPORT, each connection relayed to
/// BOARD:BOARDPORT by the gateway's stack) and relays the board's connections to the gateway's PORT to
/// 127.0.0.1:PORT (see <see cref="HostServiceConnector"/>), its UDP datagrams too (<see cref="UdpHostRelay"/>).
///
/// One thread only: in real time the wire's thread calls <see cref="Pump"/> on every turn, and frames arrive on
/// that thread too (BoardWire's pump loop); on virtual time (no host sockets) frames arrive on the board's thread
/// as the clock moves and the stack is polled from wire events at its own deadlines. Everything is sized at
/// start-up: relay slots, their buffers, the stack's tables; a host connection that finds no free slot waits in
/// the listener's backlog.
/// </summary>
public sealed class UserNetGateway : IPolledPort, IDisposable
{
    private const int IdleWaitMs = 100;

    private readonly UserNetOptions _options;
    private readonly TcpRelay[] _relays;
    private readonly TcpListener[] _listeners;
    private readonly PortForward[] _forwards;
    private readonly HostServiceConnector _connector;
    private readonly UdpHostRelay _udp;
    private readonly Func<TcpRelay> _freeRelay;
    private readonly Action _scheduledService;
    private WireScheduler _scheduler;
    private bool _realTime;
    private long _scheduledAtNs = long.MaxValue;

    /// <summary>Opens the host listeners of every forward at once: throws SocketException when a host port is taken.</summary>
    public UserNetGateway(UserNetOptions options)
    {
        _options = options ?? new UserNetOptions();
        Device = new FcsLinkDevice(_options.MacAddress, 64);
        int slots = _options.RelaySlots;
        int pending = _options.PendingHostConnects;
        var config = new NetConfig
        {
            FrameBuffers = 16,
            RxFramesPerPoll = 16,
            // every relay's connection, one listener per pending host connect and its embryonic connection,
            // and connections still finishing after close
            TcpSockets = (2 * slots) + (2 * pending),
            TcpSendBufferSize = 16384,
            TcpReceiveBufferSize = 16384,
            TimeWaitEntries = 64,
            MaxSynQueue = pending,
            MaxAcceptQueue = pending,
            SynRetries = 3,
            UdpSockets = UdpHostRelay.Ports, // the relay's ports are the gateway's only UDP sockets
            UdpReceiveBufferSize = 8192,
            IsnSecret = 0x75736e74,
        };
        Stack = new NetStack(config, Device);
        if (Stack.Configure(_options.GatewayAddress, _options.PrefixLength, 0) != SocketError.Success)
        {
            throw new ArgumentException("user-mode gateway: invalid address or prefix");
        }

        _relays = new TcpRelay[slots];
        for (int i = 0; i < slots; i++) _relays[i] = new TcpRelay(_options.RelayBufferBytes);
        _freeRelay = FreeRelay;
        _scheduledService = ScheduledService;
        _connector = new HostServiceConnector(_options.GatewayAddress, pending, _options.HostConnectTimeoutMs);
        _udp = new UdpHostRelay(_options.GatewayAddress, _options.UdpIdleMs);
        _forwards = _options.Forwards.ToArray();
        _listeners = new TcpListener[_forwards.Length];
        try
        {
            for (int i = 0; i < _forwards.Length; i++)
            {
                _listeners[i] = new TcpListener(IPAddress.Loopback, _forwards[i].HostPort);
                _listeners[i].Start(slots);
            }
        }
        catch
        {
            foreach (TcpListener l in _listeners) l?.Stop();
            throw;
        }
    }

    public NetStack Stack { get; }

    public FcsLinkDevice Device { get; }

    public UserNetOptions Options => _options;

    public uint Address => Stack.Address;

    public long ForwardedConnections { get; private set; }

    public long BoardConnectFailures { get; private set; }

    public long Resets { get; private set; }

    public long RelaysClosed { get; private set; }

    /// <summary>Host connections that found every relay slot busy and were left in the backlog (counted once per pump).</summary>
    public long HostConnectionsWaiting { get; private set; }

    public long BytesToBoard { get; private set; }

    public long BytesToHost { get; private set; }

    public HostServiceConnector HostServices => _connector;

    public UdpHostRelay UdpRelay => _udp;

    public int RelaysInUse
    {
        get
        {
            int n = 0;
            foreach (TcpRelay r in _relays) if (r.InUse) n++;
            return n;
        }
    }

    private long NowMs => _scheduler == null ? 0 : _scheduler.Now / 1_000_000;

    public void Attach(LinkEnd end)
    {
        Device.Attach(end);
        _scheduler = end.Link.Scheduler;
        _realTime = _scheduler.Clock is WallClock;
    }

    public void FrameArrived(byte[] frameWithFcs, long nowNs)
    {
        bool hostSide = _realTime && _options.HostServices;
        if (hostSide) _udp.Inspect(frameWithFcs, Stack.Udp);
        if (!hostSide || !_connector.TakeFrame(frameWithFcs, nowNs / 1_000_000, RelaysInUse + _connector.InProgress < _relays.Length))
        {
            Device.FrameArrived(frameWithFcs, nowNs);
        }

        if (!_realTime) ScheduleService(nowNs);
    }

    /// <summary>Real time, on the wire's thread: host sockets, relays and the gateway's stack.</summary>
    public int Pump() => Service(out _);

    public void Dispose()
    {
        long now = NowMs;
        foreach (TcpRelay r in _relays) r.Abort(Stack.Tcp, now);
        foreach (TcpListener l in _listeners) l?.Stop();
        _connector.Dispose();
        _udp.Dispose();
    }

    private int Service(out long nextMs)
    {
        long nowMs = NowMs;
        long nowNs = _scheduler == null ? 0 : _scheduler.Now;
        int work = 0;
        nextMs = Stack.Poll(nowMs);
        if (!_realTime) return 0;
        for (int round = 0; round < 4; round++)
        {
            int w = AcceptForwards(nowMs) + _connector.Pump(Stack.Tcp, Device, nowNs, nowMs, _freeRelay) + PumpRelays(nowMs) + _udp.Pump(Stack.Udp, nowMs);
            if (w == 0) break;
            work += w;
            nextMs = Stack.Poll(nowMs); // sends what the relays queued
        }

        return work;
    }

    private int AcceptForwards(long nowMs)
    {
        int work = 0;
        for (int i = 0; i < _listeners.Length; i++)
        {
            while (_listeners[i].Pending())
            {
                // The board's MAC first: the ARP layer parks one frame per unresolved hop, so a second SYN sent
                // while resolving would be lost and cost a 1 s retransmission. Connections wait in the backlog.
                if (Stack.Arp.Resolve(_options.BoardAddress, nowMs) == NanoIP.Network.IpSendResult.Pending) break;

                TcpRelay relay = RelaysInUse + _connector.InProgress < _relays.Length ? FreeRelay() : null;
                if (relay == null)
                {
                    HostConnectionsWaiting++;
                    break; // stays in the host backlog until a slot frees
                }

                Socket host = _listeners[i].AcceptSocket();
                host.Blocking = false;
                host.NoDelay = true;
                work++;
                ForwardedConnections++;
                var tcp = Stack.Tcp;
                SocketError e = tcp.Open(out int handle);
                if (e == SocketError.Success)
                {
                    tcp.SetNoDelay(handle, true);
                    e = tcp.Connect(handle, _options.BoardAddress, _forwards[i].BoardPort, nowMs);
                    if (e != SocketError.InProgress && e != SocketError.Success) tcp.Close(handle, nowMs);
                }

                if (e != SocketError.InProgress && e != SocketError.Success)
                {
                    BoardConnectFailures++;
                    host.LingerState = new LingerOption(true, 0);
                    host.Close();
                    continue;
                }

                relay.StartConnecting(host, handle, nowMs + _options.HostConnectTimeoutMs);
            }
        }

        return work;
    }

    private int PumpRelays(long nowMs)
    {
        int work = 0;
        foreach (TcpRelay r in _relays)
        {
            if (!r.InUse) continue;
            long toBoard = r.BytesToBoard;
            long toHost = r.BytesToHost;
            work += r.Pump(Stack.Tcp, nowMs, out RelayEnd end);
            BytesToBoard += r.BytesToBoard - toBoard;
            BytesToHost += r.BytesToHost - toHost;
            switch (end)
            {
                case RelayEnd.Closed: RelaysClosed++; break;
                case RelayEnd.BoardConnectFailed: BoardConnectFailures++; break;
                case RelayEnd.BoardReset:
                case RelayEnd.HostReset: Resets++; break;
            }
        }

        return work;
    }

    private TcpRelay FreeRelay()
    {
        foreach (TcpRelay r in _relays) if (!r.InUse) return r;
        return null;
    }

    /// <summary>Virtual time: polls the stack from a wire event at <paramref name="atNs"/>, unless one comes sooner.</summary>
    private void ScheduleService(long atNs)
    {
        if (atNs >= _scheduledAtNs) return;
        _scheduledAtNs = atNs;
        _scheduler.At(atNs, _scheduledService);
    }

    private void ScheduledService()
    {
        long now = _scheduler.Now;
        if (now < _scheduledAtNs) return; // superseded by an earlier one that already ran
        _scheduledAtNs = long.MaxValue;
        Service(out long nextMs);
        if (nextMs != long.MaxValue) ScheduleService(Math.Max(now + 1, Math.Min(nextMs, (now / 1_000_000) + IdleWaitMs) * 1_000_000));
    }
}
