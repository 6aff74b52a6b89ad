namespace NanoIP
{
    /// <summary>
    /// A millisecond clock supplied from outside the core (the board's tick source, or a
    /// virtual clock in tests). The stack itself never reads one: only the socket facade's
    /// timeouts and the network thread ask it for the time.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start, never going backwards; the same base as the nowMs given to NetStack.Poll.</summary>
        long NowMs { get; }
    }
}
