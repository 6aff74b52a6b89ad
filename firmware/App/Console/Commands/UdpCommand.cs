using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>udp: send one datagram, or print the datagrams arriving on a port.</summary>
    public sealed class UdpCommand : IConsoleCommand
    {
        private readonly UdpListenJob _job = new UdpListenJob();

        public string Name
        {
            get { return "udp"; }
        }

        public string Summary
        {
            get { return "send a UDP datagram, or print the datagrams arriving on a port"; }
        }

        public string Usage
        {
            get { return "udp send ADDR PORT TEXT\r\nudp listen PORT"; }
        }

        public string Help
        {
            get
            {
                return "  send ADDR PORT TEXT  one datagram with TEXT (quote it to keep spaces)\r\n"
                    + "  listen PORT          print each datagram with its sender until Ctrl-C";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            string sub = args[1];
            if (sub == "send")
            {
                if (args.Count != 5)
                {
                    return ctx.Fail(this, args.Count < 5 ? "send needs ADDR, PORT and TEXT" : "unexpected argument '" + args[5] + "'");
                }

                uint address;
                int port;
                if (!ConsoleParse.TryAddress(args[2], out address))
                {
                    return ctx.Fail(this, "invalid address '" + args[2] + "'");
                }

                if (!ctx.TryPort(this, args[3], out port))
                {
                    return null;
                }

                if (args[4].Length > ctx.Stack.Udp.MaxDatagramSize)
                {
                    return ctx.Fail(this, "TEXT longer than " + ctx.Stack.Udp.MaxDatagramSize.ToString() + " bytes");
                }

                if (ctx.Network == null)
                {
                    return ctx.Error(this, "no socket layer on this firmware");
                }

                Send(ctx, address, port, args[4]);
                return null;
            }

            if (sub == "listen")
            {
                int port = ctx.ListenPort(this, args);
                return port < 0 ? null : _job.Start(ctx, port);
            }

            return ctx.Fail(this, sub == null ? "missing sub-command" : "unknown sub-command '" + sub + "'");
        }

        private static void Send(ConsoleContext ctx, uint address, int port, string text)
        {
            Socket s;
            try
            {
                s = ctx.Network.CreateSocket(SocketType.Dgram);
            }
            catch (SocketException e)
            {
                ctx.WriteLine("udp: socket: " + TextFormat.ErrorText(e.ErrorCode));
                return;
            }

            try
            {
                s.Blocking = false;
                byte[] data = TextFormat.Ascii(text);
                int n = s.SendTo(data, 0, data.Length, new IPEndPoint(address, port));
                ctx.WriteLine("sent " + n.ToString() + " bytes to " + TextFormat.EndPoint(address, port));
            }
            catch (SocketException e)
            {
                ctx.WriteLine("udp: send: " + TextFormat.ErrorText(e.ErrorCode));
            }
            finally
            {
                s.Close();
            }
        }
    }
}
