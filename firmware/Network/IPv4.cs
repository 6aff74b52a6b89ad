namespace NanoIP.Network
{
    /// <summary>
    /// IPv4 addresses as host-byte-order uints (192.168.1.2 is 0xC0A80102), with the
    /// dotted-quad text form for the API edge (console, configuration). Only Parse and
    /// ToString allocate.
    /// </summary>
    public static class IPv4
    {
        public const uint Any = 0;
        public const uint LimitedBroadcast = 0xFFFFFFFF;

        /// <summary>Builds an address from its four dotted-quad parts.</summary>
        public static uint FromBytes(int a, int b, int c, int d)
        {
            return ((uint)(a & 0xFF) << 24) | ((uint)(b & 0xFF) << 16) | ((uint)(c & 0xFF) << 8) | (uint)(d & 0xFF);
        }

        /// <summary>Parses "a.b.c.d" (each part 0..255, decimal, no spaces).</summary>
        public static bool TryParse(string text, out uint address)
        {
            address = 0;
            if (text == null)
            {
                return false;
            }

            uint result = 0;
            int part = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                char c = i < text.Length ? text[i] : '.';
                if (c >= '0' && c <= '9')
                {
                    value = value * 10 + (c - '0');
                    digits++;
                    if (digits > 3 || value > 255)
                    {
                        return false;
                    }
                }
                else if (c == '.')
                {
                    if (digits == 0 || part > 3)
                    {
                        return false;
                    }

                    result = (result << 8) | (uint)value;
                    part++;
                    value = 0;
                    digits = 0;
                }
                else
                {
                    return false;
                }
            }

            if (part != 4)
            {
                return false;
            }

            address = result;
            return true;
        }

        /// <summary>Parses "a.b.c.d"; throws FormatException on anything else (API edge only).</summary>
        public static uint Parse(string text)
        {
            uint a;
            if (!TryParse(text, out a))
            {
                throw new System.FormatException("not an IPv4 address");
            }

            return a;
        }

        public static string ToString(uint address)
        {
            return ((address >> 24) & 0xFF).ToString() + "." + ((address >> 16) & 0xFF).ToString() + "." +
                   ((address >> 8) & 0xFF).ToString() + "." + (address & 0xFF).ToString();
        }

        /// <summary>Netmask of a prefix length 0..32 (24 → 255.255.255.0).</summary>
        public static uint MaskFromPrefix(int prefixLength)
        {
            if (prefixLength <= 0)
            {
                return 0;
            }

            if (prefixLength >= 32)
            {
                return 0xFFFFFFFF;
            }

            return 0xFFFFFFFF << (32 - prefixLength);
        }

        /// <summary>Prefix length of a contiguous netmask, or -1 when the mask has holes.</summary>
        public static int PrefixFromMask(uint mask)
        {
            int n = 0;
            while (n < 32 && (mask & (0x80000000u >> n)) != 0)
            {
                n++;
            }

            return MaskFromPrefix(n) == mask ? n : -1;
        }

        /// <summary>224.0.0.0/4 (RFC 5771).</summary>
        public static bool IsMulticast(uint address)
        {
            return (address & 0xF0000000) == 0xE0000000;
        }

        /// <summary>127.0.0.0/8.</summary>
        public static bool IsLoopback(uint address)
        {
            return (address & 0xFF000000) == 0x7F000000;
        }
    }
}
