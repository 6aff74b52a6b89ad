using NanoIP.Drivers;

namespace NanoIP.UnitTests.Harness
{
    /// <summary>Called when a frame reaches a link; returning true consumes it (it is not queued).</summary>
    public delegate bool FrameArrivedHandler(byte[] frame, int length, long nowMs);

    /// <summary>
    /// An in-memory ILinkDevice on a VirtualWire: a fixed receive queue filled by the wire
    /// (filtered like the ENC28J60's receive filters: our MAC, ARP broadcasts, other
    /// broadcasts and multicast when enabled), transmit onto the wire with short frames
    /// padded to 60 bytes. Link state and transmit refusal can be forced by tests.
    /// </summary>
    public sealed class VirtualLink : ILinkDevice
    {
        private const int MinFrame = 60;
        private readonly byte[] _mac = new byte[6];
        private readonly byte[][] _queue;
        private readonly int[] _queueLength;
        private readonly byte[] _pad;
        private readonly int _maxFrame;
        private int _head;
        private int _count;

        public VirtualLink(byte[] mac, int queueCapacity = 32, int maxFrameLength = 1514)
        {
            MacAddress.Copy(mac, 0, _mac, 0);
            _maxFrame = maxFrameLength;
            _queue = new byte[queueCapacity][];
            _queueLength = new int[queueCapacity];
            for (int i = 0; i < queueCapacity; i++)
            {
                _queue[i] = new byte[maxFrameLength];
            }

            _pad = new byte[maxFrameLength];
            ReceiveBroadcast = true;
        }

        internal VirtualWire Wire;
        internal int Port;

        /// <summary>Link state reported to the stack.</summary>
        public bool LinkUp = true;
        /// <summary>When true Transmit returns false (a busy or broken transmitter).</summary>
        public bool RefuseTransmit;
        /// <summary>Receive every frame on the wire, whatever its destination.</summary>
        public bool Promiscuous;
        /// <summary>Sees frames as they arrive, before the queue (scripted peers answer ARP here).</summary>
        public FrameArrivedHandler Arrived;

        public long FramesTransmitted;
        public long FramesReceived;
        public long TransmitRefused;
        public long Filtered;
        public long QueueOverflows;
        public long TooLongForCaller;
        public long PollCount;

        public int MaxFrameLength
        {
            get { return _maxFrame; }
        }

        public bool IsLinkUp
        {
            get { return LinkUp; }
        }

        public bool InterruptPending
        {
            get { return _count > 0; }
        }

        public bool ReceiveBroadcast { get; set; }

        public bool ReceiveMulticast { get; set; }

        /// <summary>Frames waiting in the receive queue.</summary>
        public int Queued
        {
            get { return _count; }
        }

        public void GetMacAddress(byte[] mac, int offset)
        {
            MacAddress.Copy(_mac, 0, mac, offset);
        }

        public byte[] Mac
        {
            get { return _mac; }
        }

        public void Poll(long nowMs)
        {
            PollCount++;
            if (Wire != null)
            {
                Wire.Deliver(nowMs);
            }
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            while (_count > 0)
            {
                int len = _queueLength[_head];
                byte[] frame = _queue[_head];
                _head = (_head + 1) % _queue.Length;
                _count--;
                if (len > capacity)
                {
                    TooLongForCaller++;
                    continue;
                }

                System.Array.Copy(frame, 0, buffer, offset, len);
                FramesReceived++;
                return len;
            }

            return 0;
        }

        public bool Transmit(byte[] frame, int offset, int length)
        {
            if (!LinkUp || RefuseTransmit || length < 14 || length > _maxFrame)
            {
                TransmitRefused++;
                return false;
            }

            FramesTransmitted++;
            if (length < MinFrame)
            {
                // The ENC28J60 pads short frames with zeros (PADCFG): receivers see 60 bytes.
                System.Array.Copy(frame, offset, _pad, 0, length);
                System.Array.Clear(_pad, length, MinFrame - length);
                frame = _pad;
                offset = 0;
                length = MinFrame;
            }

            if (Wire != null)
            {
                Wire.Carry(this, frame, offset, length);
            }

            return true;
        }

        /// <summary>Puts a frame straight into the receive queue (no wire, no filter).</summary>
        public void Inject(byte[] frame, int offset, int length)
        {
            Enqueue(frame, offset, length);
        }

        public void ClearQueue()
        {
            _head = 0;
            _count = 0;
        }

        /// <summary>Whether the receive filter passes this frame.</summary>
        internal bool Accepts(byte[] frame, int offset, int length)
        {
            if (Promiscuous || MacAddress.AreEqual(frame, offset, _mac, 0))
            {
                return true;
            }

            if (MacAddress.IsBroadcast(frame, offset))
            {
                return ReceiveBroadcast || (length >= 14 && frame[offset + 12] == 0x08 && frame[offset + 13] == 0x06);
            }

            return MacAddress.IsGroup(frame, offset) && ReceiveMulticast;
        }

        internal void Arrive(byte[] frame, int offset, int length, long nowMs)
        {
            if (!Accepts(frame, offset, length))
            {
                Filtered++;
                return;
            }

            if (Arrived != null && offset == 0 && Arrived(frame, length, nowMs))
            {
                return;
            }

            Enqueue(frame, offset, length);
        }

        private void Enqueue(byte[] frame, int offset, int length)
        {
            if (_count == _queue.Length || length > _maxFrame)
            {
                QueueOverflows++;
                return;
            }

            int tail = (_head + _count) % _queue.Length;
            System.Array.Copy(frame, offset, _queue[tail], 0, length);
            _queueLength[tail] = length;
            _count++;
        }
    }
}
