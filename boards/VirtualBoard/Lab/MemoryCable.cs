using NanoIP.Drivers;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>
/// Two ILinkDevices joined back to back in memory, with no time, no FCS and no faults: what one end transmits
/// waits in the other end's fixed receive queue (Transmit returns false when it is full). Nothing is allocated
/// after construction, so a benchmark of two stacks on it measures the stacks alone. For timed, faulty or
/// captured traffic use the wire (<see cref="VirtualLab"/>); for device-side tests, tests/UnitTests/Harness.
/// </summary>
public sealed class MemoryCable
{
    public MemoryCable(byte[] macA, byte[] macB, int queueFrames = 64)
    {
        A = new End(macA, queueFrames);
        B = new End(macB, queueFrames);
        A.Other = B;
        B.Other = A;
    }

    public End A { get; }

    public End B { get; }

    /// <summary>One end of the cable.</summary>
    public sealed class End : ILinkDevice
    {
        private readonly byte[] _mac = new byte[6];
        private readonly byte[][] _queue;
        private readonly int[] _length;
        private int _head;
        private int _count;

        internal End(byte[] mac, int queueFrames)
        {
            Array.Copy(mac, _mac, 6);
            _queue = new byte[queueFrames][];
            _length = new int[queueFrames];
            for (int i = 0; i < queueFrames; i++) _queue[i] = new byte[1514];
            ReceiveBroadcast = true;
        }

        internal End Other;

        public long FramesTransmitted;
        public long BytesTransmitted;
        public long TransmitRefused;

        public int MaxFrameLength => 1514;

        public bool IsLinkUp => true;

        public bool InterruptPending => _count > 0;

        public bool ReceiveBroadcast { get; set; }

        public bool ReceiveMulticast { get; set; }

        public void GetMacAddress(byte[] mac, int offset) => Array.Copy(_mac, 0, mac, offset, 6);

        public void Poll(long nowMs)
        {
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_count == 0) return 0;
            int slot = _head;
            int n = _length[slot];
            _head = (_head + 1) % _queue.Length;
            _count--;
            if (n > capacity) return 0; // never truncated (stacks read into 1514-byte buffers)
            Array.Copy(_queue[slot], 0, buffer, offset, n);
            return n;
        }

        public bool Transmit(byte[] frame, int offset, int length)
        {
            End o = Other;
            if (length < 14 || length > 1514 || o._count == o._queue.Length)
            {
                TransmitRefused++;
                return false;
            }

            int tail = (o._head + o._count) % o._queue.Length;
            Array.Copy(frame, offset, o._queue[tail], 0, length);
            o._length[tail] = length;
            o._count++;
            FramesTransmitted++;
            BytesTransmitted += length;
            return true;
        }
    }
}
