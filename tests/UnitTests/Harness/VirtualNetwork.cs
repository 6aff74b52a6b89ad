namespace NanoIP.UnitTests.Harness
{
    /// <summary>A condition RunUntil waits for.</summary>
    public delegate bool NetCondition();

    /// <summary>A poll-driven service beside the stacks (DHCP client, DNS resolver): polled at now, returns its next deadline.</summary>
    public delegate long NetService(long nowMs);

    /// <summary>
    /// Stacks and scripted peers on one VirtualWire with a virtual clock. RunUntil polls
    /// every stack, then jumps the clock to the earliest deadline any stack or the wire
    /// reports, until the condition holds or maxMs of virtual time have passed; both time
    /// and iterations are bounded.
    /// </summary>
    public sealed class VirtualNetwork
    {
        private readonly NetStack[] _stacks = new NetStack[8];
        private readonly VirtualLink[] _links = new VirtualLink[8];
        private readonly NetService[] _services = new NetService[8];
        private int _count;
        private int _serviceCount;
        private long _now;

        public VirtualNetwork(int latencyMs = 0)
        {
            Wire = new VirtualWire();
            Wire.LatencyMs = latencyMs;
            Now = 1000;
        }

        public readonly VirtualWire Wire;

        /// <summary>Upper bound of loop iterations per RunUntil.</summary>
        public int MaxIterations = 200000;
        /// <summary>Loop iterations of the last RunUntil.</summary>
        public int LastIterations;

        public long Now
        {
            get { return _now; }
            set
            {
                _now = value;
                if (Wire.Now < value)
                {
                    Wire.Now = value;
                }
            }
        }

        /// <summary>02:00:00:00:00:n (locally administered).</summary>
        public static byte[] MakeMac(int n)
        {
            return new byte[] { 0x02, 0x00, 0x00, 0x00, (byte)(n >> 8), (byte)n };
        }

        public NetStack AddStack(NetConfig config, byte[] mac)
        {
            VirtualLink link = Wire.AddLink(mac);
            NetStack stack = new NetStack(config, link);
            _stacks[_count] = stack;
            _links[_count] = link;
            _count++;
            return stack;
        }

        /// <summary>Adds a configured stack host n (MAC 02:..:n, address and prefix given).</summary>
        public NetStack AddStack(NetConfig config, int n, uint address, int prefixLength, uint gateway = 0)
        {
            NetStack s = AddStack(config, MakeMac(n));
            s.Configure(address, prefixLength, gateway);
            return s;
        }

        /// <summary>Polls service after the stacks in every round, and waits for its deadlines too.</summary>
        public void AddService(NetService service)
        {
            _services[_serviceCount++] = service;
        }

        public ScriptedPeer AddPeer(int n, uint address)
        {
            return new ScriptedPeer(Wire, MakeMac(n), address);
        }

        public VirtualLink LinkOf(NetStack stack)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_stacks[i] == stack)
                {
                    return _links[i];
                }
            }

            return null;
        }

        /// <summary>Polls every stack, then every service, once at Now; returns the earliest next deadline (wire included).</summary>
        public long PollAll()
        {
            long next = Wire.NextDeliveryMs;
            for (int i = 0; i < _count; i++)
            {
                long n = _stacks[i].Poll(_now);
                if (n < next)
                {
                    next = n;
                }
            }

            for (int i = 0; i < _serviceCount; i++)
            {
                long n = _services[i](_now);
                if (n < next)
                {
                    next = n;
                }
            }

            long w = Wire.NextDeliveryMs;
            return w < next ? w : next;
        }

        /// <summary>Runs until condition() is true (checked after every round of polls) or maxMs pass. Returns condition's last value.</summary>
        public bool RunUntil(NetCondition condition, long maxMs)
        {
            long end = _now + maxMs;
            int sameTime = 0;
            for (LastIterations = 0; LastIterations < MaxIterations; LastIterations++)
            {
                long next = PollAll();
                if (condition != null && condition())
                {
                    return true;
                }

                if (_now >= end)
                {
                    return false;
                }

                if (next <= _now)
                {
                    // Something wants service now; after a few rounds at the same instant, let a millisecond pass.
                    if (++sameTime < 8)
                    {
                        continue;
                    }

                    next = _now + 1;
                }

                sameTime = 0;
                Now = next < end ? next : end;
            }

            return condition != null && condition();
        }

        /// <summary>Lets ms of virtual time pass with every stack polled at its deadlines.</summary>
        public void RunFor(long ms)
        {
            RunUntil(null, ms);
        }
    }
}
