namespace NanoIP
{
    /// <summary>
    /// The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words.
    /// Sums are kept unfolded in a uint so partial sums (pseudo-header, header, payload) chain.
    /// </summary>
    public static class InternetChecksum
    {
        /// <summary>Adds length bytes at offset to sum; an odd final byte is padded with zero.</summary>
        public static uint Add(uint sum, byte[] b, int offset, int length)
        {
            int end = offset + length - 1;
            int i = offset;
            for (; i < end; i += 2)
            {
                sum += (uint)((b[i] << 8) | b[i + 1]);
            }

            if (i == end)
            {
                sum += (uint)(b[i] << 8);
            }

            return sum;
        }

        /// <summary>Adds the TCP/UDP pseudo-header (RFC 9293 §3.1, RFC 768) to sum.</summary>
        public static uint AddPseudoHeader(uint sum, uint source, uint destination, byte protocol, int length)
        {
            sum += source >> 16;
            sum += source & 0xFFFF;
            sum += destination >> 16;
            sum += destination & 0xFFFF;
            sum += protocol;
            sum += (uint)length;
            return sum;
        }

        /// <summary>Folds the carries and complements: the value to store in a header.</summary>
        public static ushort Finish(uint sum)
        {
            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }

        /// <summary>Checksum of a byte range (e.g. an IPv4 header); 0 means a received range verifies.</summary>
        public static ushort Compute(byte[] b, int offset, int length)
        {
            return Finish(Add(0, b, offset, length));
        }
    }
}
