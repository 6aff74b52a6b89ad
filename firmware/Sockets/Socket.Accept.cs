namespace NanoIP.Sockets
{
    /// <summary>accept(): the oldest completed connection as a Socket from the table.</summary>
    public sealed partial class Socket
    {
        /// <summary>
        /// Takes the head of the listener's accept queue. Blocking: waits up to
        /// ReceiveTimeout for one (TimedOut); non-blocking: WouldBlock when the queue is
        /// empty (Poll(SelectRead) says when one is there). The new socket is blocking,
        /// inherits ReceiveTimeout/SendTimeout (and, in TCP, NoDelay/KeepAlive/Linger), and
        /// has RemoteEndPoint set. InvalidArgument when not listening.
        /// </summary>
        public Socket Accept()
        {
            SocketError e;
            Socket s = Accept(out e);
            ThrowOnError(e);
            return s;
        }

        private Socket Accept(out SocketError error)
        {
            int incarnation = _incarnation;
            if (!IsStream)
            {
                error = SocketError.OperationNotSupported;
                return null;
            }

            long deadline = DeadlineAfter(_receiveTimeout);
            while (true)
            {
                SocketError e;
                lock (_ctx.SyncRoot)
                {
                    if (!IsCurrentLocked(incarnation))
                    {
                        error = SocketError.NotSocket;
                        return null;
                    }

                    if (_ctx.Table.InUse(SocketType.Stream) == _ctx.Table.Capacity(SocketType.Stream))
                    {
                        // Cannot happen while the table has a slot per TCP block; kept so a
                        // dequeued connection can never be left without an owner.
                        e = SocketError.TooManyOpenSockets;
                    }
                    else
                    {
                        int h;
                        uint address;
                        int port;
                        e = Tcp.Accept(_handle, out h, out address, out port);
                        if (e == SocketError.Success)
                        {
                            Socket s = _ctx.Table.Take(SocketType.Stream);
                            s.AttachAcceptedLocked(h, this);
                            error = SocketError.Success;
                            return s;
                        }

                        if (e == SocketError.WouldBlock)
                        {
                            NoteBlockedLocked();
                        }
                    }
                }

                if (!WaitAgain(ref e, SelectMode.SelectRead, deadline))
                {
                    error = e;
                    return null;
                }
            }
        }
    }
}
