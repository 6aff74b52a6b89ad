namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Bookkeeping for out-of-order data (the idea of smoltcp's Assembler): a small fixed set
    /// of disjoint byte ranges, as offsets from RCV.NXT, whose bytes already sit in the
    /// receive ring beyond the readable part. When the hole at the front fills, the ranges
    /// that became contiguous are handed over at once. The bytes themselves are never copied.
    /// </summary>
    public sealed class Assembler
    {
        // Sorted by start, disjoint and non-adjacent. One spare slot beyond the limit is only
        // used transiently by a range that starts at offset 0 (in-order data), which
        // RemoveFront takes out at once, so in-order data is never refused.
        private readonly int[] _start;
        private readonly int[] _end;
        private readonly int _limit;
        private int _count;

        public Assembler(int slots)
        {
            _limit = slots < 0 ? 0 : slots;
            _start = new int[_limit + 1];
            _end = new int[_limit + 1];
        }

        /// <summary>Out-of-order ranges currently held.</summary>
        public int Count { get { return _count; } }

        public int Slots { get { return _limit; } }

        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Offset just past the highest byte held (0 when empty).</summary>
        public int HighestEnd { get { return _count == 0 ? 0 : _end[_count - 1]; } }

        /// <summary>
        /// Records [offset, offset + length). Returns false (nothing recorded) when it would
        /// need a new range and every slot is taken.
        /// </summary>
        public bool Add(int offset, int length)
        {
            if (length <= 0 || offset < 0)
            {
                return length == 0;
            }

            int start = offset;
            int end = offset + length;

            // First range that ends at or after start (could touch or overlap).
            int i = 0;
            while (i < _count && _end[i] < start)
            {
                i++;
            }

            // Ranges i..j-1 touch or overlap [start, end).
            int j = i;
            while (j < _count && _start[j] <= end)
            {
                if (_start[j] < start)
                {
                    start = _start[j];
                }

                if (_end[j] > end)
                {
                    end = _end[j];
                }

                j++;
            }

            int merged = j - i;
            if (merged == 0)
            {
                int capacity = start == 0 ? _limit + 1 : _limit;
                if (_count >= capacity)
                {
                    return false;
                }

                for (int k = _count; k > i; k--)
                {
                    _start[k] = _start[k - 1];
                    _end[k] = _end[k - 1];
                }

                _start[i] = start;
                _end[i] = end;
                _count++;
                return true;
            }

            _start[i] = start;
            _end[i] = end;
            int removed = merged - 1;
            if (removed > 0)
            {
                for (int k = i + 1; k + removed < _count; k++)
                {
                    _start[k] = _start[k + removed];
                    _end[k] = _end[k + removed];
                }

                _count -= removed;
            }

            return true;
        }

        /// <summary>
        /// If a range starts at offset 0, removes it and returns its length, and shifts every
        /// other range down by that length (RCV.NXT moved). Otherwise returns 0.
        /// </summary>
        public int RemoveFront()
        {
            if (_count == 0 || _start[0] != 0)
            {
                return 0;
            }

            int n = _end[0];
            for (int k = 1; k < _count; k++)
            {
                _start[k - 1] = _start[k] - n;
                _end[k - 1] = _end[k] - n;
            }

            _count--;
            return n;
        }
    }
}
