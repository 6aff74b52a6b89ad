using System;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// The send buffer: bytes from SND.UNA onward, both sent-but-unacknowledged and not yet
    /// sent. Segments (first sends and retransmissions alike) are cut from it by offset, so
    /// there is no retransmission queue; an ACK frees its bytes from the front.
    /// </summary>
    public sealed class SendRing
    {
        private readonly byte[] _buffer;
        private int _head;
        private int _count;

        public SendRing(int capacity)
        {
            _buffer = new byte[capacity];
        }

        public int Capacity { get { return _buffer.Length; } }

        /// <summary>Bytes held (unacknowledged plus unsent).</summary>
        public int Count { get { return _count; } }

        public int Free { get { return _buffer.Length - _count; } }

        public void Clear()
        {
            _head = 0;
            _count = 0;
        }

        /// <summary>Appends up to count bytes; returns how many fitted.</summary>
        public int Write(byte[] source, int offset, int count)
        {
            int n = count < Free ? count : Free;
            int tail = (_head + _count) % _buffer.Length;
            int first = _buffer.Length - tail;
            if (first > n)
            {
                first = n;
            }

            Array.Copy(source, offset, _buffer, tail, first);
            if (n > first)
            {
                Array.Copy(source, offset + first, _buffer, 0, n - first);
            }

            _count += n;
            return n;
        }

        /// <summary>Copies count bytes starting offset bytes after the front (SND.UNA) into destination.</summary>
        public void CopyOut(int offset, byte[] destination, int destinationOffset, int count)
        {
            int start = (_head + offset) % _buffer.Length;
            int first = _buffer.Length - start;
            if (first > count)
            {
                first = count;
            }

            Array.Copy(_buffer, start, destination, destinationOffset, first);
            if (count > first)
            {
                Array.Copy(_buffer, 0, destination, destinationOffset + first, count - first);
            }
        }

        /// <summary>Drops count acknowledged bytes from the front.</summary>
        public void Consume(int count)
        {
            if (count > _count)
            {
                count = _count;
            }

            _head = (_head + count) % _buffer.Length;
            _count -= count;
            if (_count == 0)
            {
                _head = 0;
            }
        }
    }
}
