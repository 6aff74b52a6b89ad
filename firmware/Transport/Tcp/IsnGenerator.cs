namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Initial sequence numbers per RFC 6528: ISN = M + F(localip, localport, remoteip,
    /// remoteport, secretkey), M a 4 µs clock (nowMs × 250), F = SipHash-2-4 of the 12-byte
    /// 4-tuple. The 128-bit key is NetConfig.IsnSecret stretched with the SplitMix64 mixer
    /// (a board that has more entropy should put it all into IsnSecret's 32 bits; the key is
    /// only as unpredictable as those). Different connections get unrelated ISNs; the same
    /// 4-tuple reused later gets a higher one, as TIME_WAIT reuse needs.
    /// </summary>
    public sealed class IsnGenerator
    {
        private readonly ulong _k0;
        private readonly ulong _k1;
        private readonly byte[] _tuple = new byte[12];

        public IsnGenerator(uint secret)
        {
            ulong state = secret;
            _k0 = SplitMix(ref state);
            _k1 = SplitMix(ref state);
        }

        /// <summary>The keyed part F, also used to spread ephemeral ports.</summary>
        public uint Hash(uint localAddress, int localPort, uint remoteAddress, int remotePort)
        {
            NetOrder.WriteUInt32(_tuple, 0, localAddress);
            NetOrder.WriteUInt16(_tuple, 4, localPort);
            NetOrder.WriteUInt32(_tuple, 6, remoteAddress);
            NetOrder.WriteUInt16(_tuple, 10, remotePort);
            return (uint)SipHash.Hash(_k0, _k1, _tuple, 0, 12);
        }

        public uint Next(uint localAddress, int localPort, uint remoteAddress, int remotePort, long nowMs)
        {
            uint m = unchecked((uint)(nowMs * 250));
            return unchecked(m + Hash(localAddress, localPort, remoteAddress, remotePort));
        }

        private static ulong SplitMix(ref ulong state)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
