using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// The handle API a BSD-style facade maps 1:1. Every call is non-blocking and returns a
    /// SocketError (values through out parameters); a blocking facade waits for Status bits
    /// or ChangeCount to move, polling the layer meanwhile. A handle is an int naming a slot
    /// and its incarnation, so a stale handle never reaches a reused slot (NotSocket).
    /// </summary>
    public sealed partial class TcpLayer
    {
        private TcpConnection Lookup(int handle)
        {
            if (handle <= 0)
            {
                return null;
            }

            int index = handle & IndexMask;
            if (index >= _connections.Length)
            {
                return null;
            }

            TcpConnection c = _connections[index];
            if (c.Owner != TcpOwner.App || c.Generation != (handle >> IndexBits))
            {
                return null;
            }

            return c;
        }

        private static int HandleOf(TcpConnection c)
        {
            return (c.Generation << IndexBits) | c.Index;
        }

        /// <summary>socket(): a CLOSED block from the table. TooManyOpenSockets when none is free.</summary>
        public SocketError Open(out int handle)
        {
            handle = 0;
            TcpConnection c = AllocateConnection();
            if (c == null)
            {
                return SocketError.TooManyOpenSockets;
            }

            c.Owner = TcpOwner.App;
            handle = HandleOf(c);
            return SocketError.Success;
        }

        /// <summary>
        /// bind(): localAddress 0 = any, else it must be the interface address
        /// (AddressNotAvailable); port 0 picks an ephemeral port. AddressAlreadyInUse per the
        /// rules in TcpLayer.Ports.cs (TIME-WAIT holders included unless ReuseAddress).
        /// </summary>
        public SocketError Bind(int handle, uint localAddress, int port)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (c.Bound || c.State != TcpState.Closed || port < 0 || port > 65535)
            {
                return SocketError.InvalidArgument;
            }

            if (localAddress != 0 && localAddress != _ip.LocalAddress)
            {
                return SocketError.AddressNotAvailable;
            }

            if (port == 0)
            {
                port = PickEphemeralPort();
                if (port == 0)
                {
                    return SocketError.AddressAlreadyInUse;
                }
            }
            else if (PortConflict(c, localAddress, port))
            {
                return SocketError.AddressAlreadyInUse;
            }

            c.LocalAddress = localAddress;
            c.LocalPort = port;
            c.Bound = true;
            return SocketError.Success;
        }

        /// <summary>
        /// listen(backlog): SYN queue and accept queue limits = min(backlog, MaxSynQueue /
        /// MaxAcceptQueue), at least 1. An unbound socket gets an ephemeral port. Calling it
        /// again on a listener only changes the limits.
        /// </summary>
        public SocketError Listen(int handle, int backlog)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (c.State == TcpState.Listen)
            {
                c.Queue.Configure(backlog);
                return SocketError.Success;
            }

            if (c.State != TcpState.Closed)
            {
                return SocketError.InvalidArgument;
            }

            if (!c.Bound)
            {
                int port = PickEphemeralPort();
                if (port == 0)
                {
                    return SocketError.AddressAlreadyInUse;
                }

                c.LocalPort = port;
                c.Bound = true;
            }

            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection o = _connections[i];
                if (o != c && o.Owner != TcpOwner.Free && o.State == TcpState.Listen && o.LocalPort == c.LocalPort
                    && (o.LocalAddress == c.LocalAddress || !o.ReuseAddress || !c.ReuseAddress)
                    && (o.LocalAddress == 0 || c.LocalAddress == 0 || o.LocalAddress == c.LocalAddress))
                {
                    return SocketError.AddressAlreadyInUse;
                }
            }

            c.ResetConnection();
            c.Error = SocketError.Success;
            c.State = TcpState.Listen;
            c.Queue.Configure(backlog);
            c.Touch();
            return SocketError.Success;
        }

        /// <summary>accept(): the oldest completed connection, or WouldBlock when the accept queue is empty.</summary>
        public SocketError Accept(int handle, out int newHandle, out uint remoteAddress, out int remotePort)
        {
            newHandle = 0;
            remoteAddress = 0;
            remotePort = 0;
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (c.State != TcpState.Listen)
            {
                return SocketError.InvalidArgument;
            }

            TcpConnection n = c.Queue.DequeueAccept();
            if (n == null)
            {
                return SocketError.WouldBlock;
            }

            n.Owner = TcpOwner.App;
            n.Parent = null;
            newHandle = HandleOf(n);
            remoteAddress = n.RemoteAddress;
            remotePort = n.RemotePort;
            c.Touch();
            return SocketError.Success;
        }

        /// <summary>
        /// connect(), non-blocking: InProgress once the SYN is out (SYN-SENT). The outcome
        /// shows later in GetState/Status/GetError: ESTABLISHED, or ConnectionRefused (RST or
        /// ICMP port unreachable), TimedOut (after SynRetries), HostUnreachable (ARP failed,
        /// ICMP host unreachable), NetworkUnreachable (no route; also returned at once).
        /// </summary>
        public SocketError Connect(int handle, uint remoteAddress, int remotePort, long nowMs)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            switch (c.State)
            {
                case TcpState.Closed:
                    break;
                case TcpState.SynSent:
                case TcpState.SynReceived:
                    return SocketError.AlreadyInProgress;
                case TcpState.Listen:
                    return SocketError.InvalidArgument;
                default:
                    return SocketError.IsConnected;
            }

            if (!IsUnicast(remoteAddress) || remotePort <= 0 || remotePort > 65535)
            {
                return SocketError.InvalidArgument;
            }

            IpSendResult route = _ip.RouteStatus(remoteAddress, nowMs);
            uint local = c.LocalAddress != 0 ? c.LocalAddress : _ip.LocalAddress;
            if (route == IpSendResult.NetworkUnreachable || local == 0)
            {
                return SocketError.NetworkUnreachable;
            }

            if (!c.Bound)
            {
                int port = PickEphemeralPort();
                if (port == 0)
                {
                    return SocketError.AddressAlreadyInUse;
                }

                c.LocalPort = port;
                c.Bound = true;
            }

            if (TupleInUse(c, local, c.LocalPort, remoteAddress, remotePort))
            {
                return SocketError.AddressAlreadyInUse;
            }

            c.LocalAddress = local;
            uint iss = _isn.Next(local, c.LocalPort, remoteAddress, remotePort, nowMs);
            c.StartConnect(remoteAddress, remotePort, iss, nowMs);
            if (c.State == TcpState.Closed)
            {
                return c.Error; // The first SYN already found the destination unreachable.
            }

            return SocketError.InProgress;
        }

        /// <summary>
        /// send(): copies what fits into the send ring (sent may be less than count); WouldBlock
        /// when the ring is full or the connection is not yet established; Shutdown after
        /// shutdown(Send)/close; the connection's error once it failed. Poll sends it.
        /// </summary>
        public SocketError Send(int handle, byte[] buffer, int offset, int count, out int sent)
        {
            sent = 0;
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                return SocketError.InvalidArgument;
            }

            return c.UserSend(buffer, offset, count, out sent);
        }

        /// <summary>
        /// recv(): copies up to count bytes; received = 0 with Success means end of stream
        /// (FIN received, or receive side shut down). WouldBlock while open and empty. After a
        /// reset, data that arrived before it is still returned first, then the error.
        /// </summary>
        public SocketError Receive(int handle, byte[] buffer, int offset, int count, out int received)
        {
            received = 0;
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                return SocketError.InvalidArgument;
            }

            return c.UserReceive(buffer, offset, count, out received);
        }

        /// <summary>shutdown(): Send queues FIN after the data (half-close); Receive discards what arrives.</summary>
        public SocketError Shutdown(int handle, TcpShutdown how, long nowMs)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            return c.UserShutdown(how, nowMs);
        }

        /// <summary>
        /// close(): the handle is invalid on return. Graceful: queued data and FIN still go out
        /// and the block is freed when the exchange ends (TIME-WAIT moves to the table). With
        /// linger on, a RST ends it if it has not finished within the linger time; linger on
        /// with 0 s resets at once, as does closing with unread data. Without linger an
        /// orphan is bounded by NetConfig.DefaultLingerMs. A listener's queued connections are
        /// reset.
        /// </summary>
        public SocketError Close(int handle, long nowMs)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (c.State == TcpState.Listen)
            {
                CloseListener(c, nowMs);
                Release(c);
                return SocketError.Success;
            }

            if (c.UserClose(nowMs))
            {
                Release(c);
            }
            else
            {
                c.Touch();
            }

            return SocketError.Success;
        }

        /// <summary>Abortive close: RST in synchronized states (RFC 9293 §3.10.5), block freed, handle invalid.</summary>
        public SocketError Abort(int handle, long nowMs)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (c.State == TcpState.Listen)
            {
                CloseListener(c, nowMs);
            }
            else
            {
                c.UserAbort(nowMs);
            }

            Release(c);
            return SocketError.Success;
        }

        private void CloseListener(TcpConnection listener, long nowMs)
        {
            listener.Queue.ClearSyn();
            TcpConnection n;
            while ((n = listener.Queue.DequeueAccept()) != null)
            {
                n.Parent = null;
                n.UserAbort(nowMs);
                Release(n);
            }
        }

        /// <summary>The handle's state; Closed for an invalid handle.</summary>
        public TcpState GetState(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? TcpState.Closed : c.State;
        }

        /// <summary>The error that ended the connection (SO_ERROR), Success while none; NotSocket for a bad handle.</summary>
        public SocketError GetError(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? SocketError.NotSocket : c.Error;
        }

        /// <summary>The last soft error (ICMP or unreachable next hop while connected), Success if none.</summary>
        public SocketError GetSoftError(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? SocketError.NotSocket : c.SoftError;
        }

        public SocketError GetLocalEndPoint(int handle, out uint address, out int port)
        {
            address = 0;
            port = 0;
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            address = c.LocalAddress;
            port = c.LocalPort;
            return SocketError.Success;
        }

        public SocketError GetRemoteEndPoint(int handle, out uint address, out int port)
        {
            address = 0;
            port = 0;
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (c.State == TcpState.Closed || c.State == TcpState.Listen)
            {
                return SocketError.NotConnected;
            }

            address = c.RemoteAddress;
            port = c.RemotePort;
            return SocketError.Success;
        }

        /// <summary>Bytes Receive would return now (FIONREAD); 0 for a bad handle.</summary>
        public int Available(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? 0 : c.Rx.Readable;
        }

        /// <summary>Free space in the send ring; 0 for a bad handle.</summary>
        public int SendSpace(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? 0 : c.Tx.Free;
        }

        /// <summary>TcpStatus bits for Poll/select.</summary>
        public int Status(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? TcpStatus.Invalid : c.StatusBits();
        }

        /// <summary>Counts changes on this handle (data, space, state, error, a connection to accept); -1 for a bad handle.</summary>
        public int HandleChangeCount(int handle)
        {
            TcpConnection c = Lookup(handle);
            return c == null ? -1 : c.Changes;
        }

        /// <summary>TCP_NODELAY: no Nagle coalescing of small segments.</summary>
        public SocketError SetNoDelay(int handle, bool on)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            c.NoDelay = on;
            RequestPoll();
            return SocketError.Success;
        }

        public SocketError GetNoDelay(int handle, out bool on)
        {
            TcpConnection c = Lookup(handle);
            on = c != null && c.NoDelay;
            return c == null ? SocketError.NotSocket : SocketError.Success;
        }

        /// <summary>SO_KEEPALIVE with NetConfig's idle, interval and probe count.</summary>
        public SocketError SetKeepAlive(int handle, bool on)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            c.KeepAlive = on;
            c.KeepAliveSent = 0;
            return SocketError.Success;
        }

        public SocketError GetKeepAlive(int handle, out bool on)
        {
            TcpConnection c = Lookup(handle);
            on = c != null && c.KeepAlive;
            return c == null ? SocketError.NotSocket : SocketError.Success;
        }

        /// <summary>SO_LINGER (seconds, as BSD's l_linger). Enabled with 0 makes Close reset.</summary>
        public SocketError SetLinger(int handle, bool enabled, int seconds)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            if (seconds < 0 || seconds > 3600)
            {
                return SocketError.InvalidArgument;
            }

            c.LingerEnabled = enabled;
            c.LingerMs = seconds * 1000;
            return SocketError.Success;
        }

        public SocketError GetLinger(int handle, out bool enabled, out int seconds)
        {
            TcpConnection c = Lookup(handle);
            enabled = c != null && c.LingerEnabled;
            seconds = c == null ? 0 : c.LingerMs / 1000;
            return c == null ? SocketError.NotSocket : SocketError.Success;
        }

        /// <summary>SO_REUSEADDR: bind over TIME-WAIT holders and non-listening ReuseAddress sockets.</summary>
        public SocketError SetReuseAddress(int handle, bool on)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return SocketError.NotSocket;
            }

            c.ReuseAddress = on;
            return SocketError.Success;
        }

        /// <summary>Copies the connection's variables into info; false for a bad handle.</summary>
        public bool GetInfo(int handle, TcpInfo info)
        {
            TcpConnection c = Lookup(handle);
            if (c == null)
            {
                return false;
            }

            c.FillInfo(info);
            return true;
        }

        /// <summary>Control blocks in the table (NetConfig.TcpSockets): the range of GetInfoAt.</summary>
        public int Capacity
        {
            get { return _connections.Length; }
        }

        /// <summary>
        /// netstat: fills info for control block <paramref name="index"/> (0..Capacity-1) if it is
        /// in use (held by a handle, queued for accept, or finishing after close); false if it
        /// is free or out of range. TIME-WAIT entries live in their own table (TimeWaitCount).
        /// </summary>
        public bool GetInfoAt(int index, TcpInfo info)
        {
            if (index < 0 || index >= _connections.Length || _connections[index].Owner == TcpOwner.Free)
            {
                return false;
            }

            _connections[index].FillInfo(info);
            return true;
        }

        /// <summary>Control blocks not in use (neither held by a handle, queued, nor finishing).</summary>
        public int FreeSockets
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _connections.Length; i++)
                {
                    if (_connections[i].Owner == TcpOwner.Free)
                    {
                        n++;
                    }
                }

                return n;
            }
        }
    }
}
