namespace NanoIP.App.Console.Commands
{
    /// <summary>help: the command list with one-line summaries, or one command's usage and options.</summary>
    public sealed class HelpCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "help"; }
        }

        public string Summary
        {
            get { return "list the commands, or show one command's usage and options"; }
        }

        public string Usage
        {
            get { return "help [COMMAND]"; }
        }

        public string Help
        {
            get { return "  COMMAND   show its usage and options (the same as COMMAND --help)"; }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            ConsoleShell shell = ctx.Shell;
            if (args.Count > 2)
            {
                return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
            }

            if (args.Count == 2)
            {
                IConsoleCommand command = shell.Find(args[1]);
                if (command == null)
                {
                    return ctx.Fail(this, "no such command '" + args[1] + "'");
                }

                shell.WriteHelp(command);
                return null;
            }

            string text = "commands ('help COMMAND' or 'COMMAND --help' for details):\r\n";
            for (int i = 0; i < shell.CommandCount; i++)
            {
                IConsoleCommand c = shell.GetCommand(i);
                text = text + "  " + TextFormat.Left(c.Name, 10) + c.Summary + "\r\n";
            }

            ctx.Write(text);
            return null;
        }
    }
}
