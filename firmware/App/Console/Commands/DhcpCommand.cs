using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>dhcp: the DHCP client's lease and counters; start, renew, release, stop.</summary>
    public sealed class DhcpCommand : IConsoleCommand
    {
        private readonly DhcpClient _dhcp;
        private readonly DhcpJob _job;

        public DhcpCommand(DhcpClient dhcp)
        {
            _dhcp = dhcp;
            _job = new DhcpJob(dhcp);
        }

        public string Name
        {
            get { return "dhcp"; }
        }

        public string Summary
        {
            get { return "show the DHCP lease; start, renew, release or stop the client"; }
        }

        public string Usage
        {
            get { return "dhcp [show|status]\r\ndhcp start|renew|release|stop"; }
        }

        public string Help
        {
            get
            {
                return "  show      (or status) state, lease (address, gateway, server, DNS, times) and counters\r\n"
                    + "  start     forget the address and ask for a lease; waits until bound (Ctrl-C: keep trying in the background)\r\n"
                    + "  renew     renew the lease now (or ask for one); waits until bound\r\n"
                    + "  release   give the lease back to the server and remove the address\r\n"
                    + "  stop      stop the client and remove the address (static addressing: ip set)";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 2)
            {
                return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
            }

            string sub = args.Count == 2 ? args[1] : "show";
            if (sub == "show" || sub == "status")
            {
                ctx.Write(Show(ctx.NowMs));
                return null;
            }

            if (sub == "start")
            {
                SocketError e = _dhcp.Start(ctx.NowMs);
                if (e != SocketError.Success)
                {
                    return ctx.Error(this, "start: " + TextFormat.ErrorText(e));
                }

                return _job.Start(ctx);
            }

            if (sub == "renew")
            {
                _dhcp.Renew(ctx.NowMs);
                return _job.Start(ctx);
            }

            if (sub == "release")
            {
                uint address = _dhcp.Address;
                if (!_dhcp.Release(ctx.NowMs))
                {
                    return ctx.Error(this, "no lease to release");
                }

                ctx.WriteLine("dhcp: released " + IPv4.ToString(address));
                return null;
            }

            if (sub == "stop")
            {
                _dhcp.Stop();
                return null;
            }

            return ctx.Fail(this, "unknown sub-command '" + sub + "'");
        }

        private string Show(long nowMs)
        {
            string text = "dhcp: " + DhcpClient.StateName(_dhcp.State) + "\r\n";
            if (_dhcp.HasLease)
            {
                text = text + "    address " + IPv4.ToString(_dhcp.Address) + "/" + _dhcp.PrefixLength.ToString()
                    + "  gateway " + InterfaceText.AddressOrNone(_dhcp.Gateway) + "  server " + IPv4.ToString(_dhcp.ServerAddress) + "\r\n"
                    + "    dns";
                if (_dhcp.DnsServerCount == 0)
                {
                    text = text + " (none)";
                }

                for (int i = 0; i < _dhcp.DnsServerCount; i++)
                {
                    text = text + " " + IPv4.ToString(_dhcp.GetDnsServer(i));
                }

                text = text + "\r\n    lease " + _dhcp.LeaseSeconds.ToString() + " s, renew in " + Seconds(_dhcp.RenewAtMs, nowMs)
                    + ", rebind in " + Seconds(_dhcp.RebindAtMs, nowMs) + ", expires in " + Seconds(_dhcp.LeaseExpiresMs, nowMs) + "\r\n";
            }

            DhcpCounters c = _dhcp.Counters;
            long dropped = c.Truncated + c.Oversized + c.BadHeader + c.BadCookie + c.BadOptions + c.NotOurs + c.Unexpected + c.Rejected;
            return text + "    sent " + c.DiscoversOut.ToString() + " discover, " + c.RequestsOut.ToString() + " request, "
                + c.DeclinesOut.ToString() + " decline, " + c.ReleasesOut.ToString() + " release, " + c.Retransmissions.ToString() + " retransmissions\r\n"
                + "    received " + c.OffersIn.ToString() + " offer, " + c.AcksIn.ToString() + " ack, " + c.NaksIn.ToString() + " nak, "
                + dropped.ToString() + " dropped\r\n";
        }

        private static string Seconds(long atMs, long nowMs)
        {
            if (atMs == NetTime.Never)
            {
                return "never";
            }

            return (atMs > nowMs ? (atMs - nowMs + 999) / 1000 : 0).ToString() + " s";
        }
    }
}
