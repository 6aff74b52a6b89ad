namespace NanoIP.Sockets
{
    /// <summary>
    /// How a blocking socket call waits. The call tries its non-blocking operation under the
    /// NetworkContext lock; on WouldBlock it records the socket's change count and calls Wait
    /// (without the lock), then tries again. Two implementations: ThreadedSocketWaiter (the
    /// device: a network thread polls and signals) and PumpingSocketWaiter (tests and the
    /// single-threaded virtual board: the waiting call polls the network itself).
    /// </summary>
    public interface ISocketWaiter
    {
        /// <summary>
        /// Returns true when the socket may have changed since its last WouldBlock (the caller
        /// tries again; spurious returns are allowed), false when deadlineMs (clock time;
        /// NetTime.Never = no limit) has passed or nothing can change any more: the caller
        /// then fails with TimedOut. mode says which side the caller waits on.
        /// </summary>
        bool Wait(Socket socket, SelectMode mode, long deadlineMs);

        /// <summary>An application call queued output (data, a window update, a FIN): have the network polled soon.</summary>
        void Wake();
    }
}
