namespace NanoIP.Sockets
{
    /// <summary>
    /// Socket options. Timeouts and Blocking live here; the TCP options live in the control
    /// block (so an accepted socket inherits them from its listener, as in BSD) and are
    /// mirrored here only to be restored when a timed-out connect starts over.
    /// </summary>
    public sealed partial class Socket
    {
        private bool _blocking;
        private int _receiveTimeout;
        private int _sendTimeout;
        private int _connectTimeout;
        private bool _broadcast;
        private bool _noDelay;
        private bool _keepAlive;
        private bool _reuseAddress;
        private bool _lingerEnabled;
        private int _lingerSeconds;
        private readonly LingerOption _linger = new LingerOption(false, 0);

        private void ResetOptions()
        {
            _blocking = true;
            _receiveTimeout = 0;
            _sendTimeout = 0;
            _connectTimeout = 0;
            _broadcast = false;
            _noDelay = false;
            _keepAlive = false;
            _reuseAddress = false;
            _lingerEnabled = false;
            _lingerSeconds = 0;
            _shutSend = false;
            _shutReceive = false;
        }

        /// <summary>Pushes the mirrored TCP options into a fresh control block.</summary>
        private void ApplyOptionsLocked()
        {
            Tcp.SetNoDelay(_handle, _noDelay);
            Tcp.SetKeepAlive(_handle, _keepAlive);
            Tcp.SetReuseAddress(_handle, _reuseAddress);
            Tcp.SetLinger(_handle, _lingerEnabled, _lingerSeconds);
        }

        /// <summary>False: calls never wait, they fail with WouldBlock (InProgress for Connect). Default true.</summary>
        public bool Blocking
        {
            get { return _blocking; }
            set { _blocking = value; }
        }

        /// <summary>SO_RCVTIMEO for Receive, ReceiveFrom and Accept, in ms; 0 or -1 = wait forever (default).</summary>
        public int ReceiveTimeout
        {
            get { return _receiveTimeout; }
            set { _receiveTimeout = CheckTimeout(value); }
        }

        /// <summary>SO_SNDTIMEO for Send, and for Connect when ConnectTimeout is 0; in ms, 0 or -1 = wait forever (default).</summary>
        public int SendTimeout
        {
            get { return _sendTimeout; }
            set { _sendTimeout = CheckTimeout(value); }
        }

        /// <summary>
        /// Longest blocking Connect in ms; 0 or -1 (default) = SendTimeout, and if that is 0
        /// too, until TCP gives up (NetConfig.SynRetries: 63 s with the defaults).
        /// </summary>
        public int ConnectTimeout
        {
            get { return _connectTimeout; }
            set { _connectTimeout = CheckTimeout(value); }
        }

        private static int CheckTimeout(int value)
        {
            if (value < -1)
            {
                throw new System.ArgumentOutOfRangeException("value");
            }

            return value == -1 ? 0 : value;
        }

        /// <summary>TCP_NODELAY: send small segments at once instead of coalescing them (Nagle). Streams only.</summary>
        public bool NoDelay
        {
            get
            {
                bool on;
                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    Tcp.GetNoDelay(_handle, out on);
                }

                return on;
            }

            set
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    ThrowOnError(Tcp.SetNoDelay(_handle, value));
                    _noDelay = value;
                    _ctx.AfterCallLocked();
                }
            }
        }

        /// <summary>SO_KEEPALIVE with NetConfig's idle time, interval and probe count. Streams only.</summary>
        public bool KeepAlive
        {
            get
            {
                bool on;
                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    Tcp.GetKeepAlive(_handle, out on);
                }

                return on;
            }

            set
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    ThrowOnError(Tcp.SetKeepAlive(_handle, value));
                    _keepAlive = value;
                }
            }
        }

        /// <summary>SO_REUSEADDR: Bind may take a port held by TIME-WAIT (set it before Bind). Streams only.</summary>
        public bool ReuseAddress
        {
            get { return _reuseAddress; }
            set
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    ThrowOnError(Tcp.SetReuseAddress(_handle, value));
                    _reuseAddress = value;
                }
            }
        }

        /// <summary>
        /// SO_LINGER (see Close). The instance returned belongs to the socket and is refilled
        /// on every read; setting copies the values. LingerTime 0..3600 s (InvalidArgument
        /// otherwise). Streams only.
        /// </summary>
        public LingerOption LingerState
        {
            get
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    bool enabled;
                    int seconds;
                    Tcp.GetLinger(_handle, out enabled, out seconds);
                    _linger.Enabled = enabled;
                    _linger.LingerTime = seconds;
                    return _linger;
                }
            }

            set
            {
                if (value == null)
                {
                    throw new System.ArgumentNullException("value");
                }

                lock (_ctx.SyncRoot)
                {
                    ThrowOnError(StreamOnlyLocked());
                    ThrowOnError(Tcp.SetLinger(_handle, value.Enabled, value.LingerTime));
                    _lingerEnabled = value.Enabled;
                    _lingerSeconds = value.LingerTime;
                }
            }
        }

        /// <summary>SO_BROADCAST: SendTo may address 255.255.255.255 and the subnet's broadcast. Datagram sockets only.</summary>
        public bool Broadcast
        {
            get { return _broadcast; }
            set
            {
                lock (_ctx.SyncRoot)
                {
                    ThrowIfClosed();
                    if (IsStream)
                    {
                        throw new SocketException(SocketError.OperationNotSupported);
                    }

                    ThrowOnError(Udp.SetBroadcast(_handle, value));
                    _broadcast = value;
                }
            }
        }

        private SocketError StreamOnlyLocked()
        {
            if (!_inUse)
            {
                return SocketError.NotSocket;
            }

            return IsStream ? SocketError.Success : SocketError.OperationNotSupported;
        }
    }
}
