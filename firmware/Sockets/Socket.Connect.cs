using NanoIP.Transport.Tcp;

namespace NanoIP.Sockets
{
    /// <summary>connect() for both socket types.</summary>
    public sealed partial class Socket
    {
        /// <summary>
        /// Stream: the three-way handshake (an unbound socket gets an ephemeral port).
        /// Blocking: waits until ESTABLISHED, or fails with ConnectionRefused (RST, ICMP port
        /// unreachable), HostUnreachable (no ARP reply, ICMP), NetworkUnreachable (no route:
        /// at once), TimedOut (TCP's SYN retries ran out, or ConnectTimeout / SendTimeout
        /// passed: the attempt is then abandoned and the socket is CLOSED again, still bound
        /// to what Bind gave it). Non-blocking: throws InProgress (EINPROGRESS) once the SYN is
        /// out; Poll(SelectWrite) turns true when it has finished, and Error (SO_ERROR) says
        /// whether it failed. AlreadyInProgress / IsConnected as BSD.
        /// Datagram: sets the default destination and accepts datagrams only from it.
        /// </summary>
        public void Connect(IPEndPoint remoteEP)
        {
            if (remoteEP == null)
            {
                throw new System.ArgumentNullException("remoteEP");
            }

            ThrowOnError(Connect(remoteEP.Address, remoteEP.Port));
        }

        private SocketError Connect(uint address, int port)
        {
            int incarnation = _incarnation;
            SocketError e;
            if (!IsStream)
            {
                lock (_ctx.SyncRoot)
                {
                    e = IsCurrentLocked(incarnation) ? Udp.Connect(_handle, address, port) : SocketError.NotSocket;
                    if (e == SocketError.Success)
                    {
                        _shutSend = false;
                        _shutReceive = false;
                    }
                }

                return e;
            }

            long deadline = DeadlineAfter(_connectTimeout > 0 ? _connectTimeout : _sendTimeout);
            lock (_ctx.SyncRoot)
            {
                e = IsCurrentLocked(incarnation) ? Tcp.Connect(_handle, address, port, _ctx.NowMs) : SocketError.NotSocket;
                _ctx.AfterCallLocked();
            }

            if (e != SocketError.InProgress || !_blocking)
            {
                return e;
            }

            while (true)
            {
                lock (_ctx.SyncRoot)
                {
                    if (!IsCurrentLocked(incarnation))
                    {
                        return SocketError.NotSocket;
                    }

                    TcpState state = Tcp.GetState(_handle);
                    if (state == TcpState.Closed)
                    {
                        e = Tcp.GetError(_handle);
                        return e != SocketError.Success ? e : SocketError.ConnectionAborted;
                    }

                    if (state != TcpState.SynSent && state != TcpState.SynReceived)
                    {
                        return SocketError.Success;
                    }

                    NoteBlockedLocked();
                }

                if (!_ctx.Waiter.Wait(this, SelectMode.SelectWrite, deadline))
                {
                    lock (_ctx.SyncRoot)
                    {
                        if (IsCurrentLocked(incarnation))
                        {
                            AbandonConnectLocked();
                        }
                    }

                    return SocketError.TimedOut;
                }
            }
        }

        /// <summary>
        /// The connect timeout passed before TCP gave up: drop the attempt (no RST is owed in
        /// SYN-SENT) and start over with a CLOSED block bound as the application bound it.
        /// </summary>
        private void AbandonConnectLocked()
        {
            long now = _ctx.NowMs;
            Tcp.Abort(_handle, now);
            int h;
            if (Tcp.Open(out h) != SocketError.Success)
            {
                _handle = -1; // The block was just freed, so this needs another thread racing for it.
                return;
            }

            _handle = h;
            ApplyOptionsLocked(); // ReuseAddress before Bind.
            if (_bound)
            {
                Tcp.Bind(h, _bindAddress, _bindPort);
            }

            NoteSignalledLocked();
        }
    }
}
