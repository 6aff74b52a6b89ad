namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Sequence-number comparisons modulo 2^32 (RFC 9293 §3.4): a precedes b when the signed
    /// 32-bit difference a − b is negative. Valid while the two are less than 2^31 apart.
    /// </summary>
    public static class TcpSeq
    {
        public static bool Lt(uint a, uint b) { return (int)(a - b) < 0; }

        public static bool Le(uint a, uint b) { return (int)(a - b) <= 0; }

        public static bool Gt(uint a, uint b) { return (int)(a - b) > 0; }

        public static bool Ge(uint a, uint b) { return (int)(a - b) >= 0; }

        /// <summary>b − a as a signed distance.</summary>
        public static int Diff(uint a, uint b) { return (int)(a - b); }

        /// <summary>lo ≤ x &lt; hi in sequence space.</summary>
        public static bool InRange(uint x, uint lo, uint hi) { return Le(lo, x) && Lt(x, hi); }
    }
}
