namespace NanoIP.Services.Apps
{
    /// <summary>
    /// Which services a ServiceHost runs and their fixed limits; every buffer is sized from
    /// these at construction. Each service takes one TCP control block per listening port plus
    /// one per connection (TcpSocketsNeeded): NetConfig.TcpSockets must leave room for them
    /// and for the application's own sockets.
    /// </summary>
    public sealed class ServiceOptions
    {
        /// <summary>Services started at boot; None (default) runs nothing.</summary>
        public ServiceSet Enabled = ServiceSet.None;
        /// <summary>
        /// Services the console may start later ("service enable NAME") besides Enabled: their
        /// buffers are allocated and their TCP control blocks counted in TcpSocketsNeeded at boot,
        /// so enabling one at run time allocates nothing and finds its sockets free. None
        /// (default): only Enabled.
        /// </summary>
        public ServiceSet Available = ServiceSet.None;
        /// <summary>Connections served at once per service; more clients wait in the listen backlog.</summary>
        public int ConnectionsPerService = 2;
        /// <summary>listen() backlog per port (capped by NetConfig.MaxSynQueue/MaxAcceptQueue).</summary>
        public int Backlog = 2;
        /// <summary>A connection without a byte received or sent for this long is closed.</summary>
        public int IdleTimeoutMs = 60000;
        /// <summary>Echo's per-connection buffer, and the largest HTTP request head (request line + headers).</summary>
        public int BufferSize = 1024;
        /// <summary>HTTP's per-connection response buffer (headers + body); a longer status page is cut.</summary>
        public int ResponseBufferSize = 4096;
        /// <summary>After an HTTP response (FIN sent), how long unread request bytes are drained before the socket is closed anyway.</summary>
        public int DrainTimeoutMs = 2000;

        public int EchoPort = 7;
        public int DiscardPort = 9;
        /// <summary>Second discard port (iperf2's default, 5001); 0 = none.</summary>
        public int DiscardIperfPort = 5001;
        public int ChargenPort = 19;
        public int HttpPort = 80;

        /// <summary>Enabled and Available together: every service the ServiceHost builds.</summary>
        public ServiceSet Built
        {
            get { return Enabled | Available; }
        }

        /// <summary>TCP control blocks the built services (Enabled and Available) hold when all run and every connection slot is busy.</summary>
        public int TcpSocketsNeeded
        {
            get
            {
                ServiceSet built = Built;
                int n = 0;
                if ((built & ServiceSet.Echo) != 0) n += 1 + ConnectionsPerService;
                if ((built & ServiceSet.Discard) != 0) n += (DiscardIperfPort > 0 ? 2 : 1) + ConnectionsPerService;
                if ((built & ServiceSet.Chargen) != 0) n += 1 + ConnectionsPerService;
                if ((built & ServiceSet.Http) != 0) n += 1 + ConnectionsPerService;
                return n;
            }
        }

        /// <summary>The name of one service bit (echo, discard, chargen, http), null for anything else.</summary>
        public static string NameOf(ServiceSet service)
        {
            switch (service)
            {
                case ServiceSet.Echo: return "echo";
                case ServiceSet.Discard: return "discard";
                case ServiceSet.Chargen: return "chargen";
                case ServiceSet.Http: return "http";
                default: return null;
            }
        }

        /// <summary>
        /// Parses a comma-separated list of echo, discard, chargen, http, all or none (case
        /// insensitive, spaces ignored) as for a command line or the console; false on an unknown name.
        /// </summary>
        public static bool TryParse(string list, out ServiceSet set)
        {
            set = ServiceSet.None;
            if (list == null)
            {
                return false;
            }

            int start = 0;
            while (start <= list.Length)
            {
                int end = list.IndexOf(',', start);
                if (end < 0)
                {
                    end = list.Length;
                }

                string name = list.Substring(start, end - start).Trim().ToLower();
                if (name == "echo") set |= ServiceSet.Echo;
                else if (name == "discard") set |= ServiceSet.Discard;
                else if (name == "chargen") set |= ServiceSet.Chargen;
                else if (name == "http") set |= ServiceSet.Http;
                else if (name == "all") set |= ServiceSet.All;
                else if (name.Length != 0 && name != "none") return false;
                start = end + 1;
            }

            return true;
        }
    }
}
