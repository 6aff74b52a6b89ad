namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// RFC 5961 §7: challenge ACKs are limited to a number per second for the whole stack,
    /// so a blind attacker cannot turn them into an amplifier or a side channel count.
    /// </summary>
    public sealed class ChallengeAckLimiter
    {
        private readonly int _limit;
        private long _windowStart = long.MinValue;
        private int _count;

        public ChallengeAckLimiter(int limitPerSecond)
        {
            _limit = limitPerSecond;
        }

        /// <summary>True when one more challenge ACK may go out now.</summary>
        public bool Allow(long nowMs)
        {
            if (_windowStart == long.MinValue || nowMs - _windowStart >= 1000 || nowMs < _windowStart)
            {
                _windowStart = nowMs;
                _count = 0;
            }

            if (_count >= _limit)
            {
                return false;
            }

            _count++;
            return true;
        }
    }
}
