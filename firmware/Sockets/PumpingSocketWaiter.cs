namespace NanoIP.Sockets
{
    /// <summary>
    /// The single-threaded waiter (tests, the virtual board on virtual time): instead of
    /// sleeping, a blocking call polls every stack through the INetworkPump and moves time to
    /// the next deadline, until its socket changes or its own deadline passes. Deterministic:
    /// the same seed gives the same run. Wake is not needed: the next wait polls anyway.
    /// </summary>
    public sealed class PumpingSocketWaiter : ISocketWaiter
    {
        /// <summary>Rounds at one instant before a millisecond is let pass (frames may still be queued).</summary>
        private const int SameInstantRounds = 8;
        private readonly INetworkPump _pump;

        public PumpingSocketWaiter(INetworkPump pump)
        {
            if (pump == null)
            {
                throw new System.ArgumentNullException("pump");
            }

            _pump = pump;
        }

        /// <summary>Upper bound of poll rounds per Wait: a test that waits for something that never comes ends as TimedOut, not as a hang.</summary>
        public int MaxRounds = 1000000;

        public bool Wait(Socket socket, SelectMode mode, long deadlineMs)
        {
            int sameInstant = 0;
            for (int round = 0; round < MaxRounds; round++)
            {
                long next = _pump.PollAll();
                if (socket.ChangedSinceBlocked())
                {
                    return true;
                }

                long now = _pump.NowMs;
                if (now >= deadlineMs)
                {
                    return false;
                }

                if (next <= now)
                {
                    if (++sameInstant < SameInstantRounds)
                    {
                        continue;
                    }

                    next = now + 1;
                }

                sameInstant = 0;
                if (next > deadlineMs)
                {
                    next = deadlineMs;
                }

                if (next == NetTime.Never)
                {
                    return false; // Nothing is scheduled and no deadline: on one thread nothing can change any more.
                }

                _pump.AdvanceTo(next);
            }

            return false;
        }

        public void Wake()
        {
        }
    }
}
