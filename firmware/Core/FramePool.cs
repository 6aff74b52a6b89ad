namespace NanoIP
{
    /// <summary>
    /// The fixed pool of frame-sized buffers (NetConfig.FrameBuffers × MaxFrameLength).
    /// Buffers are handed out by index, so renting and returning allocate nothing.
    /// The stack holds two for life (receive and transmit scratch); the rest park
    /// packets while ARP resolves their next hop.
    /// </summary>
    public sealed class FramePool
    {
        private readonly byte[][] _buffers;
        private readonly bool[] _inUse;
        private int _free;
        private int _lowWater;

        public FramePool(int count, int frameLength)
        {
            _buffers = new byte[count][];
            _inUse = new bool[count];
            for (int i = 0; i < count; i++)
            {
                _buffers[i] = new byte[frameLength];
            }

            _free = count;
            _lowWater = count;
            FrameLength = frameLength;
        }

        public int Capacity
        {
            get { return _buffers.Length; }
        }

        public int FrameLength { get; private set; }

        public int Free
        {
            get { return _free; }
        }

        /// <summary>Fewest free buffers ever seen: how close the pool came to running dry.</summary>
        public int LowWater
        {
            get { return _lowWater; }
        }

        /// <summary>Rent calls that found the pool empty.</summary>
        public long Exhausted;

        /// <summary>Index of a free buffer, or -1 when none is left (counted).</summary>
        public int Rent()
        {
            for (int i = 0; i < _inUse.Length; i++)
            {
                if (!_inUse[i])
                {
                    _inUse[i] = true;
                    _free--;
                    if (_free < _lowWater)
                    {
                        _lowWater = _free;
                    }

                    return i;
                }
            }

            Exhausted++;
            return -1;
        }

        public byte[] Get(int index)
        {
            return _buffers[index];
        }

        public void Return(int index)
        {
            if (index >= 0 && index < _inUse.Length && _inUse[index])
            {
                _inUse[index] = false;
                _free++;
            }
        }

        /// <summary>Bytes allocated at start-up.</summary>
        public int FootprintBytes
        {
            get { return _buffers.Length * FrameLength; }
        }
    }
}
