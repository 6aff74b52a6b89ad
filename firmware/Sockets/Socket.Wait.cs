using NanoIP.Transport.Tcp;

namespace NanoIP.Sockets
{
    /// <summary>
    /// Readiness (Poll) and the machinery every blocking call shares: note the socket's
    /// change count when an attempt would block, let the waiter wait for it to move, try
    /// again. The network thread sets the two events when the count moves.
    /// </summary>
    public sealed partial class Socket
    {
        /// <summary>Set when the socket changes; waited on by readers (Receive, Accept, Poll read/error).</summary>
        internal readonly System.Threading.AutoResetEvent ReadSignal = new System.Threading.AutoResetEvent(false);
        /// <summary>Set when the socket changes; waited on by writers (Send, Connect, Poll write), so one thread can send while another receives.</summary>
        internal readonly System.Threading.AutoResetEvent WriteSignal = new System.Threading.AutoResetEvent(false);
        private int _blockedChanges;
        private int _signalledChanges;

        /// <summary>
        /// poll()/select() on this socket: whether mode is ready, waiting up to microSeconds
        /// (0: just look; -1: no limit). SelectRead: data, end of stream, an error, or (a
        /// listener) a connection to accept. SelectWrite: room to send, or a non-blocking
        /// Connect has finished (check Error). SelectError: the connection failed (Error says
        /// why), or a datagram socket holds an ICMP error. Independent of Blocking.
        /// </summary>
        public bool Poll(int microSeconds, SelectMode mode)
        {
            int incarnation = _incarnation;
            long deadline = microSeconds < 0 ? NetTime.Never : NetTime.After(_ctx.NowMs, ((long)microSeconds + 999) / 1000);
            while (true)
            {
                lock (_ctx.SyncRoot)
                {
                    if (!IsCurrentLocked(incarnation))
                    {
                        throw new SocketException(SocketError.NotSocket);
                    }

                    if (ReadyLocked(mode))
                    {
                        return true;
                    }

                    NoteBlockedLocked();
                }

                if (microSeconds == 0 || !_ctx.Waiter.Wait(this, mode, deadline))
                {
                    return false;
                }
            }
        }

        private bool ReadyLocked(SelectMode mode)
        {
            if (IsStream)
            {
                int status = Tcp.Status(_handle);
                if ((status & TcpStatus.Invalid) != 0)
                {
                    return true; // POLLNVAL: the next call reports it.
                }

                int bit = mode == SelectMode.SelectRead ? TcpStatus.Readable : mode == SelectMode.SelectWrite ? TcpStatus.Writable : TcpStatus.Error;
                return (status & bit) != 0;
            }

            bool error = Udp.PeekError(_handle) != SocketError.Success;
            switch (mode)
            {
                case SelectMode.SelectRead:
                    return error || _shutReceive || Udp.NextDatagramLength(_handle) >= 0;
                case SelectMode.SelectWrite:
                    return true;
                default:
                    return error;
            }
        }

        /// <summary>The transport's change count for this socket (under the lock).</summary>
        private int ChangeCountLocked()
        {
            return IsStream ? Tcp.HandleChangeCount(_handle) : Udp.HandleChangeCount(_handle);
        }

        /// <summary>An attempt would block: remember where the socket stood (under the lock).</summary>
        private void NoteBlockedLocked()
        {
            _blockedChanges = ChangeCountLocked();
        }

        private void NoteSignalledLocked()
        {
            _signalledChanges = ChangeCountLocked();
        }

        /// <summary>For waiters: whether the socket changed (or closed) since the attempt that would block.</summary>
        internal bool ChangedSinceBlocked()
        {
            lock (_ctx.SyncRoot)
            {
                return !_inUse || ChangeCountLocked() != _blockedChanges;
            }
        }

        /// <summary>Network thread, under the lock: wake this socket's waiters if its change count moved.</summary>
        internal void SignalIfChangedLocked()
        {
            int changes = ChangeCountLocked();
            if (changes != _signalledChanges)
            {
                _signalledChanges = changes;
                ReadSignal.Set();
                WriteSignal.Set();
            }
        }

        /// <summary>The deadline a timeout option gives a call starting now (0 = none).</summary>
        private long DeadlineAfter(int timeoutMs)
        {
            return timeoutMs <= 0 ? NetTime.Never : NetTime.After(_ctx.NowMs, timeoutMs);
        }

        /// <summary>
        /// After an attempt: true to try again (it would block, the socket blocks, and the
        /// waiter saw a change); false when e is the outcome (TimedOut when the wait ran out).
        /// </summary>
        private bool WaitAgain(ref SocketError e, SelectMode mode, long deadline)
        {
            if (e != SocketError.WouldBlock || !_blocking)
            {
                return false;
            }

            if (_ctx.Waiter.Wait(this, mode, deadline))
            {
                return true;
            }

            e = SocketError.TimedOut;
            return false;
        }
    }
}
