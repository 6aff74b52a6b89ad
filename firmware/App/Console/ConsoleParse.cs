using NanoIP.Network;

namespace NanoIP.App.Console
{
    /// <summary>Argument parsers for commands: each returns false on anything it does not fully accept.</summary>
    public static class ConsoleParse
    {
        /// <summary>Decimal (optional leading '-') or 0x-hex integer within [min, max].</summary>
        public static bool TryInt(string text, int min, int max, out int value)
        {
            long v;
            value = 0;
            if (!TryLong(text, out v) || v < min || v > max)
            {
                return false;
            }

            value = (int)v;
            return true;
        }

        /// <summary>Decimal or 0x-hex, at most 18 digits (no overflow possible).</summary>
        public static bool TryLong(string text, out long value)
        {
            value = 0;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            int i = 0;
            bool negative = false;
            if (text[0] == '-')
            {
                negative = true;
                i = 1;
            }

            int radix = 10;
            if (text.Length - i > 2 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            {
                radix = 16;
                i += 2;
            }

            int digits = text.Length - i;
            if (digits < 1 || digits > (radix == 16 ? 15 : 18))
            {
                return false;
            }

            long v = 0;
            for (; i < text.Length; i++)
            {
                int d = Digit(text[i]);
                if (d < 0 || d >= radix)
                {
                    return false;
                }

                v = v * radix + d;
            }

            value = negative ? -v : v;
            return true;
        }

        /// <summary>Dotted-quad IPv4 address (host byte order).</summary>
        public static bool TryAddress(string text, out uint address)
        {
            return IPv4.TryParse(text, out address);
        }

        /// <summary>"a.b.c.d/LEN" with LEN 0..32.</summary>
        public static bool TryPrefix(string text, out uint address, out int prefixLength)
        {
            address = 0;
            prefixLength = 0;
            if (text == null)
            {
                return false;
            }

            int slash = text.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }

            uint a;
            int len;
            if (!IPv4.TryParse(text.Substring(0, slash), out a) || !TryInt(text.Substring(slash + 1), 0, 32, out len)
                || text[slash + 1] == '-' || text.Length - slash - 1 > 2)
            {
                return false;
            }

            address = a;
            prefixLength = len;
            return true;
        }

        /// <summary>aa:bb:cc:dd:ee:ff (or with '-') into mac[offset..offset+6).</summary>
        public static bool TryMac(string text, byte[] mac, int offset)
        {
            return MacAddress.TryParse(text, mac, offset);
        }

        private static int Digit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }
    }
}
