using NanoIP.Drivers;
using NanoIP.Drivers.Enc28j60;

namespace NanoIP.App
{
    /// <summary>Text reports for the console: built only on demand, never on the frame path.</summary>
    public static class StatusReport
    {
        private const string Hex = "0123456789abcdef";

        /// <summary>MAC address as aa:bb:cc:dd:ee:ff.</summary>
        public static string Mac(byte[] mac, int offset)
        {
            char[] c = new char[17];
            for (int i = 0; i < 6; i++)
            {
                int b = mac[offset + i];
                c[i * 3] = Hex[b >> 4];
                c[i * 3 + 1] = Hex[b & 0xF];
                if (i < 5)
                {
                    c[i * 3 + 2] = ':';
                }
            }

            return new string(c);
        }

        /// <summary>The interface block printed at boot: MAC, link, and the controller's frame counters.</summary>
        public static string Interface(ILinkDevice link)
        {
            byte[] mac = new byte[6];
            link.GetMacAddress(mac, 0);
            string s = "eth0: ether " + Mac(mac, 0) + "  link " + (link.IsLinkUp ? "up" : "down") + "  mtu " + (link.MaxFrameLength - 14).ToString() + "\r\n";
            Enc28j60Driver enc = link as Enc28j60Driver;
            if (enc != null)
            {
                Enc28j60Counters c = enc.Counters;
                s = s + "      ENC28J60 rev 0x" + enc.Revision.ToString("x2") + (enc.FullDuplex ? ", full duplex" : ", half duplex") + "\r\n"
                    + "      RX frames " + c.RxFrames.ToString() + "  bytes " + c.RxBytes.ToString() + "  dropped " + (c.RxDropNotOk + c.RxDropTooLong + c.RxDropRunt + c.RxOverflows).ToString() + "\r\n"
                    + "      TX frames " + c.TxFrames.ToString() + "  bytes " + c.TxBytes.ToString() + "  errors " + (c.TxLateCollisions + c.TxExcessiveCollisions + c.TxOtherErrors + c.TxTimeouts).ToString() + "\r\n";
            }

            return s;
        }
    }
}
