using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.App.Console.Commands;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;
using NanoIP.UnitTests.Dhcp;
using NanoIP.UnitTests.Dns;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Console
{
    /// <summary>dhcp and resolve (and ping by name) against the scripted DHCP and DNS servers on the virtual wire.</summary>
    [TestClass]
    public class ConsoleServiceTests
    {
        private static readonly uint DnsIp = IPv4.FromBytes(192, 168, 1, 53);

        private static DnsTestServer AddDns(ConsoleRig rig)
        {
            DnsTestServer server = new DnsTestServer(rig.Net.Wire, VirtualNetwork.MakeMac(53), DnsIp);
            server.AddA("peer.lan", ConsoleRig.PeerIp, 300);
            rig.Dns = new DnsResolver(rig.Config, rig.Stack);
            ServiceCommands.AddDns(rig.Shell, rig.Dns);
            return server;
        }

        private static string[] RunJob(ConsoleRig rig, string line, int maxMs)
        {
            string s = rig.Output(line);
            Assert.IsTrue(rig.StepUntilIdle(maxMs), line);
            s = s + rig.Port.Take();
            return ConsoleRig.Lines(s.EndsWith(ConsoleShell.Prompt) ? s.Substring(0, s.Length - ConsoleShell.Prompt.Length) : s);
        }

        [TestMethod]
        public void ConsoleResolveLooksNamesUpAndShowsTheCache()
        {
            ConsoleRig rig = new ConsoleRig();
            DnsTestServer server = AddDns(rig);
            Assert.AreEqual("servers: (none)\r\ncache:\r\n", rig.Output("resolve -c"));
            rig.Run("ip dns 192.168.1.53");
            string[] lines = RunJob(rig, "resolve peer.lan", 5000);
            Assert.AreEqual(1, lines.Length);
            Assert.AreEqual("peer.lan has address 192.168.1.20", lines[0]);
            Assert.AreEqual(1, server.Queries);

            // Now cached: answered at once, no query, no job.
            Assert.AreEqual("peer.lan has address 192.168.1.20\r\n", rig.Output("resolve peer.lan"));
            Assert.AreEqual(1, server.Queries);
            rig.Step(10000);
            lines = ConsoleRig.Lines(rig.Output("resolve -c"));
            Assert.AreEqual("servers: 192.168.1.53", lines[0]);
            Assert.AreEqual("cache:", lines[1]);
            Assert.IsTrue(lines[2].StartsWith("  peer.lan "), lines[2]);
            Assert.IsTrue(lines[2].EndsWith(" 192.168.1.20    ttl 290s"), lines[2]);
            Assert.AreEqual(string.Empty, rig.Output("resolve -f"));
            Assert.AreEqual(2, ConsoleRig.Lines(rig.Output("resolve -c")).Length);

            // Unknown names, a server that stays silent, a bad name.
            server.Rcode = 3;
            Assert.AreEqual("resolve: nosuch.lan: no such name (NXDOMAIN)", RunJob(rig, "resolve nosuch.lan", 5000)[0]);
            server.Rcode = 0;
            Assert.AreEqual("resolve: other.lan: no address for the name", RunJob(rig, "resolve other.lan", 5000)[0]);
            server.Silent = true;
            Assert.AreEqual("resolve: peer.lan: timed out", RunJob(rig, "resolve peer.lan", 60000)[0]);
            Assert.AreEqual("resolve: bad..name: not a valid host name\r\n", rig.Output("resolve bad..name"));
            lines = ConsoleRig.Lines(rig.Output("resolve"));
            Assert.AreEqual("resolve: missing NAME", lines[0]);
            Assert.AreEqual("usage: resolve NAME", lines[1]);
        }

        [TestMethod]
        public void ConsolePingByNameThroughDns()
        {
            ConsoleRig rig = new ConsoleRig();
            DnsTestServer server = AddDns(rig);
            rig.Run("ip dns 192.168.1.53");
            string[] lines = RunJob(rig, "ping -c 1 peer.lan", 10000);
            Assert.AreEqual("PING peer.lan (192.168.1.20) 56(84) bytes of data.", lines[0]);
            Assert.IsTrue(lines[1].StartsWith("64 bytes from 192.168.1.20: icmp_seq=1 time="), lines[1]);
            Assert.AreEqual("--- peer.lan ping statistics ---", lines[3]);
            Assert.AreEqual("1 packets transmitted, 1 received, 0% packet loss, time " + lines[4].Substring(lines[4].LastIndexOf(' ') + 1), lines[4]);

            server.Rcode = 3;
            Assert.AreEqual("ping: nosuch.lan: Name or service not known", RunJob(rig, "ping nosuch.lan", 5000)[0]);
            server.Rcode = 0;
            server.Silent = true;
            Assert.AreEqual("ping: other.lan: Temporary failure in name resolution", RunJob(rig, "ping other.lan", 60000)[0]);
            // Every query slot went back to the resolver.
            for (int i = 0; i < rig.Dns.SlotCount; i++)
            {
                Assert.AreEqual(DnsStatus.Free, rig.Dns.GetStatus(i));
            }
        }

        [TestMethod]
        public void ConsoleDhcpStartShowRenewRelease()
        {
            ConsoleRig rig = new ConsoleRig(null, false);
            DhcpTestServer server = new DhcpTestServer(rig.Net.Wire, VirtualNetwork.MakeMac(1), ConsoleRig.GatewayIp);
            byte[] mac = new byte[6];
            rig.Stack.GetMacAddress(mac, 0);
            server.ClientMac = mac;
            server.OfferAddress = IPv4.FromBytes(192, 168, 1, 50);
            server.Router = ConsoleRig.GatewayIp;
            server.Dns1 = DnsIp;
            rig.Dhcp = new DhcpClient(rig.Config, rig.Stack);
            ServiceCommands.AddDhcp(rig.Shell, rig.Dhcp);

            Assert.AreEqual("dhcp: stopped\r\n    sent 0 discover, 0 request, 0 decline, 0 release, 0 retransmissions\r\n"
                + "    received 0 offer, 0 ack, 0 nak, 0 dropped\r\n", rig.Output("dhcp"));
            string[] lines = RunJob(rig, "dhcp start", 60000);
            Assert.AreEqual("dhcp: bound 192.168.1.50/24 gateway 192.168.1.1, lease 3600 s", lines[lines.Length - 1]);
            Assert.IsTrue(lines[0] == "dhcp: init" || lines[0] == "dhcp: selecting", lines[0]);
            Assert.AreEqual(IPv4.FromBytes(192, 168, 1, 50), rig.Stack.Address);
            Assert.AreEqual(DnsIp, rig.Stack.DnsServer);
            Assert.AreEqual("        gateway 192.168.1.1  dns 192.168.1.53", ConsoleRig.Lines(rig.Output("ifconfig"))[2]);

            lines = ConsoleRig.Lines(rig.Output("dhcp show"));
            Assert.AreEqual(rig.Output("dhcp show"), rig.Output("dhcp status"));
            Assert.AreEqual("dhcp: bound", lines[0]);
            Assert.AreEqual("    address 192.168.1.50/24  gateway 192.168.1.1  server 192.168.1.1", lines[1]);
            Assert.AreEqual("    dns 192.168.1.53", lines[2]);
            Assert.AreEqual("    lease 3600 s, renew in " + Secs(rig.Dhcp.RenewAtMs - rig.Now) + ", rebind in " + Secs(rig.Dhcp.RebindAtMs - rig.Now)
                + ", expires in " + Secs(rig.Dhcp.LeaseExpiresMs - rig.Now), lines[3]);
            Assert.AreEqual("    sent 1 discover, 1 request, 0 decline, 0 release, 0 retransmissions", lines[4]);
            Assert.AreEqual("    received 1 offer, 1 ack, 0 nak, 0 dropped", lines[5]);

            lines = RunJob(rig, "dhcp renew", 60000);
            Assert.AreEqual("dhcp: renewing", lines[0]);
            Assert.AreEqual("dhcp: bound 192.168.1.50/24 gateway 192.168.1.1, lease 3600 s", lines[1]);
            Assert.AreEqual(1L, rig.Dhcp.Counters.Renewals);

            Assert.AreEqual("dhcp: released 192.168.1.50\r\n", rig.Output("dhcp release"));
            Assert.IsFalse(rig.Stack.Configured);
            Assert.AreEqual("dhcp: no lease to release\r\n", rig.Output("dhcp release"));
            Assert.AreEqual("dhcp: stopped", ConsoleRig.Lines(rig.Output("dhcp"))[0]);
        }

        [TestMethod]
        public void ConsoleDhcpStartWithoutServerKeepsTryingAfterCtrlC()
        {
            ConsoleRig rig = new ConsoleRig(null, false);
            rig.Dhcp = new DhcpClient(rig.Config, rig.Stack);
            ServiceCommands.AddDhcp(rig.Shell, rig.Dhcp);
            string s = rig.Run("dhcp start");
            rig.Step(20000);
            Assert.IsTrue(rig.Shell.JobRunning);
            s = s + rig.Port.Take() + rig.Type("\x03");
            Assert.IsTrue(s.IndexOf("dhcp: selecting\r\n") >= 0, s);
            Assert.IsTrue(s.EndsWith("^C\r\ndhcp: still trying in the background ('dhcp stop' ends it)\r\n" + ConsoleShell.Prompt), s);
            Assert.AreEqual(DhcpState.Selecting, rig.Dhcp.State);
            Assert.AreEqual(string.Empty, rig.Output("dhcp stop"));
            Assert.AreEqual(DhcpState.Stopped, rig.Dhcp.State);
            string[] lines = ConsoleRig.Lines(rig.Output("dhcp start now"));
            Assert.AreEqual("dhcp: unexpected argument 'now'", lines[0]);
            Assert.AreEqual(DhcpState.Stopped, rig.Dhcp.State);
        }

        private static string Secs(long ms)
        {
            return ((ms + 999) / 1000).ToString() + " s";
        }
    }
}
