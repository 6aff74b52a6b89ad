namespace NanoIP.Sockets
{
    /// <summary>send() and recv(): on a stream the byte stream, on a datagram socket its connected peer.</summary>
    public sealed partial class Socket
    {
        public int Send(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            return Send(buffer, 0, buffer.Length);
        }

        /// <summary>Send, throwing SocketException on failure.</summary>
        public int Send(byte[] buffer, int offset, int size)
        {
            SocketError e;
            int n = Send(buffer, offset, size, out e);
            ThrowOnError(e);
            return n;
        }

        /// <summary>
        /// Stream: copies into the send ring; the network thread cuts segments from it (MSS,
        /// window, Nagle). Blocking: returns when all size bytes are queued, or with the count
        /// queued so far when SendTimeout passes (TimedOut only if none was). Non-blocking:
        /// queues what fits and returns that count; WouldBlock when nothing fits. Errors:
        /// Shutdown after Shutdown(Send)/Close, NotConnected, the connection's error
        /// (ConnectionReset, TimedOut, ...) once it failed. Datagram: one datagram to the
        /// connected peer (DestinationAddressRequired when none); it never blocks.
        /// </summary>
        public int Send(byte[] buffer, int offset, int size, out SocketError errorCode)
        {
            CheckBuffer(buffer, offset, size);
            if (!IsStream)
            {
                return SendDatagram(buffer, offset, size, null, out errorCode);
            }

            int incarnation = _incarnation;
            long deadline = DeadlineAfter(_sendTimeout);
            int total = 0;
            while (true)
            {
                SocketError e;
                lock (_ctx.SyncRoot)
                {
                    if (!IsCurrentLocked(incarnation))
                    {
                        errorCode = SocketError.NotSocket;
                        return total;
                    }

                    int n;
                    e = Tcp.Send(_handle, buffer, offset + total, size - total, out n);
                    total += n;
                    if (e == SocketError.WouldBlock)
                    {
                        NoteBlockedLocked();
                    }

                    _ctx.AfterCallLocked();
                }

                if (e == SocketError.Success)
                {
                    if (total == size || !_blocking)
                    {
                        errorCode = SocketError.Success;
                        return total;
                    }

                    continue; // The ring filled up: the next attempt waits for space.
                }

                if (!WaitAgain(ref e, SelectMode.SelectWrite, deadline))
                {
                    // Bytes already queued count as sent; the error shows on the next call (BSD).
                    errorCode = total > 0 ? SocketError.Success : e;
                    return total;
                }
            }
        }

        public int Receive(byte[] buffer)
        {
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            return Receive(buffer, 0, buffer.Length);
        }

        /// <summary>Receive, throwing SocketException on failure.</summary>
        public int Receive(byte[] buffer, int offset, int size)
        {
            SocketError e;
            int n = Receive(buffer, offset, size, out e);
            ThrowOnError(e);
            return n;
        }

        /// <summary>
        /// Stream: up to size bytes of what has arrived; 0 means end of stream (the peer's FIN,
        /// or Shutdown(Receive)). Blocking: waits up to ReceiveTimeout for data (TimedOut).
        /// Non-blocking: WouldBlock when nothing has arrived. Data that arrived before a reset
        /// is returned first, then ConnectionReset. Datagram: the next datagram (from the
        /// connected peer if connected), truncated to size with MessageSize.
        /// </summary>
        public int Receive(byte[] buffer, int offset, int size, out SocketError errorCode)
        {
            CheckBuffer(buffer, offset, size);
            if (!IsStream)
            {
                return ReceiveDatagram(buffer, offset, size, null, out errorCode);
            }

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

                    e = Tcp.Receive(_handle, buffer, offset, size, out n);
                    if (e == SocketError.WouldBlock)
                    {
                        NoteBlockedLocked();
                    }
                    else
                    {
                        _ctx.AfterCallLocked(); // A read may owe the peer a window update.
                    }
                }

                if (!WaitAgain(ref e, SelectMode.SelectRead, deadline))
                {
                    errorCode = e;
                    return n;
                }
            }
        }
    }
}
