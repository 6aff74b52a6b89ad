using NanoIP.Transport.Tcp;

namespace NanoIP.Sockets
{
    /// <summary>close() with SO_LINGER, and abort.</summary>
    public sealed partial class Socket
    {
        /// <summary>
        /// close(): the slot returns to the table at once and the reference must not be used
        /// again. A stream closes gracefully in the background (queued data, then FIN;
        /// TIME-WAIT is kept in TCP's compact table, not in a slot), unless unread data
        /// remains or LingerState is (true, 0): then RST. With LingerState (true, T &gt; 0) a
        /// blocking socket waits up to T seconds for its data and FIN to be acknowledged and
        /// resets the connection if they are not. Closing a closed socket does nothing.
        /// </summary>
        public void Close()
        {
            int incarnation = _incarnation;
            if (!_inUse)
            {
                return;
            }

            if (IsStream && _blocking)
            {
                LingerBeforeClose(incarnation);
            }

            lock (_ctx.SyncRoot)
            {
                if (!IsCurrentLocked(incarnation))
                {
                    return;
                }

                if (IsStream)
                {
                    Tcp.Close(_handle, _ctx.NowMs);
                    _ctx.AfterCallLocked();
                }
                else
                {
                    Udp.Close(_handle);
                }

                ReleaseLocked();
            }
        }

        /// <summary>Abortive close: RST to the peer (in synchronized states), slot back to the table.</summary>
        public void Abort()
        {
            lock (_ctx.SyncRoot)
            {
                if (!_inUse)
                {
                    return;
                }

                if (IsStream)
                {
                    Tcp.Abort(_handle, _ctx.NowMs);
                }
                else
                {
                    Udp.Close(_handle);
                }

                ReleaseLocked();
            }
        }

        /// <summary>SO_LINGER with a time: FIN now, wait until it is acknowledged (FIN-WAIT-2, TIME-WAIT, CLOSED) or reset at the deadline.</summary>
        private void LingerBeforeClose(int incarnation)
        {
            long deadline;
            lock (_ctx.SyncRoot)
            {
                bool enabled;
                int seconds;
                if (!IsCurrentLocked(incarnation) || Tcp.GetLinger(_handle, out enabled, out seconds) != SocketError.Success
                    || !enabled || seconds == 0 || Tcp.Available(_handle) > 0 || FinAcknowledged(Tcp.GetState(_handle)))
                {
                    return; // Nothing to wait for: Close resets or finishes at once.
                }

                TcpState state = Tcp.GetState(_handle);
                if (state == TcpState.SynSent || state == TcpState.SynReceived || state == TcpState.Listen)
                {
                    return;
                }

                if (state == TcpState.Established || state == TcpState.CloseWait)
                {
                    Tcp.Shutdown(_handle, TcpShutdown.Send, _ctx.NowMs);
                    _ctx.AfterCallLocked();
                }

                deadline = NetTime.After(_ctx.NowMs, seconds * 1000L);
            }

            while (true)
            {
                lock (_ctx.SyncRoot)
                {
                    if (!IsCurrentLocked(incarnation) || FinAcknowledged(Tcp.GetState(_handle)))
                    {
                        return;
                    }

                    NoteBlockedLocked();
                }

                if (!_ctx.Waiter.Wait(this, SelectMode.SelectWrite, deadline))
                {
                    lock (_ctx.SyncRoot)
                    {
                        if (IsCurrentLocked(incarnation) && !FinAcknowledged(Tcp.GetState(_handle)))
                        {
                            Tcp.Abort(_handle, _ctx.NowMs); // Linger time over: RST (BSD).
                        }
                    }

                    return;
                }
            }
        }

        private static bool FinAcknowledged(TcpState state)
        {
            return state == TcpState.FinWait2 || state == TcpState.TimeWait || state == TcpState.Closed;
        }
    }
}
