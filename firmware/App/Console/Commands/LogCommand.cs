namespace NanoIP.App.Console.Commands
{
    /// <summary>log: shows or sets the level of the firmware log (NanoIP.Log) printed on this console.</summary>
    public sealed class LogCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "log"; }
        }

        public string Summary
        {
            get { return "show or set the log level (error, warn, info, debug)"; }
        }

        public string Usage
        {
            get { return "log [error|warn|info|debug]"; }
        }

        public string Help
        {
            get
            {
                return "  (none)    show the current level\r\n"
                    + "  LEVEL     print messages of LEVEL and more severe: error < warn < info < debug";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 2)
            {
                return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
            }

            if (args.Count == 1)
            {
                ctx.WriteLine("log level: " + NanoIP.Log.LevelName(NanoIP.Log.Level));
                return null;
            }

            LogLevel level;
            switch (args[1])
            {
                case "error": level = LogLevel.Error; break;
                case "warn": level = LogLevel.Warn; break;
                case "info": level = LogLevel.Info; break;
                case "debug": level = LogLevel.Debug; break;
                default: return ctx.Fail(this, "unknown level '" + args[1] + "'");
            }

            NanoIP.Log.Level = level;
            ctx.WriteLine("log level: " + NanoIP.Log.LevelName(level));
            return null;
        }
    }
}
