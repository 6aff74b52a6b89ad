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
            get { return "tcp connect HOST PORT [TEXT]\r\ntcp listen PORT\r\ntcp open HOST PORT [TEXT]\r\ntcp send TEXT\r\ntcp recv\r\ntcp shutdown\r\ntcp close\r\ntcp abort"; }
        }

        public string Help
        {
            get
            {
                return "  connect HOST PORT [TEXT]  connect, send TEXT and CRLF if given, print what arrives\r\n"
                    + "  listen PORT               accept one connection on PORT, print what arrives\r\n"
                    + "  Both run until the peer closes or Ctrl-C (which closes the connection).\r\n"
                    + "  open HOST PORT [TEXT]     connect (and send TEXT) and keep the connection in the background\r\n"
                    + "  send TEXT                 send TEXT and CRLF on the open connection\r\n"
                    + "  recv                      print what the open connection has received\r\n"
                    + "  shutdown                  half-close the open connection (FIN; receiving goes on)\r\n"
                    + "  close                     close the open connection (FIN)\r\n"
                    + "  abort                     reset the open connection (RST)\r\n"
                    + "  HOST is an IPv4 address or a name (looked up with DNS).";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            string sub = args[1];
            if (sub == "connect" || sub == "open")
            {
                if (args.Count < 4 || args.Count > 5)
                {
                    return ctx.Fail(this, args.Count < 4 ? sub + " needs HOST and PORT" : "unexpected argument '" + args[5] + "'");
                }

                uint address;
                int port;
                string host = args[2];
                if (!ConsoleParse.TryAddress(host, out address) && ctx.Resolver == null)
                {
                    return ctx.Fail(this, "invalid address '" + host + "' (names need a DNS resolver)");
                }

                if (!ctx.TryPort(this, args[3], out port))
                {
                    return null;
                }

                if (ctx.Network == null)
                {
                    return ctx.Error(this, "no socket layer on this firmware");
                }

                if (sub == "open" && _job.Held != null)
                {
                    return ctx.Error(this, "a connection is already open ('tcp close' first)");
                }

                return _job.Connect(ctx, host, port, args.Count == 5 ? args[4] : null, sub == "open");
            }

            if (sub == "send" || sub == "recv" || sub == "close" || sub == "shutdown" || sub == "abort")
            {
                int expected = sub == "send" ? 3 : 2;
                if (args.Count != expected)
                {
                    return ctx.Fail(this, args.Count < expected ? "send needs TEXT" : "unexpected argument '" + args[expected] + "'");
                }

                if (_job.Held == null)
                {
                    return ctx.Error(this, "no open connection ('tcp open HOST PORT' first)");
                }

                if (sub == "send")
                {
                    _job.SendHeld(ctx, args[2]);
                }
                else if (sub == "recv")
                {
                    _job.ReceiveHeld(ctx);
                }
                else if (sub == "shutdown")
                {
                    _job.ShutdownHeld(ctx);
                }
                else if (sub == "abort")
                {
                    _job.AbortHeld();
                    ctx.WriteLine("reset");
                }
                else
                {
                    _job.CloseHeld();
                    ctx.WriteLine("closed");
                }

                return null;
            }

            if (sub == "listen")
            {
                int port = ctx.ListenPort(this, args);
                return port < 0 ? null : _job.Listen(ctx, port);
            }

            return ctx.Fail(this, sub == null ? "missing sub-command" : "unknown sub-command '" + sub + "'");
        }
    }
}
