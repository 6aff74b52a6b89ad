using NanoIP.Network;
using NanoIP.Services.Dns;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dns
{
    /// <summary>
    /// A stack at 192.168.1.10/24 with a resolver, and two scripted DNS servers (.53 and .54)
    /// on a virtual wire; the resolver is given .53 only. Time starts at 1000 ms.
    /// </summary>
    internal sealed class DnsFixture
    {
        public static readonly uint StackIp = IPv4.FromBytes(192, 168, 1, 10);
        public static readonly uint Server1Ip = IPv4.FromBytes(192, 168, 1, 53);
        public static readonly uint Server2Ip = IPv4.FromBytes(192, 168, 1, 54);

        public readonly NetConfig Config;
        public readonly VirtualNetwork Net;
        public readonly NetStack Stack;
        public readonly DnsTestServer Server1;
        public readonly DnsTestServer Server2;
        public readonly DnsResolver Resolver;

        public DnsFixture(NetConfig config = null, int latencyMs = 1)
        {
            Config = config == null ? new NetConfig() : config;
            Net = new VirtualNetwork(latencyMs);
            Stack = Net.AddStack(Config, 10, StackIp, 24, IPv4.FromBytes(192, 168, 1, 1));
            Server1 = new DnsTestServer(Net.Wire, VirtualNetwork.MakeMac(53), Server1Ip);
            Server2 = new DnsTestServer(Net.Wire, VirtualNetwork.MakeMac(54), Server2Ip);
            Resolver = new DnsResolver(Config, Stack);
            Net.AddService(Resolver.Poll);
            Resolver.SetServers(Server1Ip, 0);
            // Let the address announcements pass and learn the servers' MACs, so a query
            // reaches its server one wire latency after it is sent.
            Stack.Ipv4.RouteStatus(Server1Ip, Net.Now);
            Stack.Ipv4.RouteStatus(Server2Ip, Net.Now);
            RunFor(3000);
        }

        public long Now
        {
            get { return Net.Now; }
        }

        /// <summary>Polls the stacks and the client once at Now (VirtualNetwork polls both); returns the earliest deadline.</summary>
        public long PollAll()
        {
            return Net.PollAll();
        }

        /// <summary>Runs until condition holds or maxMs of virtual time pass (bounded by VirtualNetwork).</summary>
        public bool RunUntil(NetCondition condition, long maxMs)
        {
            return Net.RunUntil(condition, maxMs);
        }

        public void RunFor(long ms)
        {
            Net.RunFor(ms);
        }

        /// <summary>Resolves name and runs until the slot is no longer Pending (at most 60 s); returns the slot.</summary>
        public int Resolve(string name)
        {
            int slot = Resolver.Resolve(name, Net.Now);
            if (slot >= 0)
            {
                RunUntil(delegate { return Resolver.GetStatus(slot) != DnsStatus.Pending; }, 60000);
            }

            return slot;
        }
    }
}
