using NanoIP.Drivers;

namespace NanoIP.HostTests
{
    /// <summary>One end of a cable: a fixed queue of frames filled by the other end. Allocation-free after construction.</summary>
    internal sealed class CableEnd : ILinkDevice
    {
        private readonly byte[] _mac;
        private readonly byte[][] _queue = new byte[16][];
        private readonly int[] _length = new int[16];
        private int _head, _count;
        public CableEnd Other;

        public CableEnd(byte last)
        {
            _mac = new byte[] { 2, 0, 0, 0, 0, last };
            for (int i = 0; i < _queue.Length; i++) _queue[i] = new byte[1514];
        }

        public int MaxFrameLength => 1514;
        public bool IsLinkUp => true;
        public bool InterruptPending => _count > 0;
        public bool ReceiveBroadcast { get; set; } = true;
        public bool ReceiveMulticast { get; set; }
        public void GetMacAddress(byte[] mac, int offset) => System.Array.Copy(_mac, 0, mac, offset, 6);
        public void Poll(long nowMs) { }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_count == 0) return 0;
            int n = _length[_head];
            System.Array.Copy(_queue[_head], 0, buffer, offset, n);
            _head = (_head + 1) % _queue.Length;
            _count--;
            return n;
        }

        public bool Transmit(byte[] frame, int offset, int length)
        {
            CableEnd o = Other;
            if (o._count == o._queue.Length) return false;
            int tail = (o._head + o._count) % o._queue.Length;
            System.Array.Copy(frame, offset, o._queue[tail], 0, length);
            o._length[tail] = length;
            o._count++;
            return true;
        }
    }
}
