namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed 64-bit hash built from 64-bit add,
    /// rotate and xor, cheap enough for the device and strong enough as the keyed function F
    /// of RFC 6528. Written from the algorithm's description; checked against its published
    /// test vectors.
    /// </summary>
    public static class SipHash
    {
        /// <summary>Hash of length bytes at offset under the 128-bit key (k0, k1), little-endian words.</summary>
        public static ulong Hash(ulong k0, ulong k1, byte[] data, int offset, int length)
        {
            ulong v0 = k0 ^ 0x736f6d6570736575UL;
            ulong v1 = k1 ^ 0x646f72616e646f6dUL;
            ulong v2 = k0 ^ 0x6c7967656e657261UL;
            ulong v3 = k1 ^ 0x7465646279746573UL;

            int end = offset + length;
            int blocksEnd = offset + (length & ~7);
            int i = offset;
            for (; i < blocksEnd; i += 8)
            {
                ulong m = ReadLittle(data, i, 8);
                v3 ^= m;
                Rounds(ref v0, ref v1, ref v2, ref v3, 2);
                v0 ^= m;
            }

            ulong last = ((ulong)(length & 0xFF) << 56) | ReadLittle(data, i, end - i);
            v3 ^= last;
            Rounds(ref v0, ref v1, ref v2, ref v3, 2);
            v0 ^= last;

            v2 ^= 0xFF;
            Rounds(ref v0, ref v1, ref v2, ref v3, 4);
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private static ulong ReadLittle(byte[] b, int offset, int count)
        {
            ulong m = 0;
            for (int k = count - 1; k >= 0; k--)
            {
                m = (m << 8) | b[offset + k];
            }

            return m;
        }

        private static void Rounds(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                v0 += v1;
                v1 = (v1 << 13) | (v1 >> 51);
                v1 ^= v0;
                v0 = (v0 << 32) | (v0 >> 32);
                v2 += v3;
                v3 = (v3 << 16) | (v3 >> 48);
                v3 ^= v2;
                v0 += v3;
                v3 = (v3 << 21) | (v3 >> 43);
                v3 ^= v0;
                v2 += v1;
                v1 = (v1 << 17) | (v1 >> 47);
                v1 ^= v2;
                v2 = (v2 << 32) | (v2 >> 32);
            }
        }
    }
}
