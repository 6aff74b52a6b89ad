using NanoIP.Drivers.Enc28j60;
using NanoIP.Network;

namespace NanoIP.App.Console.Commands
{
    /// <summary>The interface's counters summed the way Linux's ifconfig shows them (shared by ifconfig and tests).</summary>
    public static class InterfaceText
    {
        public const string Name = "eth0";

        /// <summary>Linux IFF_* values: UP, BROADCAST, RUNNING (carrier), MULTICAST.</summary>
        public static int Flags(NetStack stack)
        {
            int flags = 0x1 | 0x2;
            if (stack.Device.IsLinkUp)
            {
                flags |= 0x40;
            }

            if (stack.ReceiveMulticast)
            {
                flags |= 0x1000;
            }

            return flags;
        }

        public static string FlagNames(int flags)
        {
            string s = "UP,BROADCAST";
            if ((flags & 0x40) != 0)
            {
                s = s + ",RUNNING";
            }

            if ((flags & 0x1000) != 0)
            {
                s = s + ",MULTICAST";
            }

            return s;
        }

        /// <summary>Receive errors: runts and group source MACs seen by the stack, and frames the controller refused (bad CRC/length, runt, too long).</summary>
        public static long RxErrors(NetStack stack)
        {
            EthernetCounters e = stack.EthernetCounters;
            long n = e.TooShort + e.BadSource;
            Enc28j60Driver enc = stack.Device as Enc28j60Driver;
            if (enc != null)
            {
                Enc28j60Counters c = enc.Counters;
                n += c.RxDropNotOk + c.RxDropRunt + c.RxDropTooLong;
            }

            return n;
        }

        /// <summary>Frames the stack received but had no use for: not for our MAC, unknown EtherType.</summary>
        public static long RxDropped(NetStack stack)
        {
            EthernetCounters e = stack.EthernetCounters;
            return e.NotForUs + e.UnknownEthertype;
        }

        /// <summary>Receive ring overflows (EIR.RXERIF) seen by the controller.</summary>
        public static long RxOverruns(NetStack stack)
        {
            Enc28j60Driver enc = stack.Device as Enc28j60Driver;
            return enc == null ? 0 : enc.Counters.RxOverflows;
        }

        /// <summary>Frames the controller received with a bad CRC or symbol error (RSV bit 23 clear).</summary>
        public static long RxFrameErrors(NetStack stack)
        {
            Enc28j60Driver enc = stack.Device as Enc28j60Driver;
            return enc == null ? 0 : enc.Counters.RxDropNotOk;
        }

        /// <summary>Frames lost on the wire: late or excessive collisions, aborts, transmit timeouts.</summary>
        public static long TxErrors(NetStack stack)
        {
            Enc28j60Driver enc = stack.Device as Enc28j60Driver;
            if (enc == null)
            {
                return 0;
            }

            Enc28j60Counters c = enc.Counters;
            return c.TxLateCollisions + c.TxExcessiveCollisions + c.TxOtherErrors + c.TxTimeouts;
        }

        /// <summary>Frames the device refused to take (link down, busy, not running).</summary>
        public static long TxDropped(NetStack stack)
        {
            return stack.EthernetCounters.TransmitFailed;
        }

        /// <summary>Transmits refused because the link was down.</summary>
        public static long TxCarrier(NetStack stack)
        {
            Enc28j60Driver enc = stack.Device as Enc28j60Driver;
            return enc == null ? 0 : enc.Counters.TxDropNoLink;
        }

        /// <summary>Collisions the controller reported (late collisions retried or lost, excessive collisions).</summary>
        public static long TxCollisions(NetStack stack)
        {
            Enc28j60Driver enc = stack.Device as Enc28j60Driver;
            if (enc == null)
            {
                return 0;
            }

            Enc28j60Counters c = enc.Counters;
            return c.TxLateCollisionRetries + c.TxLateCollisions + c.TxExcessiveCollisions;
        }

        public static string Mac(NetStack stack)
        {
            byte[] mac = new byte[MacAddress.Length];
            stack.GetMacAddress(mac, 0);
            return MacAddress.ToString(mac, 0);
        }

        /// <summary>An address, or "(none)" for 0.</summary>
        public static string AddressOrNone(uint address)
        {
            return address == 0 ? "(none)" : IPv4.ToString(address);
        }
    }
}
