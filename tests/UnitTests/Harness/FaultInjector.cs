using System;

namespace NanoIP.UnitTests.Harness
{
    /// <summary>
    /// Seeded wire faults: loss, duplication, reordering (extra delay) and corruption (one
    /// flipped bit), each with its own rate. The same seed and the same traffic replay the
    /// same faults, so a failing run can be repeated exactly.
    /// </summary>
    public sealed class FaultInjector
    {
        private readonly Random _random;

        public FaultInjector(int seed)
        {
            Seed = seed;
            _random = new Random(seed);
        }

        public int Seed { get; private set; }

        public double LossRate;
        public double DuplicateRate;
        public double ReorderRate;
        public double CorruptRate;
        /// <summary>Extra delay given to a reordered frame (later frames overtake it).</summary>
        public int ReorderDelayMs = 3;

        public long Lost;
        public long Duplicated;
        public long Reordered;
        public long Corrupted;

        internal bool ShouldLose()
        {
            if (LossRate > 0 && _random.NextDouble() < LossRate)
            {
                Lost++;
                return true;
            }

            return false;
        }

        internal bool ShouldDuplicate()
        {
            if (DuplicateRate > 0 && _random.NextDouble() < DuplicateRate)
            {
                Duplicated++;
                return true;
            }

            return false;
        }

        internal int ExtraDelay()
        {
            if (ReorderRate > 0 && _random.NextDouble() < ReorderRate)
            {
                Reordered++;
                return 1 + _random.Next(ReorderDelayMs);
            }

            return 0;
        }

        internal void MaybeCorrupt(byte[] frame, int length)
        {
            if (CorruptRate > 0 && length > 0 && _random.NextDouble() < CorruptRate)
            {
                Corrupted++;
                int bit = _random.Next(length * 8);
                frame[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
        }
    }
}
