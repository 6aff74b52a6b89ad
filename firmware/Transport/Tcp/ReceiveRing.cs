using System;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// The receive buffer: readable bytes (up to RCV.NXT) at the front, then the window, in
    /// which out-of-order bytes are written at their final place and tracked by the Assembler.
    /// </summary>
    public sealed class ReceiveRing
    {
        private readonly byte[] _buffer;
        private int _head;
        private int _readable;

        public ReceiveRing(int capacity, int outOfOrderSlots)
        {
            _buffer = new byte[capacity];
            OutOfOrder = new Assembler(outOfOrderSlots);
        }

        public readonly Assembler OutOfOrder;

        public int Capacity { get { return _buffer.Length; } }

        /// <summary>Bytes the application can read.</summary>
        public int Readable { get { return _readable; } }

        /// <summary>Room after the readable bytes: the most the window can be.</summary>
        public int Free { get { return _buffer.Length - _readable; } }

        public void Clear()
        {
            _head = 0;
            _readable = 0;
            OutOfOrder.Clear();
        }

        /// <summary>Writes payload windowOffset bytes past RCV.NXT. The caller keeps it inside Free.</summary>
        public void WriteAt(int windowOffset, byte[] source, int offset, int count)
        {
            int start = (_head + _readable + windowOffset) % _buffer.Length;
            int first = _buffer.Length - start;
            if (first > count)
            {
                first = count;
            }

            Array.Copy(source, offset, _buffer, start, first);
            if (count > first)
            {
                Array.Copy(source, offset + first, _buffer, 0, count - first);
            }
        }

        /// <summary>count bytes just past the readable ones became in-order (RCV.NXT advanced).</summary>
        public void CommitReadable(int count)
        {
            _readable += count;
        }

        /// <summary>Copies up to count readable bytes out and frees them; returns how many.</summary>
        public int Read(byte[] destination, int offset, int count)
        {
            int n = count < _readable ? count : _readable;
            int first = _buffer.Length - _head;
            if (first > n)
            {
                first = n;
            }

            Array.Copy(_buffer, _head, destination, offset, first);
            if (n > first)
            {
                Array.Copy(_buffer, 0, destination, offset + first, n - first);
            }

            Discard(n);
            return n;
        }

        /// <summary>Frees count readable bytes without copying them.</summary>
        public void Discard(int count)
        {
            if (count > _readable)
            {
                count = _readable;
            }

            _head = (_head + count) % _buffer.Length;
            _readable -= count;
            if (_readable == 0 && OutOfOrder.Count == 0)
            {
                _head = 0;
            }
        }
    }
}
