using System;
using NanoIP.Network;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>
    /// Two TcpLayers joined by an in-memory link on a virtual clock: a serialization rate, a
    /// latency, a bounded queue per direction (tail drop), and seeded faults — loss,
    /// duplication, reordering (extra delay) and corruption (one flipped bit, which the TCP
    /// checksum must catch). Fixed packet pool: stepping allocates nothing.
    /// </summary>
    public sealed class TcpPipe
    {
        public const uint AddressA = 0x0A000001;
        public const uint AddressB = 0x0A000002;
        private const int PoolSize = 256;
        private const int SlotSize = 1500;

        public readonly TcpLayer A;
        public readonly TcpLayer B;
        public long Now;

        // Faults, in percent of segments.
        public int LossPercent;
        public int DuplicatePercent;
        public int CorruptPercent;
        public int ReorderPercent;
        public int ReorderDelayMs = 6;
        public int LatencyMs = 2;
        /// <summary>Serialization rate; 1250 bytes/ms is 10 Mbit/s.</summary>
        public int BytesPerMs = 1250;
        /// <summary>Segments queued or in flight per direction before tail drop.</summary>
        public int QueueLimit = 64;

        // What happened.
        public int Delivered;
        public int Lost;
        public int Duplicated;
        public int Corrupted;
        public int Reordered;
        public int QueueDrops;

        /// <summary>Prints this many delivered segments (debugging aid).</summary>
        public int TraceLimit;

        private readonly Random _rng;
        private readonly End _endA;
        private readonly End _endB;
        private readonly byte[][] _data = new byte[PoolSize][];
        private readonly int[] _length = new int[PoolSize];
        private readonly long[] _deliverAt = new long[PoolSize];
        private readonly long[] _order = new long[PoolSize];
        private readonly bool[] _toB = new bool[PoolSize];
        private readonly bool[] _used = new bool[PoolSize];
        private readonly int[] _inFlight = new int[2];
        private readonly long[] _linkFreeUs = new long[2];
        private long _nextOrder;

        public TcpPipe(NetConfig configA, NetConfig configB, int seed)
        {
            _rng = new Random(seed);
            for (int i = 0; i < PoolSize; i++)
            {
                _data[i] = new byte[SlotSize];
            }

            _endA = new End(this, true, AddressA);
            _endB = new End(this, false, AddressB);
            A = new TcpLayer(configA, _endA);
            B = new TcpLayer(configB, _endB);
        }

        /// <summary>Longest virtual-time jump of one Step (the application only acts between steps).</summary>
        public long MaxStepMs = long.MaxValue / 4;

        /// <summary>
        /// Polls both layers (sending what the applications queued), moves the clock to the next
        /// event (a delivery or a layer deadline; at least 1 ms on, at most MaxStepMs), and
        /// delivers what is due then. The application acts between steps, right after deliveries.
        /// </summary>
        public void Step()
        {
            long next = A.Poll(Now);
            long nb = B.Poll(Now);
            if (nb < next)
            {
                next = nb;
            }

            long nd = NextDelivery();
            if (nd < next)
            {
                next = nd;
            }

            if (next - Now > MaxStepMs)
            {
                next = Now + MaxStepMs;
            }

            Now = next > Now ? next : Now + 1;
            DeliverDue();
        }

        /// <summary>Steps until virtual time reaches t.</summary>
        public void RunUntil(long t)
        {
            for (int guard = 0; guard < 10000000 && Now < t; guard++)
            {
                long saved = MaxStepMs;
                if (t - Now < MaxStepMs)
                {
                    MaxStepMs = t - Now;
                }

                Step();
                MaxStepMs = saved;
            }

            A.Poll(Now);
            B.Poll(Now);
        }

        public int QueuedSegments { get { return _inFlight[0] + _inFlight[1]; } }

        private long NextDelivery()
        {
            long next = long.MaxValue;
            for (int i = 0; i < PoolSize; i++)
            {
                if (_used[i] && _deliverAt[i] < next)
                {
                    next = _deliverAt[i];
                }
            }

            return next;
        }

        private void DeliverDue()
        {
            for (int guard = 0; guard < PoolSize * 4; guard++)
            {
                int best = -1;
                for (int i = 0; i < PoolSize; i++)
                {
                    if (_used[i] && _deliverAt[i] <= Now && (best < 0 || _deliverAt[i] < _deliverAt[best] || (_deliverAt[i] == _deliverAt[best] && _order[i] < _order[best])))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    return;
                }

                _used[best] = false;
                _inFlight[_toB[best] ? 0 : 1]--;
                Delivered++;
                if (TraceLimit > 0)
                {
                    TraceLimit--;
                    nanoFramework.TestFramework.OutputHelper.WriteLine(Now.ToString() + (_toB[best] ? " A>B " : " B>A ")
                        + SentSegment.Decode(_data[best], 0, _length[best], 0, 0, Now).ToString());
                }

                if (_toB[best])
                {
                    B.Receive(AddressA, AddressB, false, _data[best], 0, _length[best], Now);
                }
                else
                {
                    A.Receive(AddressB, AddressA, false, _data[best], 0, _length[best], Now);
                }
            }
        }

        private void Enqueue(bool fromA, byte[] tx, int offset, int length)
        {
            if (LossPercent > 0 && _rng.Next(100) < LossPercent)
            {
                Lost++;
                return;
            }

            int copies = DuplicatePercent > 0 && _rng.Next(100) < DuplicatePercent ? 2 : 1;
            if (copies == 2)
            {
                Duplicated++;
            }

            int dir = fromA ? 0 : 1;
            long nowUs = Now * 1000;
            long start = _linkFreeUs[dir] > nowUs ? _linkFreeUs[dir] : nowUs;
            long wireUs = (long)(length + 58) * 1000 / BytesPerMs; // + Ethernet/IPv4 overhead
            _linkFreeUs[dir] = start + wireUs;
            long arrive = (_linkFreeUs[dir] + 999) / 1000 + LatencyMs;

            for (int c = 0; c < copies; c++)
            {
                if (_inFlight[dir] >= QueueLimit)
                {
                    QueueDrops++;
                    return;
                }

                int slot = FreeSlot();
                if (slot < 0)
                {
                    QueueDrops++;
                    return;
                }

                Array.Copy(tx, offset, _data[slot], 0, length);
                _length[slot] = length;
                _toB[slot] = fromA;
                _deliverAt[slot] = arrive + c;
                _order[slot] = _nextOrder++;
                if (ReorderPercent > 0 && _rng.Next(100) < ReorderPercent)
                {
                    _deliverAt[slot] += 1 + _rng.Next(ReorderDelayMs);
                    Reordered++;
                }

                if (CorruptPercent > 0 && _rng.Next(100) < CorruptPercent)
                {
                    int at = _rng.Next(length);
                    _data[slot][at] ^= (byte)(1 << _rng.Next(8));
                    Corrupted++;
                }

                _used[slot] = true;
                _inFlight[dir]++;
            }
        }

        private int FreeSlot()
        {
            for (int i = 0; i < PoolSize; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }

            return -1;
        }

        private sealed class End : IIpSender
        {
            private readonly TcpPipe _pipe;
            private readonly bool _isA;
            private readonly byte[] _tx = new byte[1514];

            public End(TcpPipe pipe, bool isA, uint address)
            {
                _pipe = pipe;
                _isA = isA;
                LocalAddress = address;
            }

            public byte[] TxBuffer { get { return _tx; } }

            public int TransportOffset { get { return 34; } }

            public int MaxTransportLength { get { return 1480; } }

            public uint LocalAddress { get; private set; }

            public IpSendResult Send(uint destination, byte protocol, int transportLength, long nowMs)
            {
                _pipe.Enqueue(_isA, _tx, 34, transportLength);
                return IpSendResult.Sent;
            }

            public IpSendResult RouteStatus(uint destination, long nowMs)
            {
                return IpSendResult.Sent;
            }
        }
    }
}
