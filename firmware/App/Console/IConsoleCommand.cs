namespace NanoIP.App.Console
{
    /// <summary>
    /// One console command. The shell keeps them in a fixed registry; services that arrive
    /// later (sockets, DHCP, DNS) plug theirs in with ConsoleShell.Register.
    /// </summary>
    public interface IConsoleCommand
    {
        /// <summary>What the user types ("ping").</summary>
        string Name { get; }

        /// <summary>One line for the "help" list.</summary>
        string Summary { get; }

        /// <summary>The synopsis without "usage: " ("ping HOST [-c N]"); more forms on further lines ("\r\n").</summary>
        string Usage { get; }

        /// <summary>What "help CMD" adds after the usage: one line per option or sub-command ("\r\n"-separated, may be empty).</summary>
        string Help { get; }

        /// <summary>
        /// Runs the command. Arguments are validated before anything changes; a bad one ends with
        /// ctx.Fail (one error line and the usage). Returns a job that keeps running across Polls
        /// (ping), or null when the command is done.
        /// </summary>
        IConsoleJob Run(ConsoleContext ctx, CommandArgs args);
    }
}
