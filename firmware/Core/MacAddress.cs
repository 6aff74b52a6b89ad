namespace NanoIP
{
    /// <summary>6-byte Ethernet addresses kept inside byte arrays; no allocation except ToString/TryParse at the API edge.</summary>
    public static class MacAddress
    {
        public const int Length = 6;

        /// <summary>ff:ff:ff:ff:ff:ff, never to be written to.</summary>
        internal static readonly byte[] Broadcast = new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

        public static bool AreEqual(byte[] a, int aOffset, byte[] b, int bOffset)
        {
            for (int i = 0; i < Length; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsBroadcast(byte[] a, int offset)
        {
            for (int i = 0; i < Length; i++)
            {
                if (a[offset + i] != 0xff)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Group bit (I/G) set: multicast or broadcast (IEEE 802 §8.2).</summary>
        public static bool IsGroup(byte[] a, int offset)
        {
            return (a[offset] & 0x01) != 0;
        }

        public static bool IsZero(byte[] a, int offset)
        {
            for (int i = 0; i < Length; i++)
            {
                if (a[offset + i] != 0)
                {
                    return false;
                }
            }

            return true;
        }

        public static void Copy(byte[] from, int fromOffset, byte[] to, int toOffset)
        {
            for (int i = 0; i < Length; i++)
            {
                to[toOffset + i] = from[fromOffset + i];
            }
        }

        /// <summary>aa:bb:cc:dd:ee:ff (allocates: console only).</summary>
        public static string ToString(byte[] a, int offset)
        {
            const string hex = "0123456789abcdef";
            char[] c = new char[17];
            for (int i = 0; i < Length; i++)
            {
                byte v = a[offset + i];
                c[i * 3] = hex[v >> 4];
                c[i * 3 + 1] = hex[v & 0xF];
                if (i < Length - 1)
                {
                    c[i * 3 + 2] = ':';
                }
            }

            return new string(c);
        }

        /// <summary>Parses aa:bb:cc:dd:ee:ff or aa-bb-...; false on anything else.</summary>
        public static bool TryParse(string text, byte[] mac, int offset)
        {
            if (text == null || text.Length != 17)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                int hi = HexValue(text[i * 3]);
                int lo = HexValue(text[i * 3 + 1]);
                if (hi < 0 || lo < 0)
                {
                    return false;
                }

                if (i < Length - 1)
                {
                    char sep = text[i * 3 + 2];
                    if (sep != ':' && sep != '-')
                    {
                        return false;
                    }
                }

                mac[offset + i] = (byte)((hi << 4) | lo);
            }

            return true;
        }

        private static int HexValue(char c)
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
