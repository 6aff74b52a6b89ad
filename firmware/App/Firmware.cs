using System;
using NanoIP.App.Console;
using NanoIP.App.Console.Commands;
using NanoIP.Drivers;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;
using NanoIP.Services.Apps;
using NanoIP.Sockets;

namespace NanoIP.App
{
    /// <summary>
    /// The firmware's start-up sequence and network thread, the same on every board:
    /// bring up the Ethernet controller, report it, build the stack and the socket context,
    /// then poll until stopped.
    /// </summary>
    public sealed class Firmware
    {
        /// <summary>Longest sleep of the network thread when nothing is due (a lost interrupt costs at most this).</summary>
        private const int IdleWaitMs = 100;

        private readonly IBoard _board;
        private readonly NetConfig _config;
        private readonly FirmwareOptions _options;
        private ILinkDevice _link;
        private NetStack _stack;
        private NetworkContext _network;
        private DhcpClient _dhcp;
        private DnsResolver _dns;
        private ConsoleShell _console;
        private ServiceHost _services;
        private bool _linkUp;
        private volatile bool _stopRequested;

        public Firmware(IBoard board, NetConfig config)
            : this(board, config, null)
        {
        }

        /// <param name="options">Static address and threading; null: defaults (no address, threaded).</param>
        public Firmware(IBoard board, NetConfig config, FirmwareOptions options)
        {
            if (board == null) throw new ArgumentNullException("board");
            _board = board;
            _config = config == null ? new NetConfig() : config;
            _options = options == null ? new FirmwareOptions() : options;
        }

        public ILinkDevice Link
        {
            get { return _link; }
        }

        public NetConfig Config
        {
            get { return _config; }
        }

        /// <summary>The stack, after Boot.</summary>
        public NetStack Stack
        {
            get { return _stack; }
        }

        /// <summary>The DHCP client (started when FirmwareOptions.Dhcp), after Boot.</summary>
        public DhcpClient Dhcp
        {
            get { return _dhcp; }
        }

        /// <summary>The DNS resolver (servers from the lease or set by hand), after Boot.</summary>
        public DnsResolver Dns
        {
            get { return _dns; }
        }

        /// <summary>The serial console, after Boot (null when FirmwareOptions.Console is off).</summary>
        public ConsoleShell Shell
        {
            get { return _console; }
        }

        /// <summary>Where applications get sockets (Network.CreateSocket), after Boot.</summary>
        public NetworkContext Network
        {
            get { return _network; }
        }

        /// <summary>The TCP services (FirmwareOptions.Services), after Boot; null when none are enabled or available.</summary>
        public ServiceHost Services
        {
            get { return _services; }
        }

        /// <summary>
        /// Starts the Ethernet controller and prints what a user checks first, then builds the
        /// stack (with the static address, if any) and the socket context. False when no
        /// controller answers or the static address is invalid.
        /// </summary>
        public bool Boot()
        {
            IConsolePort console = _board.Console;
            console.Write("NanoIP on " + _board.Name + "\r\n");
            try
            {
                _link = _board.StartEthernet(_config);
            }
            catch (Exception e)
            {
                console.Write("ethernet: " + e.Message + "\r\n");
                return false;
            }

            _link.Poll(_board.NowMs);
            _linkUp = _link.IsLinkUp;
            console.Write(StatusReport.Interface(_link));

            _stack = new NetStack(_config, _link);
            if (_options.Address != 0 && _stack.Configure(_options.Address, _options.PrefixLength, _options.Gateway) != SocketError.Success)
            {
                console.Write("address: invalid static address, prefix or gateway\r\n");
                return false;
            }

            if (_stack.Configured)
            {
                console.Write("      inet " + IPv4.ToString(_stack.Address) + "/" + _stack.PrefixLength.ToString()
                    + (_stack.Gateway != 0 ? "  gateway " + IPv4.ToString(_stack.Gateway) : string.Empty) + "\r\n");
            }

            ISocketWaiter waiter = _options.SingleThreaded
                ? (ISocketWaiter)new PumpingSocketWaiter(new FirmwarePump(this, _board))
                : new ThreadedSocketWaiter(_board, new WakeHandler(_board.Wake));
            _network = new NetworkContext(_config, _stack, _board, waiter);

            _dhcp = new DhcpClient(_config, _stack);
            _dns = new DnsResolver(_config, _stack);
            _dns.ServerSource = _dhcp;
            if (_options.Dhcp)
            {
                _dhcp.Start(_board.NowMs, 0);
            }

            if (_options.Console)
            {
                _console = new ConsoleShell(console, _stack, _network.SyncRoot);
                _console.Context.Network = _network;
                _console.Context.Rebootable = _board as IRebootable;
                _console.Context.Heap = _board as IHeapInfo;
                ServiceCommands.AddDhcp(_console, _dhcp);
                ServiceCommands.AddDns(_console, _dns);
                Log.Sink = _console;
            }

            StartServices(console);
            if (_console != null)
            {
                _console.Register(new ServiceCommand(_services));
            }

            return true;
        }

        /// <summary>
        /// Builds the services chosen in FirmwareOptions.Services (Enabled and Available), opens
        /// the enabled ones' listeners and says which ports are served (a failed one is
        /// reported, the rest run). The others wait for the console's "service enable".
        /// </summary>
        private void StartServices(IConsolePort console)
        {
            ServiceOptions options = _options.Services;
            if (options == null || options.Built == ServiceSet.None)
            {
                return;
            }

            _services = new ServiceHost(_network, options);
            _services.Page.Dhcp = _dhcp;
            _services.Page.Dns = _dns;
            _services.Start();
            if (options.Enabled == ServiceSet.None)
            {
                return;
            }

            string line = "services:";
            for (int i = 0; i < _services.ServiceCount; i++)
            {
                TcpService s = _services.GetService(i);
                if (!_services.IsEnabled(i))
                {
                    continue;
                }

                line = line + " " + s.Name;
                for (int p = 0; p < s.PortCount; p++)
                {
                    line = line + (p == 0 ? " " : ",") + s.GetPort(p).ToString();
                }

                if (s.StartError != SocketError.Success)
                {
                    line = line + " (" + SocketException.Describe(s.StartError) + ")";
                }
            }

            console.Write(line + "\r\n");
        }

        /// <summary>
        /// One turn of the network thread: poll the stack under the socket lock (waking
        /// application threads whose sockets changed), then say how long until the next turn
        /// is due: 0 when work is waiting, else until the stack's next deadline, at most 100 ms.
        /// </summary>
        public int Step()
        {
            long now = _board.NowMs;
            long next = PollOnce();
            if (next <= now)
            {
                return 0;
            }

            long wait = next - now;
            return wait > IdleWaitMs ? IdleWaitMs : (int)wait;
        }

        /// <summary>Polls once at the board's time; returns the stack's next deadline.</summary>
        internal long PollOnce()
        {
            long now = _board.NowMs;
            long next = _network.Poll(now);
            lock (_network.SyncRoot)
            {
                next = NetTime.Earliest(next, NetTime.Earliest(_dhcp.Poll(now), _dns.Poll(now)));
            }

            if (_console != null)
            {
                _console.Poll(now);
                next = NetTime.Earliest(next, _console.NextDueMs);
            }

            if (_services != null)
            {
                // Same thread, after the stack: non-blocking calls only; output they queue
                // makes the next deadline now.
                next = NetTime.Earliest(next, _services.Poll(now));
            }

            if (_link.IsLinkUp != _linkUp)
            {
                _linkUp = _link.IsLinkUp;
                _board.Console.Write(_linkUp ? "link up\r\n" : "link down\r\n");
            }

            return next;
        }

        /// <summary>Runs the network thread until RequestStop, or for at most <paramref name="maxMs"/> of board time (negative: no limit).</summary>
        public void Run(long maxMs)
        {
            long start = _board.NowMs;
            while (!_stopRequested && (maxMs < 0 || _board.NowMs - start < maxMs))
            {
                int wait = Step();
                if (wait > 0)
                {
                    _board.WaitForEvent(wait);
                }
            }
        }

        public void RequestStop()
        {
            _stopRequested = true;
            _board.Wake();
        }
    }
}
