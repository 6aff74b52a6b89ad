using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// What every TCP service shares: its listening sockets (one or two ports), a fixed array of
    /// connection slots, accepting only while a slot is free (further clients wait in the
    /// listen backlog), the idle timeout, and closing. All sockets are non-blocking and driven
    /// from Poll on the network thread; a service never waits. Subclasses implement Serve.
    /// </summary>
    public abstract class TcpService
    {
        private readonly NetworkContext _context;
        private readonly ServiceOptions _options;
        private readonly int[] _ports;
        private readonly Socket[] _listeners;
        private readonly ServiceConnection[] _connections;
        private readonly string _name;
        private bool _progress;

        /// <summary>Connections accepted, closed by the peer or us, closed as idle, ended by an error (reset).</summary>
        public int Accepted;
        public int Closed;
        public int IdleClosed;
        public int Errors;
        /// <summary>Bytes read and dropped by Drain (discard, chargen's input, HTTP's leftovers).</summary>
        public long BytesReceived;
        /// <summary>Why Start failed, Success when listening.</summary>
        public SocketError StartError;

        protected TcpService(string name, NetworkContext context, ServiceOptions options, int port, int secondPort, int bufferSize, int responseSize)
        {
            _name = name;
            _context = context;
            _options = options;
            _ports = secondPort > 0 ? new int[] { port, secondPort } : new int[] { port };
            _listeners = new Socket[_ports.Length];
            int n = options.ConnectionsPerService < 1 ? 1 : options.ConnectionsPerService;
            _connections = new ServiceConnection[n];
            for (int i = 0; i < n; i++)
            {
                _connections[i] = new ServiceConnection(bufferSize, responseSize);
            }
        }

        public string Name
        {
            get { return _name; }
        }

        public int PortCount
        {
            get { return _ports.Length; }
        }

        public int GetPort(int i)
        {
            return _ports[i];
        }

        public int MaxConnections
        {
            get { return _connections.Length; }
        }

        /// <summary>Connections being served now.</summary>
        public int ActiveConnections
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _connections.Length; i++)
                {
                    if (_connections[i].Socket != null)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        public bool Listening
        {
            get { return _listeners[0] != null; }
        }

        protected NetworkContext Context
        {
            get { return _context; }
        }

        protected ServiceOptions Options
        {
            get { return _options; }
        }

        /// <summary>Opens the listeners; on failure (port taken, no socket) closes what it opened and records StartError.</summary>
        public SocketError Start()
        {
            StartError = SocketError.Success;
            for (int i = 0; i < _ports.Length; i++)
            {
                Socket s = null;
                try
                {
                    s = _context.CreateSocket(SocketType.Stream);
                    // A service disabled and enabled again must not wait out TIME-WAIT of the
                    // connections it closed itself (2 MSL); servers set SO_REUSEADDR for this.
                    s.ReuseAddress = true;
                    s.Bind(new IPEndPoint(IPEndPoint.Any, _ports[i]));
                    s.Listen(_options.Backlog);
                    s.Blocking = false;
                    ConfigureListener(s);
                    _listeners[i] = s;
                }
                catch (SocketException e)
                {
                    if (s != null)
                    {
                        s.Close();
                    }

                    StartError = e.ErrorCode;
                    Stop();
                    break;
                }
            }

            return StartError;
        }

        /// <summary>Closes the listeners and every connection at once (a client whose data we did not read gets RST).</summary>
        public void Stop()
        {
            Stop(null);
        }

        /// <summary>
        /// Closes every connection, then the listeners (clients still in their SYN or accept
        /// queue get RST). With a drain buffer each connection is closed cleanly: what the
        /// client sent and we did not read is read and dropped first (a close with unread
        /// data would be a RST, RFC 2525 §2.17), so it gets what was queued for it and FIN.
        /// Returns how many connections were open.
        /// </summary>
        public int Stop(byte[] drain)
        {
            int closed = 0;
            for (int i = 0; i < _connections.Length; i++)
            {
                ServiceConnection c = _connections[i];
                if (c.Socket == null)
                {
                    continue;
                }

                if (drain != null)
                {
                    DiscardUnread(c.Socket, drain);
                }

                CloseConnection(c);
                Closed++;
                closed++;
            }

            for (int i = 0; i < _listeners.Length; i++)
            {
                if (_listeners[i] != null)
                {
                    _listeners[i].Close();
                    _listeners[i] = null;
                }
            }

            return closed;
        }

        /// <summary>Reads and drops what waits in the receive ring (bounded: the ring holds at most a window).</summary>
        private static void DiscardUnread(Socket s, byte[] drain)
        {
            for (int r = 0; r < 64; r++)
            {
                SocketError e;
                int n = s.Receive(drain, 0, drain.Length, out e);
                if (e != SocketError.Success || n == 0)
                {
                    return;
                }
            }
        }

        /// <summary>
        /// Serves every connection, closes the idle ones, then accepts into free slots (so a
        /// slot freed now goes to a waiting client at once). Returns nowMs when anything moved
        /// (bytes, accept, close: the stack has output to send and a connection may have more
        /// to do than one poll's bounded share), else the earliest time a connection times
        /// out (NetTime.Never when none is open).
        /// </summary>
        public long Poll(long nowMs)
        {
            long next = NetTime.Never;
            _progress = false;
            for (int i = 0; i < _connections.Length; i++)
            {
                next = NetTime.Earliest(next, PollConnection(_connections[i], nowMs));
            }

            for (int l = 0; l < _listeners.Length; l++)
            {
                Socket listener = _listeners[l];
                for (int i = 0; i < _connections.Length && listener != null; i++)
                {
                    ServiceConnection c = _connections[i];
                    if (c.Socket != null)
                    {
                        continue;
                    }

                    if (!listener.Poll(0, SelectMode.SelectRead))
                    {
                        break;
                    }

                    Socket s;
                    try
                    {
                        s = listener.Accept();
                    }
                    catch (SocketException)
                    {
                        break; // Nothing to accept after all; the next poll looks again.
                    }

                    s.Blocking = false;
                    c.Attach(s, nowMs);
                    Accepted++;
                    _progress = true;
                    next = NetTime.Earliest(next, PollConnection(c, nowMs));
                }
            }

            return _progress ? nowMs : next;
        }

        private long PollConnection(ServiceConnection c, long nowMs)
        {
            if (c.Socket == null)
            {
                return NetTime.Never;
            }

            long before = c.LastActivityMs;
            bool keep = Serve(c, nowMs);
            if (c.LastActivityMs != before)
            {
                _progress = true;
            }

            if (!keep)
            {
                CloseConnection(c);
                Closed++;
                return NetTime.Never;
            }

            if (c.Draining)
            {
                if (nowMs >= c.DrainUntilMs)
                {
                    CloseConnection(c);
                    Closed++;
                    return NetTime.Never;
                }

                return c.DrainUntilMs;
            }

            long idleAt = c.LastActivityMs + _options.IdleTimeoutMs;
            if (nowMs >= idleAt)
            {
                // Silent, or not reading what we send: free the slot for the backlog.
                CloseConnection(c);
                IdleClosed++;
                return NetTime.Never;
            }

            return idleAt;
        }

        private void CloseConnection(ServiceConnection c)
        {
            _progress = true;
            c.Socket.Close();
            c.Socket = null;
        }

        /// <summary>Sets options accepted sockets inherit (TCP options live in the control block, as in BSD).</summary>
        protected virtual void ConfigureListener(Socket listener)
        {
        }

        /// <summary>
        /// Moves one connection forward without blocking. False to close it now: the peer
        /// finished and nothing is left to send, or the connection failed (Errors counted).
        /// Progress (bytes in or out) must update c.LastActivityMs.
        /// </summary>
        protected abstract bool Serve(ServiceConnection c, long nowMs);

        /// <summary>For Serve: a receive/send error other than WouldBlock ends the connection.</summary>
        protected bool Failed(SocketError e)
        {
            if (e == SocketError.Success || e == SocketError.WouldBlock)
            {
                return false;
            }

            Errors++;
            return true;
        }

        /// <summary>For Serve: reads and drops what has arrived (at most rounds × scratch). False when the peer closed or the connection failed.</summary>
        protected bool Drain(ServiceConnection c, byte[] scratch, int rounds, long nowMs)
        {
            for (int r = 0; r < rounds; r++)
            {
                SocketError e;
                int n = c.Socket.Receive(scratch, 0, scratch.Length, out e);
                if (Failed(e))
                {
                    return false;
                }

                if (e == SocketError.WouldBlock)
                {
                    return true;
                }

                if (n == 0)
                {
                    c.PeerClosed = true;
                    return false;
                }

                BytesReceived += n;
                c.LastActivityMs = nowMs;
            }

            return true;
        }
    }
}
