using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// Runs the enabled TCP services (echo, discard, chargen, HTTP) on the socket API from
    /// the network thread: the firmware calls Poll after each stack poll and sleeps no longer
    /// than the deadline it returns. No threads, no blocking calls; every buffer (connection
    /// slots, one shared scratch buffer, HTTP responses) is allocated here.
    /// </summary>
    public sealed class ServiceHost
    {
        /// <summary>Shared by discard (bytes dropped), chargen (lines made) and HTTP (header block): one MSS.</summary>
        private const int ScratchSize = 1460;
        private readonly NetworkContext _context;
        private readonly TcpService[] _services;
        private readonly ServiceSet[] _kinds;
        private readonly byte[] _scratch;
        private readonly StatusPage _page;
        private readonly ServiceSet _bootSet;
        private readonly int _footprint;
        private ServiceSet _enabled;

        public ServiceHost(NetworkContext context, ServiceOptions options)
        {
            if (context == null || options == null)
            {
                throw new System.ArgumentNullException(context == null ? "context" : "options");
            }

            _context = context;
            _scratch = new byte[ScratchSize];
            _page = new StatusPage(context);
            _page.Attach(this);
            ServiceSet built = options.Built;
            int count = 0;
            for (int bit = 1; bit <= 8; bit <<= 1)
            {
                if (((int)built & bit) != 0)
                {
                    count++;
                }
            }

            _services = new TcpService[count];
            _kinds = new ServiceSet[count];
            int i = 0;
            if ((built & ServiceSet.Echo) != 0) Add(ref i, ServiceSet.Echo, new EchoService(context, options));
            if ((built & ServiceSet.Discard) != 0) Add(ref i, ServiceSet.Discard, new DiscardService(context, options, _scratch));
            if ((built & ServiceSet.Chargen) != 0) Add(ref i, ServiceSet.Chargen, new ChargenService(context, options, _scratch));
            if ((built & ServiceSet.Http) != 0) Add(ref i, ServiceSet.Http, new HttpService(context, options, _scratch, _page));
            _bootSet = options.Enabled;

            int slots = options.ConnectionsPerService < 1 ? 1 : options.ConnectionsPerService;
            int echo = (built & ServiceSet.Echo) != 0 ? slots * options.BufferSize : 0;
            int http = (built & ServiceSet.Http) != 0 ? slots * (options.BufferSize + options.ResponseBufferSize) : 0;
            _footprint = ScratchSize + echo + http + count * slots * 64;
        }

        private void Add(ref int i, ServiceSet kind, TcpService service)
        {
            _kinds[i] = kind;
            _services[i] = service;
            i++;
        }

        /// <summary>The status page the HTTP service serves (attach the DHCP client and DNS resolver to it).</summary>
        public StatusPage Page
        {
            get { return _page; }
        }

        /// <summary>Services enabled now (Start enables ServiceOptions.Enabled); a failed one stays enabled with its StartError.</summary>
        public ServiceSet Enabled
        {
            get { return _enabled; }
        }

        /// <summary>Every service this host can run (ServiceOptions.Enabled and Available).</summary>
        public ServiceSet Built
        {
            get
            {
                ServiceSet set = ServiceSet.None;
                for (int i = 0; i < _kinds.Length; i++)
                {
                    set |= _kinds[i];
                }

                return set;
            }
        }

        /// <summary>Which service bit service i is.</summary>
        public ServiceSet GetKind(int i)
        {
            return _kinds[i];
        }

        public bool IsEnabled(int i)
        {
            return (_enabled & _kinds[i]) != 0;
        }

        /// <summary>"running" (listening), "failed" (enabled, but its listeners could not open: StartError) or "disabled".</summary>
        public string StateName(int i)
        {
            if (_services[i].Listening)
            {
                return "running";
            }

            return IsEnabled(i) ? "failed" : "disabled";
        }

        public int ServiceCount
        {
            get { return _services.Length; }
        }

        public TcpService GetService(int i)
        {
            return _services[i];
        }

        /// <summary>The service named name (echo, discard, chargen, http), null if not running.</summary>
        public TcpService Find(string name)
        {
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i].Name == name)
                {
                    return _services[i];
                }
            }

            return null;
        }

        /// <summary>Bytes allocated for the services' buffers (roughly, with per-slot objects).</summary>
        public int FootprintBytes
        {
            get { return _footprint; }
        }

        /// <summary>Enables the services ServiceOptions.Enabled named (boot); returns how many failed (each keeps its StartError).</summary>
        public int Start()
        {
            return Enable(_bootSet);
        }

        /// <summary>
        /// Enables the built services in set and opens the listeners of those not running yet
        /// (run time: the console's "service enable"). Listener sockets come from the table
        /// sized at boot; nothing is allocated but the bound endpoints. Returns how many failed
        /// to open (each keeps its StartError and stays enabled, so a later Enable retries).
        /// </summary>
        public int Enable(ServiceSet set)
        {
            int failed = 0;
            for (int i = 0; i < _services.Length; i++)
            {
                if ((set & _kinds[i]) == 0)
                {
                    continue;
                }

                _enabled |= _kinds[i];
                if (!_services[i].Listening && _services[i].Start() != SocketError.Success)
                {
                    failed++;
                }
            }

            return failed;
        }

        /// <summary>
        /// Disables the services in set: closes their listeners (clients still in the listen
        /// queues get RST) and their connections cleanly (unread input read and dropped, then
        /// FIN after what is queued). Returns how many connections it closed.
        /// </summary>
        public int Disable(ServiceSet set)
        {
            int closed = 0;
            for (int i = 0; i < _services.Length; i++)
            {
                if ((set & _kinds[i]) == 0)
                {
                    continue;
                }

                _enabled &= ~_kinds[i];
                closed += _services[i].Stop(_scratch);
            }

            return closed;
        }

        /// <summary>Closes every listener and connection (all services disabled).</summary>
        public void Stop()
        {
            Disable(ServiceSet.All);
        }

        /// <summary>
        /// One turn on the network thread, after NetStack/NetworkContext.Poll: serves, times out
        /// and accepts connections. Returns nowMs when a service moved bytes, accepted or
        /// closed (the stack should run again at once: output to send, timers armed, more
        /// work), else the earliest idle or drain deadline (NetTime.Never when none).
        /// </summary>
        public long Poll(long nowMs)
        {
            long next = NetTime.Never;
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i].Listening)
                {
                    next = NetTime.Earliest(next, _services[i].Poll(nowMs));
                }
            }

            lock (_context.SyncRoot)
            {
                if (_context.Stack.Tcp.PollNeeded)
                {
                    next = nowMs;
                }
            }

            return next;
        }
    }
}
