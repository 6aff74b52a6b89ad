using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>ip: shows the address as iproute2's "ip addr" does, and sets it statically.</summary>
    public sealed class IpCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "ip"; }
        }

        public string Summary
        {
            get { return "show or set the IPv4 address, gateway and DNS server"; }
        }

        public string Usage
        {
            get { return "ip [show]\r\nip set ADDR/LEN [GATEWAY]\r\nip dns ADDR\r\nip flush"; }
        }

        public string Help
        {
            get
            {
                return "  show                  address, prefix, broadcast, default route, DNS server\r\n"
                    + "  set ADDR/LEN [GW]     static address, e.g. ip set 192.168.1.10/24 192.168.1.1\r\n"
                    + "                        (LEN 1..32; GW on the subnet; announced with gratuitous ARP)\r\n"
                    + "  dns ADDR              DNS server (0.0.0.0: none)\r\n"
                    + "  flush                 remove the address (only limited broadcast can be sent)";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            string sub = args.Count > 1 ? args[1] : "show";
            NetStack s = ctx.Stack;
            if (sub == "show")
            {
                if (args.Count > 2)
                {
                    return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
                }

                ctx.Write(Show(s));
                return null;
            }

            if (sub == "set")
            {
                if (args.Count < 3)
                {
                    return ctx.Fail(this, "missing ADDR/LEN");
                }

                if (args.Count > 4)
                {
                    return ctx.Fail(this, "unexpected argument '" + args[4] + "'");
                }

                uint address;
                int prefix;
                if (!ConsoleParse.TryPrefix(args[2], out address, out prefix) || prefix < 1)
                {
                    return ctx.Fail(this, "invalid ADDR/LEN '" + args[2] + "'");
                }

                uint gateway = 0;
                if (args.Count == 4 && !ConsoleParse.TryAddress(args[3], out gateway))
                {
                    return ctx.Fail(this, "invalid gateway '" + args[3] + "'");
                }

                if (s.Configure(address, prefix, gateway) != SocketError.Success)
                {
                    // Configure changes nothing when it refuses.
                    return ctx.Fail(this, gateway == 0
                        ? "'" + args[2] + "' is not a host address"
                        : "'" + args[2] + "' is not a host address, or the gateway is not on its subnet");
                }

                return null;
            }

            if (sub == "dns")
            {
                if (args.Count != 3)
                {
                    return ctx.Fail(this, args.Count < 3 ? "missing ADDR" : "unexpected argument '" + args[3] + "'");
                }

                uint dns;
                if (!ConsoleParse.TryAddress(args[2], out dns) || dns == IPv4.LimitedBroadcast || IPv4.IsMulticast(dns))
                {
                    return ctx.Fail(this, "invalid DNS server '" + args[2] + "'");
                }

                s.DnsServer = dns;
                return null;
            }

            if (sub == "flush")
            {
                if (args.Count > 2)
                {
                    return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
                }

                s.Unconfigure();
                return null;
            }

            return ctx.Fail(this, "unknown sub-command '" + sub + "'");
        }

        /// <summary>iproute2 style: the link line, link/ether, inet, then the default route and the DNS server.</summary>
        public static string Show(NetStack s)
        {
            bool up = s.Device.IsLinkUp;
            string flags = up ? "BROADCAST" : "NO-CARRIER,BROADCAST";
            if (s.ReceiveMulticast)
            {
                flags = flags + ",MULTICAST";
            }

            flags = flags + (up ? ",UP,LOWER_UP" : ",UP");
            string text = "1: " + InterfaceText.Name + ": <" + flags + "> mtu " + s.Ipv4.Mtu.ToString() + " state " + (up ? "UP" : "DOWN") + "\r\n"
                + "    link/ether " + InterfaceText.Mac(s) + " brd ff:ff:ff:ff:ff:ff\r\n";
            if (s.Configured)
            {
                text = text + "    inet " + IPv4.ToString(s.Address) + "/" + s.PrefixLength.ToString();
                if (s.PrefixLength < 31)
                {
                    text = text + " brd " + IPv4.ToString(s.Address | ~s.SubnetMask);
                }

                text = text + " scope global " + InterfaceText.Name + "\r\n";
            }

            if (s.Gateway != 0)
            {
                text = text + "default via " + IPv4.ToString(s.Gateway) + " dev " + InterfaceText.Name + "\r\n";
            }

            if (s.DnsServer != 0)
            {
                text = text + "nameserver " + IPv4.ToString(s.DnsServer) + "\r\n";
            }

            return text;
        }
    }
}
