namespace NanoIP.Sockets
{
    /// <summary>
    /// What PumpingSocketWaiter drives instead of sleeping: every stack of a (virtual)
    /// network and its clock. Tests implement it over the virtual wire; the firmware over its
    /// own Poll when it runs single-threaded.
    /// </summary>
    public interface INetworkPump
    {
        long NowMs { get; }

        /// <summary>Polls everything once at NowMs; returns the earliest time anything is due next (NetTime.Never: nothing).</summary>
        long PollAll();

        /// <summary>Lets time pass up to timeMs (a virtual clock jumps; a real one sleeps or returns early on an event).</summary>
        void AdvanceTo(long timeMs);
    }
}
