namespace NanoIP.Sockets
{
    /// <summary>sendto() and recvfrom() on datagram sockets, and their shutdown flags.</summary>
    public sealed partial class Socket
    {
        /// <summary>Set by Shutdown on a connected datagram socket (BSD allows it): Send fails with Shutdown, Receive returns 0.</summary>
        private bool _shutSend;
        private bool _shutReceive;

        public int SendTo(byte[] buffer, IPEndPoint remoteEP)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            return SendTo(buffer, 0, buffer.Length, remoteEP);
        }

        /// <summary>
        /// One datagram to remoteEP (an unbound socket gets an ephemeral port). Never blocks:
        /// a datagram waiting for ARP counts as sent. MessageSize above the MTU's payload,
        /// AccessDenied to a broadcast address without Broadcast, NetworkUnreachable,
        /// HostUnreachable (ARP failed recently), NoBufferSpace; a connected socket first
        /// reports a pending ICMP error (ConnectionRefused). OperationNotSupported on a stream.
        /// </summary>
        public int SendTo(byte[] buffer, int offset, int size, IPEndPoint remoteEP)
        {
            CheckBuffer(buffer, offset, size);
            if (remoteEP == null)
            {
                throw new System.ArgumentNullException("remoteEP");
            }

            if (IsStream)
            {
                throw new SocketException(SocketError.OperationNotSupported);
            }

            SocketError e;
            int n = SendDatagram(buffer, offset, size, remoteEP, out e);
            ThrowOnError(e);
            return n;
        }

        public int ReceiveFrom(byte[] buffer, ref IPEndPoint remoteEP)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            return ReceiveFrom(buffer, 0, buffer.Length, ref remoteEP);
        }

        /// <summary>
        /// The next datagram and its sender. remoteEP is filled in place (a null one is
        /// replaced by a new IPEndPoint: pass one to stay allocation-free). Blocking: waits up
        /// to ReceiveTimeout (TimedOut); non-blocking: WouldBlock. A datagram longer than size
        /// is truncated, the rest discarded, and MessageSize thrown, as .NET does.
        /// OperationNotSupported on a stream.
        /// </summary>
        public int ReceiveFrom(byte[] buffer, int offset, int size, ref IPEndPoint remoteEP)
        {
            CheckBuffer(buffer, offset, size);
            if (IsStream)
            {
                throw new SocketException(SocketError.OperationNotSupported);
            }

            if (remoteEP == null)
            {
                remoteEP = new IPEndPoint(0, 0);
            }

            SocketError e;
            int n = ReceiveDatagram(buffer, offset, size, remoteEP, out e);
            ThrowOnError(e);
            return n;
        }

        /// <summary>to null: the connected peer.</summary>
        private int SendDatagram(byte[] buffer, int offset, int size, IPEndPoint to, out SocketError errorCode)
        {
            lock (_ctx.SyncRoot)
            {
                if (!_inUse)
                {
                    errorCode = SocketError.NotSocket;
                }
                else if (_shutSend)
                {
                    errorCode = SocketError.Shutdown;
                }
                else if (to == null)
                {
                    errorCode = Udp.Send(_handle, buffer, offset, size, _ctx.NowMs);
                }
                else
                {
                    errorCode = Udp.SendTo(_handle, buffer, offset, size, to.Address, to.Port, _ctx.NowMs);
                }
            }

            return errorCode == SocketError.Success ? size : 0;
        }

        /// <summary>from null: the sender is not wanted.</summary>
        private int ReceiveDatagram(byte[] buffer, int offset, int size, IPEndPoint from, out SocketError errorCode)
        {
            int incarnation = _incarnation;
            long deadline = DeadlineAfter(_receiveTimeout);
            while (true)
            {
                SocketError e;
                int n;
                lock (_ctx.SyncRoot)
                {
                    if (!IsCurrentLocked(incarnation))
                    {
                        errorCode = SocketError.NotSocket;
                        return 0;
                    }

                    if (_shutReceive)
                    {
                        errorCode = SocketError.Success;
                        return 0;
                    }

                    uint address;
                    int port;
                    e = Udp.ReceiveFrom(_handle, buffer, offset, size, out n, out address, out port);
                    if (from != null && (e == SocketError.Success || e == SocketError.MessageSize))
                    {
                        from.Set(address, port);
                    }

                    if (e == SocketError.WouldBlock)
                    {
                        NoteBlockedLocked();
                    }
                }

                if (!WaitAgain(ref e, SelectMode.SelectRead, deadline))
                {
                    errorCode = e;
                    return n;
                }
            }
        }

        private SocketError ShutdownDatagramLocked(SocketShutdown how)
        {
            uint a;
            int p;
            if (Udp.GetRemoteEndpoint(_handle, out a, out p) != SocketError.Success)
            {
                return SocketError.NotConnected;
            }

            _shutReceive |= how != SocketShutdown.Send;
            _shutSend |= how != SocketShutdown.Receive;
            return SocketError.Success;
        }
    }
}
