namespace NanoIP.Sockets
{
    /// <summary>
    /// The socket API's home: it owns the NetStack, the fixed socket table, the lock that
    /// serializes the stack between the network thread and application threads, the clock
    /// timeouts are measured on, and the waiter blocking calls use (ARCHITECTURE §3).
    ///
    /// Threads: the network thread calls Poll (it takes the lock, polls the stack, and signals
    /// sockets whose state changed); application threads call Socket methods, each of which
    /// takes the lock for its non-blocking attempt and waits outside it. Single-threaded use
    /// (tests, a virtual board on virtual time) passes a PumpingSocketWaiter and no network thread.
    /// </summary>
    public sealed class NetworkContext
    {
        private readonly NetStack _stack;
        private readonly IClock _clock;
        private readonly ISocketWaiter _waiter;
        private readonly object _sync;
        private readonly SocketTable _table;

        /// <param name="config">The configuration the stack was built from: it sizes the socket table.</param>
        public NetworkContext(NetConfig config, NetStack stack, IClock clock, ISocketWaiter waiter)
            : this(config, stack, clock, waiter, null)
        {
        }

        /// <param name="syncRoot">The lock to use; share one between contexts whose stacks share a medium or a network thread. Null: a new one.</param>
        public NetworkContext(NetConfig config, NetStack stack, IClock clock, ISocketWaiter waiter, object syncRoot)
        {
            if (config == null || stack == null || clock == null || waiter == null)
            {
                throw new System.ArgumentNullException(config == null ? "config" : stack == null ? "stack" : clock == null ? "clock" : "waiter");
            }

            _stack = stack;
            _clock = clock;
            _waiter = waiter;
            _sync = syncRoot != null ? syncRoot : new object();
            _table = new SocketTable(this, config.TcpSockets, config.UdpSockets);
        }

        public NetStack Stack
        {
            get { return _stack; }
        }

        /// <summary>The lock the network thread holds while polling; hold it to call the stack directly.</summary>
        public object SyncRoot
        {
            get { return _sync; }
        }

        public ISocketWaiter Waiter
        {
            get { return _waiter; }
        }

        /// <summary>
        /// socket(): a Socket from the fixed table, opened on its transport (state CLOSED).
        /// SocketException TooManyOpenSockets when every slot of that type (or every TCP
        /// control block, some of which may still be finishing closed connections) is taken;
        /// ProtocolNotSupported for an unknown type.
        /// </summary>
        public Socket CreateSocket(SocketType type)
        {
            if (type != SocketType.Stream && type != SocketType.Dgram)
            {
                throw new SocketException(SocketError.ProtocolNotSupported);
            }

            lock (_sync)
            {
                Socket s = _table.Take(type);
                if (s == null)
                {
                    throw new SocketException(SocketError.TooManyOpenSockets);
                }

                SocketError e = s.OpenLocked();
                if (e != SocketError.Success)
                {
                    s.ReleaseLocked();
                    throw new SocketException(e);
                }

                return s;
            }
        }

        /// <summary>
        /// One turn of the network thread: polls the stack at nowMs under the lock and wakes
        /// every application thread whose socket changed. Returns when the stack next needs a
        /// poll (NetStack.Poll's answer).
        /// </summary>
        public long Poll(long nowMs)
        {
            lock (_sync)
            {
                long next = _stack.Poll(nowMs);
                _table.SignalChanges();
                return next;
            }
        }

        /// <summary>Sockets of this type the table holds.</summary>
        public int Capacity(SocketType type)
        {
            return _table.Capacity(type);
        }

        /// <summary>Sockets of this type open now.</summary>
        public int SocketsInUse(SocketType type)
        {
            lock (_sync)
            {
                return _table.InUse(type);
            }
        }

        internal long NowMs
        {
            get { return _clock.NowMs; }
        }

        internal SocketTable Table
        {
            get { return _table; }
        }

        /// <summary>After an application call (under the lock): if it queued TCP output, have the network thread send it now.</summary>
        internal void AfterCallLocked()
        {
            if (_stack.Tcp.PollNeeded)
            {
                _waiter.Wake();
            }
        }
    }
}
