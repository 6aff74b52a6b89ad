namespace NanoIP.Services.Dns
{
    /// <summary>
    /// Domain names in wire form (RFC 1035 §3.1: length-prefixed labels ending in a zero byte),
    /// kept lower-case so comparison is a byte compare (names are case-insensitive, §2.3.3).
    /// Encode checks the text form; Read decompresses a name inside a message with bounded
    /// pointer following. Only ToString allocates (API edge).
    /// </summary>
    public static class DnsName
    {
        /// <summary>Longest name in wire form, root byte included (RFC 1035 §2.3.4).</summary>
        public const int MaxWireLength = 255;
        /// <summary>Longest name as text without the trailing dot.</summary>
        public const int MaxTextLength = 253;
        public const int MaxLabelLength = 63;

        /// <summary>
        /// Writes text ("host.example.com", a trailing dot allowed) lower-cased in wire form at
        /// dst[offset]; returns the length written (root byte included), or -1 when the name is
        /// empty, too long, has an empty or over-long label, or a character outside letters,
        /// digits, '-' and '_'.
        /// </summary>
        public static int Encode(string text, byte[] dst, int offset)
        {
            if (text == null || dst == null || offset < 0 || offset + MaxWireLength > dst.Length)
            {
                return -1;
            }

            int n = text.Length;
            if (n > 0 && text[n - 1] == '.')
            {
                n--;
            }

            if (n == 0 || n > MaxTextLength)
            {
                return -1;
            }

            int lengthAt = offset;
            int o = offset + 1;
            int label = 0;
            for (int i = 0; i < n; i++)
            {
                char c = text[i];
                if (c == '.')
                {
                    if (label == 0)
                    {
                        return -1;
                    }

                    dst[lengthAt] = (byte)label;
                    lengthAt = o++;
                    label = 0;
                    continue;
                }

                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }
                else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
                {
                    return -1;
                }

                if (++label > MaxLabelLength)
                {
                    return -1;
                }

                dst[o++] = (byte)c;
            }

            if (label == 0)
            {
                return -1;
            }

            dst[lengthAt] = (byte)label;
            dst[o++] = 0;
            return o - offset;
        }

        /// <summary>
        /// Reads the (possibly compressed) name at m[offset] of a message of length bytes into dst
        /// (lower-cased wire form, at most 255 bytes) and returns its length, or -1 when it is
        /// malformed. next gets the offset just past the name where it sits (RFC 1035 §4.1.4).
        /// A pointer must point before every position read so far for this name: that rules
        /// out loops, and pointers into the header or past the end are rejected as well.
        /// </summary>
        public static int Read(byte[] m, int length, int offset, byte[] dst, out int next)
        {
            next = -1;
            int pos = offset;
            int lowest = offset;
            int o = 0;
            // Each step consumes a label or a pointer; both are bounded by the message length.
            for (int guard = 0; guard <= length; guard++)
            {
                if (pos < DnsMessage.HeaderLength || pos >= length)
                {
                    return -1;
                }

                int len = m[pos];
                if ((len & 0xC0) == 0xC0)
                {
                    if (pos + 1 >= length)
                    {
                        return -1;
                    }

                    int target = ((len & 0x3F) << 8) | m[pos + 1];
                    if (next < 0)
                    {
                        next = pos + 2;
                    }

                    if (target < DnsMessage.HeaderLength || target >= lowest)
                    {
                        next = -1;
                        return -1;
                    }

                    lowest = target;
                    pos = target;
                    continue;
                }

                if ((len & 0xC0) != 0)
                {
                    // 0x40 and 0x80: extended label types (RFC 6891 §5), not for A lookups.
                    next = -1;
                    return -1;
                }

                if (len == 0)
                {
                    if (o + 1 > MaxWireLength)
                    {
                        next = -1;
                        return -1;
                    }

                    dst[o++] = 0;
                    if (next < 0)
                    {
                        next = pos + 1;
                    }

                    return o;
                }

                if (pos + 1 + len > length || o + 1 + len + 1 > MaxWireLength)
                {
                    next = -1;
                    return -1;
                }

                dst[o++] = (byte)len;
                for (int i = 1; i <= len; i++)
                {
                    byte c = m[pos + i];
                    dst[o++] = c >= (byte)'A' && c <= (byte)'Z' ? (byte)(c + 32) : c;
                }

                pos += 1 + len;
            }

            next = -1;
            return -1;
        }

        /// <summary>Whether a[aOffset..) and b[bOffset..) hold the same count bytes.</summary>
        public static bool Equal(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[aOffset + i] != b[bOffset + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The dotted text of a wire-form name (allocates: API edge only).</summary>
        public static string ToString(byte[] wire, int offset, int length)
        {
            if (length <= 1)
            {
                return ".";
            }

            char[] text = new char[length];
            int n = 0;
            int i = offset;
            int end = offset + length;
            while (i < end && wire[i] != 0)
            {
                int len = wire[i];
                if (n > 0)
                {
                    text[n++] = '.';
                }

                for (int j = 1; j <= len && i + j < end; j++)
                {
                    byte c = wire[i + j];
                    text[n++] = c >= 32 && c < 127 ? (char)c : '?';
                }

                i += 1 + len;
            }

            return new string(text, 0, n);
        }
    }
}
