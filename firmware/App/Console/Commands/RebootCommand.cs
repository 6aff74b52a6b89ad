namespace NanoIP.App.Console.Commands
{
    /// <summary>reboot: asks the board to restart (ConsoleContext.Rebootable).</summary>
    public sealed class RebootCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "reboot"; }
        }

        public string Summary
        {
            get { return "restart the board"; }
        }

        public string Usage
        {
            get { return "reboot"; }
        }

        public string Help
        {
            get { return string.Empty; }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 1)
            {
                return ctx.Fail(this, "unexpected argument '" + args[1] + "'");
            }

            if (ctx.Rebootable == null)
            {
                return ctx.Error(this, "not supported on this board");
            }

            ctx.WriteLine("rebooting...");
            ctx.Rebootable.Reboot();
            return null;
        }
    }
}
