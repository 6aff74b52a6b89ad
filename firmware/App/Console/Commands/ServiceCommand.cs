using NanoIP.Services.Apps;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>
    /// service: lists the TCP services (ports, state, connections) and enables or disables
    /// them at run time. Only services built at boot (ServiceOptions.Enabled and Available)
    /// can be enabled: their buffers and TCP blocks were reserved then, so this allocates
    /// nothing but the text it prints.
    /// </summary>
    public sealed class ServiceCommand : IConsoleCommand
    {
        private readonly ServiceHost _host;

        /// <param name="host">The firmware's services; null: the firmware was built without any.</param>
        public ServiceCommand(ServiceHost host)
        {
            _host = host;
        }

        public string Name
        {
            get { return "service"; }
        }

        public string Summary
        {
            get { return "list the TCP services (echo, discard, chargen, http); enable or disable them"; }
        }

        public string Usage
        {
            get { return "service [list]\r\nservice enable|disable NAME..."; }
        }

        public string Help
        {
            get
            {
                return "  list              each service: ports, state (running, disabled, failed), connections now/max, accepted\r\n"
                    + "  enable NAME...    start listening (NAME: echo, discard, chargen, http, all; commas allowed)\r\n"
                    + "  disable NAME...   close the listeners and, cleanly, the service's connections\r\n"
                    + "  Services not chosen in the board's FirmwareOptions.Services (Enabled or Available) cannot be enabled.";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            string sub = args.Count > 1 ? args[1] : "list";
            if (sub == "list")
            {
                if (args.Count > 2)
                {
                    return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
                }

                if (_host == null)
                {
                    return ctx.Error(this, "no services in this firmware (FirmwareOptions.Services)");
                }

                ctx.Write(List());
                return null;
            }

            bool enable = sub == "enable";
            if (!enable && sub != "disable")
            {
                return ctx.Fail(this, "unknown sub-command '" + sub + "'");
            }

            if (args.Count < 3)
            {
                return ctx.Fail(this, sub + " needs a service NAME");
            }

            ServiceSet set = ServiceSet.None;
            bool all = false;
            for (int i = 2; i < args.Count; i++)
            {
                all = all || args[i] == "all";
                ServiceSet one;
                if (!ServiceOptions.TryParse(args[i], out one) || one == ServiceSet.None)
                {
                    return ctx.Fail(this, "unknown service '" + args[i] + "' (echo, discard, chargen, http, all)");
                }

                set |= one;
            }

            if (_host == null)
            {
                return ctx.Error(this, "no services in this firmware (FirmwareOptions.Services)");
            }

            ServiceSet built = _host.Built;
            if (all)
            {
                set = built; // "all": every service this firmware has.
            }

            ServiceSet missing = set & ~built;
            if (missing != ServiceSet.None)
            {
                return ctx.Error(this, NamesOf(missing) + ": not built into this firmware (ServiceOptions.Available)");
            }

            string text = string.Empty;
            for (int i = 0; i < _host.ServiceCount; i++)
            {
                ServiceSet kind = _host.GetKind(i);
                if ((set & kind) == 0)
                {
                    continue;
                }

                TcpService s = _host.GetService(i);
                if (enable)
                {
                    if (s.Listening)
                    {
                        text = text + s.Name + ": already running\r\n";
                        continue;
                    }

                    _host.Enable(kind);
                    text = text + (s.Listening
                        ? s.Name + ": listening on " + Ports(s) + "\r\n"
                        : s.Name + ": cannot listen on " + Ports(s) + ": " + TextFormat.ErrorText(s.StartError) + "\r\n");
                }
                else
                {
                    if (!_host.IsEnabled(i))
                    {
                        text = text + s.Name + ": already disabled\r\n";
                        continue;
                    }

                    int closed = _host.Disable(kind);
                    text = text + s.Name + ": disabled, " + closed.ToString() + (closed == 1 ? " connection" : " connections") + " closed\r\n";
                }
            }

            ctx.Write(text);
            return null;
        }

        private string List()
        {
            string text = TextFormat.Left("service", 9) + TextFormat.Left("ports", 10) + TextFormat.Left("state", 10)
                + TextFormat.Left("conns", 7) + "accepted\r\n";
            for (int i = 0; i < _host.ServiceCount; i++)
            {
                TcpService s = _host.GetService(i);
                string state = _host.StateName(i);
                text = text + TextFormat.Left(s.Name, 9) + TextFormat.Left(Ports(s), 10) + TextFormat.Left(state, 10)
                    + TextFormat.Left(s.ActiveConnections.ToString() + "/" + s.MaxConnections.ToString(), 7)
                    + s.Accepted.ToString()
                    + (state == "failed" ? "  (" + TextFormat.ErrorText(s.StartError) + ")" : string.Empty) + "\r\n";
            }

            return text;
        }

        private static string Ports(TcpService s)
        {
            string text = string.Empty;
            for (int p = 0; p < s.PortCount; p++)
            {
                text = text + (p == 0 ? string.Empty : ",") + s.GetPort(p).ToString();
            }

            return text;
        }

        private static string NamesOf(ServiceSet set)
        {
            string text = string.Empty;
            for (int bit = 1; bit <= 8; bit <<= 1)
            {
                if (((int)set & bit) != 0)
                {
                    text = text + (text.Length == 0 ? string.Empty : ", ") + ServiceOptions.NameOf((ServiceSet)bit);
                }
            }

            return text;
        }
    }
}
