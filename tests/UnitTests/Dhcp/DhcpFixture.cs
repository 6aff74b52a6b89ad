using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dhcp
{
    /// <summary>
    /// An unconfigured stack with a DHCP client and a scripted server (192.168.7.1) offering
    /// 192.168.7.50/24 on a virtual wire; time starts at 1000 ms. Run polls the stacks and the
    /// client and jumps the clock to the next deadline, bounded in time and iterations.
    /// </summary>
    internal sealed class DhcpFixture
    {
        public static readonly uint ServerIp = IPv4.FromBytes(192, 168, 7, 1);
        public static readonly uint Offered = IPv4.FromBytes(192, 168, 7, 50);
        public static readonly uint Router = IPv4.FromBytes(192, 168, 7, 254);
        public static readonly uint Dns1 = IPv4.FromBytes(192, 168, 7, 53);
        public static readonly uint Dns2 = IPv4.FromBytes(8, 8, 8, 8);

        public readonly NetConfig Config;
        public readonly VirtualNetwork Net;
        public readonly NetStack Stack;
        public readonly VirtualLink Link;
        public readonly DhcpTestServer Server;
        public readonly DhcpClient Dhcp;
        public readonly byte[] Mac = new byte[6];
        public readonly FrameCapture Capture = new FrameCapture(32, 600);

        // Events seen (fixed log).
        public readonly DhcpEvent[] Events = new DhcpEvent[32];
        public readonly long[] EventTimes = new long[32];
        public int EventCount;

        public DhcpFixture(NetConfig config = null, int latencyMs = 0)
        {
            Config = config == null ? new NetConfig() : config;
            Net = new VirtualNetwork(latencyMs);
            Net.Wire.Capture = Capture;
            Stack = Net.AddStack(Config, VirtualNetwork.MakeMac(10));
            Link = Net.LinkOf(Stack);
            Stack.GetMacAddress(Mac, 0);
            Server = new DhcpTestServer(Net.Wire, VirtualNetwork.MakeMac(1), ServerIp);
            Server.ClientMac = Mac;
            Server.OfferAddress = Offered;
            Server.Router = Router;
            Server.Dns1 = Dns1;
            Server.Dns2 = Dns2;
            Dhcp = new DhcpClient(Config, Stack);
            Dhcp.LeaseChanged += OnLeaseChanged;
        }

        public long Now
        {
            get { return Net.Now; }
        }

        private void OnLeaseChanged(DhcpClient client, DhcpEvent what)
        {
            if (EventCount < Events.Length)
            {
                Events[EventCount] = what;
                EventTimes[EventCount] = Net.Now;
            }

            EventCount++;
        }

        public int CountEvents(DhcpEvent what)
        {
            int n = 0;
            for (int i = 0; i < EventCount && i < Events.Length; i++)
            {
                if (Events[i] == what)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Polls everything at Now until the wire and every queue are quiet; returns the earliest deadline.</summary>
        public long PollAll()
        {
            long next = long.MaxValue;
            for (int round = 0; round < 16; round++)
            {
                next = Net.PollAll();
                long d = Dhcp.Poll(Net.Now);
                if (d < next)
                {
                    next = d;
                }

                long w = Net.Wire.NextDeliveryMs;
                if (w < next)
                {
                    next = w;
                }

                if (next > Net.Now && Link.Queued == 0)
                {
                    break;
                }
            }

            return next;
        }

        /// <summary>Runs until condition holds (checked after each round at one instant) or maxMs of virtual time pass.</summary>
        public bool RunUntil(NetCondition condition, long maxMs)
        {
            long end = Net.Now + maxMs;
            for (int i = 0; i < 100000; i++)
            {
                long next = PollAll();
                if (condition != null && condition())
                {
                    return true;
                }

                if (Net.Now >= end)
                {
                    return false;
                }

                if (next <= Net.Now)
                {
                    next = Net.Now + 1;
                }

                Net.Now = next < end ? next : end;
            }

            return condition != null && condition();
        }

        public void RunFor(long ms)
        {
            RunUntil(null, ms);
        }

        /// <summary>Starts the client and runs until it is bound (asserting it gets there).</summary>
        public void StartAndBind()
        {
            Dhcp.Start(Net.Now);
            bool bound = RunUntil(delegate { return Dhcp.State == DhcpState.Bound; }, 60000);
            nanoFramework.TestFramework.Assert.IsTrue(bound, "no lease within 60 s");
        }
    }
}
