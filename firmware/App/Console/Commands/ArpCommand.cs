using NanoIP.Link;
using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>arp: the ARP cache as a table (address, MAC, ip-neigh state, age) and its edits.</summary>
    public sealed class ArpCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "arp"; }
        }

        public string Summary
        {
            get { return "show the ARP cache, add or delete entries, flush it"; }
        }

        public string Usage
        {
            get { return "arp [show]\r\narp add ADDR MAC\r\narp del ADDR\r\narp flush"; }
        }

        public string Help
        {
            get
            {
                return "  show              every entry: address, MAC, state, seconds since it was learned\r\n"
                    + "                    (states as ip neigh: INCOMPLETE, REACHABLE, PROBE, FAILED, PERMANENT)\r\n"
                    + "  add ADDR MAC      a permanent entry, e.g. arp add 192.168.1.1 02:00:00:00:00:01\r\n"
                    + "  del ADDR          remove the entry for ADDR (permanent ones too)\r\n"
                    + "  flush             remove every entry except the permanent ones";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            string sub = args.Count > 1 ? args[1] : "show";
            ArpLayer arp = ctx.Stack.Arp;
            if (sub == "show")
            {
                if (args.Count > 2)
                {
                    return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
                }

                ctx.Write(Table(arp, ctx.NowMs));
                return null;
            }

            if (sub == "add")
            {
                if (args.Count != 4)
                {
                    return ctx.Fail(this, args.Count < 4 ? "add needs ADDR and MAC" : "unexpected argument '" + args[4] + "'");
                }

                uint address;
                if (!ConsoleParse.TryAddress(args[2], out address))
                {
                    return ctx.Fail(this, "invalid address '" + args[2] + "'");
                }

                byte[] mac = new byte[MacAddress.Length];
                if (!ConsoleParse.TryMac(args[3], mac, 0))
                {
                    return ctx.Fail(this, "invalid MAC '" + args[3] + "'");
                }

                SocketError r = arp.AddStatic(address, mac, 0, ctx.NowMs);
                if (r == SocketError.InvalidArgument)
                {
                    return ctx.Fail(this, "need a unicast address and a unicast, non-zero MAC");
                }

                if (r != SocketError.Success)
                {
                    return ctx.Error(this, "table full (every entry is resolving or permanent)");
                }

                return null;
            }

            if (sub == "del")
            {
                if (args.Count != 3)
                {
                    return ctx.Fail(this, args.Count < 3 ? "missing ADDR" : "unexpected argument '" + args[3] + "'");
                }

                uint address;
                if (!ConsoleParse.TryAddress(args[2], out address))
                {
                    return ctx.Fail(this, "invalid address '" + args[2] + "'");
                }

                if (!arp.Remove(address))
                {
                    return ctx.Error(this, "no entry for " + args[2]);
                }

                return null;
            }

            if (sub == "flush")
            {
                if (args.Count > 2)
                {
                    return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
                }

                arp.Flush();
                return null;
            }

            return ctx.Fail(this, "unknown sub-command '" + sub + "'");
        }

        /// <summary>Header and one line per used entry, in table order.</summary>
        public static string Table(ArpLayer arp, long nowMs)
        {
            string text = "Address          HWaddress          State       Age\r\n";
            byte[] mac = new byte[MacAddress.Length];
            for (int i = 0; i < arp.Capacity; i++)
            {
                uint address;
                ArpEntryState state = arp.GetEntry(i, out address, mac, 0);
                if (state == ArpEntryState.Free)
                {
                    continue;
                }

                bool known = state == ArpEntryState.Reachable || state == ArpEntryState.Probe || state == ArpEntryState.Static;
                string age = state == ArpEntryState.Static ? "-" : ((nowMs - arp.GetEntryUpdatedMs(i)) / 1000).ToString();
                text = text + TextFormat.Left(IPv4.ToString(address), 17)
                    + TextFormat.Left(known ? MacAddress.ToString(mac, 0) : "(incomplete)", 19)
                    + TextFormat.Left(StateName(state), 12) + age + "\r\n";
            }

            return text;
        }

        public static string StateName(ArpEntryState state)
        {
            switch (state)
            {
                case ArpEntryState.Incomplete: return "INCOMPLETE";
                case ArpEntryState.Reachable: return "REACHABLE";
                case ArpEntryState.Probe: return "PROBE";
                case ArpEntryState.Failed: return "FAILED";
                case ArpEntryState.Static: return "PERMANENT";
                default: return "NONE";
            }
        }
    }
}
