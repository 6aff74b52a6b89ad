namespace NanoIP
{
    /// <summary>
    /// Time helpers for the poll-driven core: time is milliseconds on a caller-supplied
    /// clock (long nowMs); "no deadline" is long.MaxValue.
    /// </summary>
    public static class NetTime
    {
        /// <summary>The deadline of something that never fires.</summary>
        public const long Never = long.MaxValue;

        public static long Earliest(long a, long b)
        {
            return a < b ? a : b;
        }

        /// <summary>now + delta without overflowing past Never.</summary>
        public static long After(long nowMs, long deltaMs)
        {
            long t = nowMs + deltaMs;
            return t < nowMs ? Never : t;
        }
    }
}
