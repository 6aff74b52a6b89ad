namespace NanoIP.UnitTests.Harness
{
    /// <summary>A ring of the last N frames seen on a wire (copies, with sender port and time), for assertions.</summary>
    public sealed class FrameCapture
    {
        private readonly byte[][] _frames;
        private readonly int[] _length;
        private readonly int[] _port;
        private readonly long[] _time;
        private int _next;
        private int _count;

        public FrameCapture(int capacity = 32, int maxFrameLength = 1514)
        {
            _frames = new byte[capacity][];
            for (int i = 0; i < capacity; i++)
            {
                _frames[i] = new byte[maxFrameLength];
            }

            _length = new int[capacity];
            _port = new int[capacity];
            _time = new long[capacity];
        }

        /// <summary>Frames captured since creation or Clear (may exceed what the ring still holds).</summary>
        public long Total;

        /// <summary>Frames the ring still holds (at most its capacity).</summary>
        public int Count
        {
            get { return _count; }
        }

        public void Clear()
        {
            _next = 0;
            _count = 0;
            Total = 0;
        }

        internal void Add(int port, byte[] frame, int offset, int length, long nowMs)
        {
            int n = length < _frames[_next].Length ? length : _frames[_next].Length;
            System.Array.Copy(frame, offset, _frames[_next], 0, n);
            _length[_next] = n;
            _port[_next] = port;
            _time[_next] = nowMs;
            _next = (_next + 1) % _frames.Length;
            if (_count < _frames.Length)
            {
                _count++;
            }

            Total++;
        }

        private int Index(int i)
        {
            return (_next - _count + i + _frames.Length) % _frames.Length;
        }

        /// <summary>Frame i, oldest first (0 .. Count-1).</summary>
        public byte[] Frame(int i)
        {
            return _frames[Index(i)];
        }

        public int Length(int i)
        {
            return _length[Index(i)];
        }

        /// <summary>Wire port of the link that sent frame i.</summary>
        public int Port(int i)
        {
            return _port[Index(i)];
        }

        public long Time(int i)
        {
            return _time[Index(i)];
        }

        /// <summary>Number of held frames with this EtherType (and, for ARP, this opcode when op &gt; 0).</summary>
        public int CountEtherType(int etherType, int arpOperation = 0)
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
            {
                byte[] f = Frame(i);
                if (Packets.EtherType(f) == etherType && (arpOperation == 0 || Packets.ArpOperation(f) == arpOperation))
                {
                    n++;
                }
            }

            return n;
        }
    }
}
