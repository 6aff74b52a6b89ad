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
        private readonly int _footprint;

        public ServiceHost(NetworkContext context, ServiceOptions options)
        {
            if (context == null || options == null)
            {
                throw new System.ArgumentNullException(context == null ? "context" : "options");
            }

            _context = context;
            byte[] scratch = new byte[ScratchSize];
            StatusPage page = new StatusPage(context);
            page.Attach(this);
            ServiceSet on = options.Enabled;
            int count = 0;
            for (int bit = 1; bit <= 8; bit <<= 1)
            {
                if (((int)on & bit) != 0)
                {
                    count++;
                }
            }

            _services = new TcpService[count];
            int i = 0;
            if ((on & ServiceSet.Echo) != 0) _services[i++] = new EchoService(context, options);
            if ((on & ServiceSet.Discard) != 0) _services[i++] = new DiscardService(context, options, scratch);
            if ((on & ServiceSet.Chargen) != 0) _services[i++] = new ChargenService(context, options, scratch);
            if ((on & ServiceSet.Http) != 0) _services[i++] = new HttpService(context, options, scratch, page);

            int slots = options.ConnectionsPerService < 1 ? 1 : options.ConnectionsPerService;
            int echo = (on & ServiceSet.Echo) != 0 ? slots * options.BufferSize : 0;
            int http = (on & ServiceSet.Http) != 0 ? slots * (options.BufferSize + options.ResponseBufferSize) : 0;
            _footprint = ScratchSize + echo + http + count * slots * 64;
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

        /// <summary>Opens every service's listeners; returns how many services failed (each keeps its StartError).</summary>
        public int Start()
        {
            int failed = 0;
            for (int i = 0; i < _services.Length; i++)
            {
                if (_services[i].Start() != SocketError.Success)
                {
                    failed++;
                }
            }

            return failed;
        }

        /// <summary>Closes every listener and connection.</summary>
        public void Stop()
        {
            for (int i = 0; i < _services.Length; i++)
            {
                _services[i].Stop();
            }
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
