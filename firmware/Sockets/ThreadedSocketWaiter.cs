namespace NanoIP.Sockets
{
    /// <summary>
    /// The device's waiter: the application thread sleeps on the socket's event, which the
    /// network thread sets (NetworkContext.Poll) when the socket's change count moves; Wake
    /// asks the board to end the network thread's sleep. The event stays set if it fires
    /// between the failed attempt and the wait, so no wake-up is lost.
    /// </summary>
    public sealed class ThreadedSocketWaiter : ISocketWaiter
    {
        /// <summary>Longest single sleep: a safety net only, the events carry every change.</summary>
        private const int MaxSliceMs = 1000;
        private readonly IClock _clock;
        private readonly WakeHandler _wake;

        /// <param name="clock">The clock deadlines are on (the board's).</param>
        /// <param name="wake">Ends the network thread's sleep (the board's Wake); null when it polls often anyway.</param>
        public ThreadedSocketWaiter(IClock clock, WakeHandler wake)
        {
            if (clock == null)
            {
                throw new System.ArgumentNullException("clock");
            }

            _clock = clock;
            _wake = wake;
        }

        public bool Wait(Socket socket, SelectMode mode, long deadlineMs)
        {
            long now = _clock.NowMs;
            if (now >= deadlineMs)
            {
                return false;
            }

            long left = deadlineMs - now;
            int slice = left > MaxSliceMs ? MaxSliceMs : (int)left;
            System.Threading.AutoResetEvent signal = mode == SelectMode.SelectWrite ? socket.WriteSignal : socket.ReadSignal;
            signal.WaitOne(slice, false);
            return true;
        }

        public void Wake()
        {
            if (_wake != null)
            {
                _wake();
            }
        }
    }
}
