namespace NanoIP.App.Console
{
    /// <summary>
    /// A command that outlives one Poll (ping -c N): a state machine the shell steps on every
    /// Poll until it says it is done. It never blocks; it prints as its events arrive.
    /// </summary>
    public interface IConsoleJob
    {
        /// <summary>Does what is due at ctx.NowMs; true when the job has finished (it printed its last words).</summary>
        bool Step(ConsoleContext ctx);

        /// <summary>Ctrl-C: stop now, release what the job holds, print the summary.</summary>
        void Cancel(ConsoleContext ctx);

        /// <summary>When the job next needs a Step (NetTime.Never when only input or the stack can move it).</summary>
        long NextDueMs { get; }
    }
}
