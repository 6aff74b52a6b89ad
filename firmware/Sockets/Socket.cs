using NanoIP.Transport.Tcp;
using NanoIP.Transport.Udp;

namespace NanoIP.Sockets
{
    /// <summary>
    /// A BSD socket over NanoIP's TCP or UDP (System.Net.Sockets.Socket's shape, IPv4 only).
    /// Sockets come from NetworkContext.CreateSocket and Accept, never from new: they are
    /// slots of a fixed table made at start-up, and Close gives the slot back, so a Socket
    /// reference must not be used after Close (like a file descriptor number in C).
    ///
    /// Errors throw SocketException (ErrorCode = the BSD errno name); the Send/Receive
    /// overloads with "out SocketError" report instead. Bad arguments throw
    /// ArgumentNullException / ArgumentOutOfRangeException as .NET does. A call on a closed
    /// socket fails with NotSocket. Blocking calls wait with ReceiveTimeout / SendTimeout /
    /// ConnectTimeout (ms, 0 = no limit) and fail with TimedOut.
    /// </summary>
    public sealed partial class Socket : System.IDisposable
    {
        private readonly NetworkContext _ctx;
        private readonly SocketType _type;
        private readonly IPEndPoint _local = new IPEndPoint(0, 0);
        private readonly IPEndPoint _remote = new IPEndPoint(0, 0);
        /// <summary>TCP handle (&gt; 0) or UDP endpoint index (&gt;= 0) while in use.</summary>
        private int _handle;
        /// <summary>Counts how often this slot was handed out, so a call that waited notices a Close meanwhile.</summary>
        private int _incarnation;
        private bool _inUse;
        /// <summary>What the application bound (kept to rebind when a timed-out connect is abandoned).</summary>
        private bool _bound;
        private uint _bindAddress;
        private int _bindPort;

        internal Socket(NetworkContext context, SocketType type)
        {
            _ctx = context;
            _type = type;
        }

        public SocketType SocketType
        {
            get { return _type; }
        }

        /// <summary>The transport's handle (TcpLayer or UdpLayer), for diagnostics and the console.</summary>
        public int Handle
        {
            get { return _handle; }
        }

        /// <summary>Whether this slot is open (false after Close; the table hands out only closed slots).</summary>
        public bool IsOpen
        {
            get { return _inUse; }
        }

        private TcpLayer Tcp
        {
            get { return _ctx.Stack.Tcp; }
        }

        private UdpLayer Udp
        {
            get { return _ctx.Stack.Udp; }
        }

        private bool IsStream
        {
            get { return _type == SocketType.Stream; }
        }

        // ---- the table ---------------------------------------------------------------

        /// <summary>Marks the slot taken with default options (SocketTable, under the lock).</summary>
        internal void Claim()
        {
            _inUse = true;
            _incarnation++;
            _handle = -1;
            _bound = false;
            _bindAddress = 0;
            _bindPort = 0;
            ResetOptions();
        }

        /// <summary>Opens the transport endpoint for a new socket (under the lock).</summary>
        internal SocketError OpenLocked()
        {
            int h;
            SocketError e = IsStream ? Tcp.Open(out h) : Udp.Open(out h);
            _handle = h;
            NoteSignalledLocked();
            return e;
        }

        /// <summary>Takes over a connection Accept dequeued; options as Linux: timeouts inherited, blocking.</summary>
        internal void AttachAcceptedLocked(int handle, Socket listener)
        {
            _handle = handle;
            _bound = true;
            _receiveTimeout = listener._receiveTimeout;
            _sendTimeout = listener._sendTimeout;
            _noDelay = listener._noDelay; // TCP copied the options themselves; keep the mirrors equal.
            _keepAlive = listener._keepAlive;
            _reuseAddress = listener._reuseAddress;
            _lingerEnabled = listener._lingerEnabled;
            _lingerSeconds = listener._lingerSeconds;
            NoteSignalledLocked();
        }

        /// <summary>Gives the slot back and wakes any thread still waiting on it (it will see NotSocket).</summary>
        internal void ReleaseLocked()
        {
            _inUse = false;
            _handle = -1;
            ReadSignal.Set();
            WriteSignal.Set();
        }

        private bool IsCurrentLocked(int incarnation)
        {
            return _inUse && _incarnation == incarnation;
        }

        private static void ThrowOnError(SocketError e)
        {
            if (e != SocketError.Success)
            {
                throw new SocketException(e);
            }
        }

        private void ThrowIfClosed()
        {
            if (!_inUse)
            {
                throw new SocketException(SocketError.NotSocket);
            }
        }

        private static void CheckBuffer(byte[] buffer, int offset, int size)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            if (offset < 0 || offset > buffer.Length)
            {
                throw new System.ArgumentOutOfRangeException("offset");
            }

            if (size < 0 || size > buffer.Length - offset)
            {
                throw new System.ArgumentOutOfRangeException("size");
            }
        }

        // ---- addresses and state -----------------------------------------------------

        /// <summary>
        /// bind(): Address IPEndPoint.Any (0) or the interface's own; Port 0 picks an
        /// ephemeral port. AddressAlreadyInUse, AddressNotAvailable (not our address),
        /// InvalidArgument (already bound, or not CLOSED).
        /// </summary>
        public void Bind(IPEndPoint localEP)
        {
            if (localEP == null)
            {
                throw new System.ArgumentNullException("localEP");
            }

            SocketError e;
            lock (_ctx.SyncRoot)
            {
                ThrowIfClosed();
                e = IsStream ? Tcp.Bind(_handle, localEP.Address, localEP.Port) : Udp.Bind(_handle, localEP.Address, localEP.Port);
                if (e == SocketError.Success)
                {
                    uint a;
                    int p;
                    if (IsStream)
                    {
                        Tcp.GetLocalEndPoint(_handle, out a, out p);
                    }
                    else
                    {
                        Udp.GetLocalEndpoint(_handle, out a, out p);
                    }

                    _bound = true;
                    _bindAddress = a;
                    _bindPort = p;
                }
            }

            ThrowOnError(e);
        }

        /// <summary>
        /// listen(backlog): the SYN queue and the accept queue each hold min(backlog,
        /// NetConfig.MaxSynQueue / MaxAcceptQueue), at least 1; an unbound socket gets an
        /// ephemeral port. OperationNotSupported on a datagram socket, InvalidArgument when
        /// connected.
        /// </summary>
        public void Listen(int backlog)
        {
            SocketError e;
            lock (_ctx.SyncRoot)
            {
                ThrowIfClosed();
                e = IsStream ? Tcp.Listen(_handle, backlog) : SocketError.OperationNotSupported;
            }

            ThrowOnError(e);
        }

        /// <summary>listen() with the largest backlog the configuration allows.</summary>
        public void Listen()
        {
            Listen(int.MaxValue);
        }

        /// <summary>
        /// getsockname(): the local address (0 when bound to any) and port, or null while
        /// unbound. The instance belongs to the socket and is refilled on every read: copy it
        /// to keep it.
        /// </summary>
        public IPEndPoint LocalEndPoint
        {
            get
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowIfClosed();
                    uint a;
                    int p;
                    SocketError e = IsStream ? Tcp.GetLocalEndPoint(_handle, out a, out p) : Udp.GetLocalEndpoint(_handle, out a, out p);
                    if (e != SocketError.Success || p == 0)
                    {
                        return null;
                    }

                    _local.Set(a, p);
                    return _local;
                }
            }
        }

        /// <summary>getpeername(): the connected peer, or null when not connected. Owned by the socket like LocalEndPoint.</summary>
        public IPEndPoint RemoteEndPoint
        {
            get
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowIfClosed();
                    uint a;
                    int p;
                    SocketError e = IsStream ? Tcp.GetRemoteEndPoint(_handle, out a, out p) : Udp.GetRemoteEndpoint(_handle, out a, out p);
                    if (e != SocketError.Success)
                    {
                        return null;
                    }

                    _remote.Set(a, p);
                    return _remote;
                }
            }
        }

        /// <summary>
        /// Whether the socket is connected: a stream in ESTABLISHED, CLOSE-WAIT or FIN-WAIT
        /// (it may still send or receive), a datagram socket with a default peer.
        /// </summary>
        public bool Connected
        {
            get
            {
                lock (_ctx.SyncRoot)
                {
                    if (!_inUse)
                    {
                        return false;
                    }

                    if (!IsStream)
                    {
                        uint a;
                        int p;
                        return Udp.GetRemoteEndpoint(_handle, out a, out p) == SocketError.Success;
                    }

                    TcpState s = Tcp.GetState(_handle);
                    return s == TcpState.Established || s == TcpState.CloseWait || s == TcpState.FinWait1 || s == TcpState.FinWait2;
                }
            }
        }

        /// <summary>FIONREAD: bytes Receive returns now without blocking (a datagram socket: the next datagram's length).</summary>
        public int Available
        {
            get
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowIfClosed();
                    if (IsStream)
                    {
                        return Tcp.Available(_handle);
                    }

                    int n = Udp.NextDatagramLength(_handle);
                    return n < 0 ? 0 : n;
                }
            }
        }

        /// <summary>
        /// SO_ERROR: why the connection failed (e.g. a non-blocking Connect: ConnectionRefused,
        /// TimedOut, HostUnreachable), or a datagram socket's pending ICMP error; Success while
        /// none. Reading does not clear it.
        /// </summary>
        public SocketError Error
        {
            get
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowIfClosed();
                    return IsStream ? Tcp.GetError(_handle) : Udp.PeekError(_handle);
                }
            }
        }

        /// <summary>
        /// shutdown(): Send queues FIN after the data still queued (the peer's Receive returns
        /// 0, it can still send to us); Receive discards what is buffered and what arrives.
        /// NotConnected when there is no connection.
        /// </summary>
        public void Shutdown(SocketShutdown how)
        {
            SocketError e;
            lock (_ctx.SyncRoot)
            {
                ThrowIfClosed();
                if (IsStream)
                {
                    e = Tcp.Shutdown(_handle, (TcpShutdown)(int)how, _ctx.NowMs);
                    _ctx.AfterCallLocked();
                }
                else
                {
                    e = ShutdownDatagramLocked(how);
                }
            }

            ThrowOnError(e);
        }

        /// <summary>The same as Close.</summary>
        public void Dispose()
        {
            Close();
        }
    }
}
