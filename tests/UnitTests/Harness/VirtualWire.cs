namespace NanoIP.UnitTests.Harness
{
    /// <summary>Sees every frame put on the wire (before faults), with the sender's port.</summary>
    public delegate void FrameTapHandler(int fromPort, byte[] frame, int length, long nowMs);

    /// <summary>
    /// A virtual Ethernet segment (a hub): a frame one link transmits reaches every other
    /// link after LatencyMs of virtual time, through the optional seeded FaultInjector.
    /// Frames in flight sit in fixed slots; nothing is allocated after construction.
    /// Time only moves when a link polls (or the test sets Now).
    /// </summary>
    public sealed class VirtualWire
    {
        private readonly VirtualLink[] _links = new VirtualLink[16];
        private readonly byte[][] _data;
        private readonly int[] _length;
        private readonly long[] _due;
        private readonly long[] _order;
        private readonly int[] _from;
        private readonly bool[] _used;
        private int _linkCount;
        private int _inFlight;
        private long _sequence;

        public VirtualWire(int inFlightCapacity = 64, int maxFrameLength = 1514)
        {
            _data = new byte[inFlightCapacity][];
            for (int i = 0; i < inFlightCapacity; i++)
            {
                _data[i] = new byte[maxFrameLength];
            }

            _length = new int[inFlightCapacity];
            _due = new long[inFlightCapacity];
            _order = new long[inFlightCapacity];
            _from = new int[inFlightCapacity];
            _used = new bool[inFlightCapacity];
        }

        /// <summary>One-way delay of every frame.</summary>
        public int LatencyMs;
        /// <summary>Faults applied to every frame (null: a perfect wire).</summary>
        public FaultInjector Faults;
        /// <summary>Called for every transmitted frame.</summary>
        public FrameTapHandler Tap;
        /// <summary>Keeps copies of the last frames transmitted (null: off).</summary>
        public FrameCapture Capture;
        /// <summary>Virtual time as far as the wire has seen it.</summary>
        public long Now;

        public long FramesCarried;
        public long InFlightOverflows;

        public int InFlight
        {
            get { return _inFlight; }
        }

        public VirtualLink AddLink(byte[] mac)
        {
            VirtualLink link = new VirtualLink(mac);
            Attach(link);
            return link;
        }

        public void Attach(VirtualLink link)
        {
            link.Wire = this;
            link.Port = _linkCount;
            _links[_linkCount++] = link;
        }

        public VirtualLink Link(int port)
        {
            return _links[port];
        }

        public int LinkCount
        {
            get { return _linkCount; }
        }

        /// <summary>Earliest time a frame in flight arrives, long.MaxValue when none.</summary>
        public long NextDeliveryMs
        {
            get
            {
                long next = long.MaxValue;
                for (int i = 0; i < _used.Length; i++)
                {
                    if (_used[i] && _due[i] < next)
                    {
                        next = _due[i];
                    }
                }

                return next;
            }
        }

        internal void Carry(VirtualLink from, byte[] frame, int offset, int length)
        {
            FramesCarried++;
            if (Capture != null)
            {
                Capture.Add(from.Port, frame, offset, length, Now);
            }

            if (Tap != null)
            {
                Tap(from.Port, frame, length, Now);
            }

            if (Faults != null && Faults.ShouldLose())
            {
                return;
            }

            int copies = Faults != null && Faults.ShouldDuplicate() ? 2 : 1;
            for (int c = 0; c < copies; c++)
            {
                int slot = FreeSlot();
                if (slot < 0)
                {
                    InFlightOverflows++;
                    return;
                }

                System.Array.Copy(frame, offset, _data[slot], 0, length);
                _length[slot] = length;
                if (Faults != null)
                {
                    Faults.MaybeCorrupt(_data[slot], length);
                }

                _due[slot] = Now + LatencyMs + (Faults != null ? Faults.ExtraDelay() : 0);
                _order[slot] = _sequence++;
                _from[slot] = from.Port;
                _used[slot] = true;
                _inFlight++;
            }
        }

        /// <summary>Hands every frame due by nowMs to the other links, in arrival order.</summary>
        public void Deliver(long nowMs)
        {
            if (nowMs > Now)
            {
                Now = nowMs;
            }

            // Bounded: every pass removes one frame; frames sent from inside Arrived handlers are bounded by the slots.
            for (int guard = 0; guard < 4 * _used.Length; guard++)
            {
                int best = -1;
                for (int i = 0; i < _used.Length; i++)
                {
                    if (_used[i] && _due[i] <= Now && (best < 0 || _due[i] < _due[best] || (_due[i] == _due[best] && _order[i] < _order[best])))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    return;
                }

                // Freed only after every link saw it: an Arrived handler may transmit, and must not reuse this slot meanwhile.
                _due[best] = long.MaxValue;
                for (int p = 0; p < _linkCount; p++)
                {
                    if (p != _from[best])
                    {
                        _links[p].Arrive(_data[best], 0, _length[best], Now);
                    }
                }

                _used[best] = false;
                _inFlight--;
            }
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _used.Length; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
