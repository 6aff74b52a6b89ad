using NanoIP.Network;

namespace NanoIP.App.Console.Commands
{
    /// <summary>ifconfig: the interface block as Linux's ifconfig prints it, plus the gateway and DNS server.</summary>
    public sealed class IfconfigCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "ifconfig"; }
        }

        public string Summary
        {
            get { return "show the interface: addresses, MAC, link, MTU and counters"; }
        }

        public string Usage
        {
            get { return "ifconfig"; }
        }

        public string Help
        {
            get
            {
                return "  flags     UP, BROADCAST, RUNNING (link up), MULTICAST (multicast reception on)\r\n"
                    + "  RX errors bad CRC/runt/too long (controller), runt or group source (stack); frame: bad CRC;\r\n"
                    + "            overruns: receive ring overflows; dropped: not for us, unknown EtherType\r\n"
                    + "  TX errors collisions and aborts lost on the wire; dropped: refused by the device;\r\n"
                    + "            carrier: refused with the link down";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 1)
            {
                return ctx.Fail(this, "unexpected argument '" + args[1] + "'");
            }

            NetStack s = ctx.Stack;
            EthernetCounters e = s.EthernetCounters;
            int flags = InterfaceText.Flags(s);
            string text = InterfaceText.Name + ": flags=" + flags.ToString() + "<" + InterfaceText.FlagNames(flags) + ">  mtu " + s.Ipv4.Mtu.ToString() + "\r\n";
            if (s.Configured)
            {
                text = text + "        inet " + IPv4.ToString(s.Address) + "  netmask " + IPv4.ToString(s.SubnetMask);
                uint broadcast = s.PrefixLength >= 31 ? 0 : s.Address | ~s.SubnetMask;
                if (broadcast != 0)
                {
                    text = text + "  broadcast " + IPv4.ToString(broadcast);
                }

                text = text + "\r\n";
            }

            text = text + "        gateway " + InterfaceText.AddressOrNone(s.Gateway) + "  dns " + InterfaceText.AddressOrNone(s.DnsServer) + "\r\n"
                + "        ether " + InterfaceText.Mac(s) + "  link " + (s.Device.IsLinkUp ? "up" : "down") + "  (Ethernet)\r\n"
                + "        RX packets " + e.FramesIn.ToString() + "  bytes " + e.BytesIn.ToString() + " (" + TextFormat.HumanBytes(e.BytesIn) + ")\r\n"
                + "        RX errors " + InterfaceText.RxErrors(s).ToString() + "  dropped " + InterfaceText.RxDropped(s).ToString()
                + "  overruns " + InterfaceText.RxOverruns(s).ToString() + "  frame " + InterfaceText.RxFrameErrors(s).ToString() + "\r\n"
                + "        TX packets " + e.FramesOut.ToString() + "  bytes " + e.BytesOut.ToString() + " (" + TextFormat.HumanBytes(e.BytesOut) + ")\r\n"
                + "        TX errors " + InterfaceText.TxErrors(s).ToString() + "  dropped " + InterfaceText.TxDropped(s).ToString()
                + "  carrier " + InterfaceText.TxCarrier(s).ToString() + "  collisions " + InterfaceText.TxCollisions(s).ToString() + "\r\n";
            ctx.Write(text);
            return null;
        }
    }
}
