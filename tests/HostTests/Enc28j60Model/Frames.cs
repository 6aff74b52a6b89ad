namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>Test frames and independent reference computations (bitwise CRC-32, RFC 1071 checksum).</summary>
    internal static class Frames
    {
        public static readonly byte[] OwnMac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
        public static readonly byte[] OtherMac = { 0x02, 0x99, 0x88, 0x77, 0x66, 0x55 };
        public static readonly byte[] PeerMac = { 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE };
        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
        public static readonly byte[] Multicast = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0x01 };

        /// <summary>destination, source, type, payload (seeded bytes) without FCS; total length <paramref name="length"/>.</summary>
        public static byte[] Build(byte[] destination, int length, int seed = 1, int type = 0x0800)
        {
            var frame = new byte[length];
            destination.CopyTo(frame, 0);
            PeerMac.CopyTo(frame, 6);
            frame[12] = (byte)(type >> 8);
            frame[13] = (byte)type;
            var random = new Random(seed);
            for (int i = 14; i < length; i++)
            {
                frame[i] = (byte)random.Next(256);
            }

            return frame;
        }

        /// <summary>A frame as the wire carries it: with its FCS.</summary>
        public static byte[] Wire(byte[] destination, int lengthWithFcs, int seed = 1, int type = 0x0800)
        {
            return WithFcs(Build(destination, lengthWithFcs - 4, seed, type));
        }

        public static byte[] WithFcs(byte[] frame)
        {
            uint crc = Crc32(frame, frame.Length);
            var result = new byte[frame.Length + 4];
            frame.CopyTo(result, 0);
            for (int i = 0; i < 4; i++)
            {
                result[frame.Length + i] = (byte)(crc >> (8 * i));
            }

            return result;
        }

        /// <summary>IEEE 802.3 CRC-32, bit by bit (reflected, init and final XOR all ones).</summary>
        public static uint Crc32(byte[] data, int length)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < length; i++)
            {
                crc ^= data[i];
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }

        /// <summary>
        /// Hash table bit for a destination, derived from the standard CRC: the non-reflected shift register the
        /// ENC28J60 uses equals the bit-reversed, uncomplemented reflected CRC; bits 28:23 of it select the bit.
        /// </summary>
        public static int HashIndex(byte[] destination)
        {
            uint reflected = ~Crc32(destination, 6); // undo the final XOR
            uint msbFirst = 0;
            for (int i = 0; i < 32; i++)
            {
                if ((reflected & (1u << i)) != 0)
                {
                    msbFirst |= 1u << (31 - i);
                }
            }

            return (int)((msbFirst >> 23) & 0x3F);
        }

        /// <summary>RFC 1071 Internet checksum of bytes, padding an odd count with zero.</summary>
        public static ushort InternetChecksum(IReadOnlyList<byte> data)
        {
            long sum = 0;
            for (int i = 0; i < data.Count; i += 2)
            {
                int word = data[i] << 8;
                if (i + 1 < data.Count)
                {
                    word |= data[i + 1];
                }

                sum += word;
            }

            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }

        public static bool Equal(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
    }
}
