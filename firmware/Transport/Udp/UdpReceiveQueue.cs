namespace NanoIP.Transport.Udp
{
    /// <summary>
    /// One endpoint's received datagrams, kept whole in a fixed byte ring
    /// (NetConfig.UdpReceiveBufferSize): each record is length (2), source address (4),
    /// source port (2), then the payload, wrapping at the end. A datagram that does not fit
    /// is refused whole (the caller counts the drop).
    /// </summary>
    internal sealed class UdpReceiveQueue
    {
        private const int RecordHeader = 8;
        private readonly byte[] _ring;
        private readonly byte[] _header = new byte[RecordHeader];
        private int _head;
        private int _used;
        private int _count;

        internal UdpReceiveQueue(int size)
        {
            _ring = new byte[size];
        }

        internal int Count
        {
            get { return _count; }
        }

        internal int Capacity
        {
            get { return _ring.Length; }
        }

        /// <summary>Bytes used, record headers included.</summary>
        internal int Used
        {
            get { return _used; }
        }

        internal void Clear()
        {
            _head = 0;
            _used = 0;
            _count = 0;
        }

        internal bool Enqueue(uint source, int sourcePort, byte[] data, int offset, int length)
        {
            if (RecordHeader + length > _ring.Length - _used)
            {
                return false;
            }

            NetOrder.WriteUInt16(_header, 0, length);
            NetOrder.WriteUInt32(_header, 2, source);
            NetOrder.WriteUInt16(_header, 6, sourcePort);
            Put(_header, 0, RecordHeader);
            Put(data, offset, length);
            _count++;
            return true;
        }

        /// <summary>Length of the oldest datagram, or -1 when empty.</summary>
        internal int PeekLength()
        {
            if (_count == 0)
            {
                return -1;
            }

            int i = _head;
            int j = i + 1 == _ring.Length ? 0 : i + 1;
            return (_ring[i] << 8) | _ring[j];
        }

        /// <summary>
        /// Removes the oldest datagram, copying at most capacity bytes of it to buffer; returns
        /// its full length (more than capacity means the rest was discarded), -1 when empty.
        /// </summary>
        internal int Dequeue(byte[] buffer, int offset, int capacity, out uint source, out int sourcePort)
        {
            source = 0;
            sourcePort = 0;
            if (_count == 0)
            {
                return -1;
            }

            Take(_header, 0, RecordHeader);
            int length = NetOrder.ReadUInt16(_header, 0);
            source = NetOrder.ReadUInt32(_header, 2);
            sourcePort = NetOrder.ReadUInt16(_header, 6);
            int n = length < capacity ? length : capacity;
            if (n > 0)
            {
                Take(buffer, offset, n);
            }

            Skip(length - n);
            _count--;
            if (_count == 0)
            {
                _head = 0;
                _used = 0;
            }

            return length;
        }

        private void Put(byte[] data, int offset, int length)
        {
            int tail = _head + _used;
            if (tail >= _ring.Length)
            {
                tail -= _ring.Length;
            }

            int first = _ring.Length - tail;
            if (first > length)
            {
                first = length;
            }

            System.Array.Copy(data, offset, _ring, tail, first);
            if (length > first)
            {
                System.Array.Copy(data, offset + first, _ring, 0, length - first);
            }

            _used += length;
        }

        private void Take(byte[] buffer, int offset, int length)
        {
            int first = _ring.Length - _head;
            if (first > length)
            {
                first = length;
            }

            System.Array.Copy(_ring, _head, buffer, offset, first);
            if (length > first)
            {
                System.Array.Copy(_ring, 0, buffer, offset + first, length - first);
            }

            Skip(length);
        }

        private void Skip(int length)
        {
            _head += length;
            if (_head >= _ring.Length)
            {
                _head -= _ring.Length;
            }

            _used -= length;
        }
    }
}
