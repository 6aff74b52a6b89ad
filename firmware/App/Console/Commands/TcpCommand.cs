using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>tcp: a small netcat over the socket layer: connect (and send a line) or accept one connection, then print what arrives.</summary>
    public sealed class TcpCommand : IConsoleCommand
    {
        private readonly TcpJob _job = new TcpJob();

        public string Name
        {
            get { return "tcp"; }
        }

        public string Summary
        {
            get { return "open a TCP connection or accept one, and print what arrives (like nc)"; }
        }

        public string Usage
        {
            get { return "tcp connect ADDR PORT [TEXT]\r\ntcp listen PORT"; }
        }

        public string Help
        {
            get
            {
                return "  connect ADDR PORT [TEXT]  connect, send TEXT and CRLF if given, print what arrives\r\n"
                    + "  listen PORT               accept one connection on PORT, print what arrives\r\n"
                    + "  Runs until the peer closes or Ctrl-C (which closes the connection).";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            string sub = args[1];
            if (sub == "connect")
            {
                if (args.Count < 4 || args.Count > 5)
                {
                    return ctx.Fail(this, args.Count < 4 ? "connect needs ADDR and PORT" : "unexpected argument '" + args[5] + "'");
                }

                uint address;
                int port;
                if (!ConsoleParse.TryAddress(args[2], out address))
                {
                    return ctx.Fail(this, "invalid address '" + args[2] + "'");
                }

                if (!ConsoleParse.TryInt(args[3], 1, 65535, out port))
                {
                    return ctx.Fail(this, "invalid port '" + args[3] + "' (1..65535)");
                }

                if (ctx.Network == null)
                {
                    return ctx.Error(this, "no socket layer on this firmware");
                }

                return _job.Connect(ctx, address, port, args.Count == 5 ? args[4] : null);
            }

            if (sub == "listen")
            {
                int port;
                if (args.Count != 3)
                {
                    return ctx.Fail(this, args.Count < 3 ? "listen needs PORT" : "unexpected argument '" + args[3] + "'");
                }

                if (!ConsoleParse.TryInt(args[2], 1, 65535, out port))
                {
                    return ctx.Fail(this, "invalid port '" + args[2] + "' (1..65535)");
                }

                if (ctx.Network == null)
                {
                    return ctx.Error(this, "no socket layer on this firmware");
                }

                return _job.Listen(ctx, port);
            }

            return ctx.Fail(this, sub == null ? "missing sub-command" : "unknown sub-command '" + sub + "'");
        }
    }
}
