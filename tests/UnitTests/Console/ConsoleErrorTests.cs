using nanoFramework.TestFramework;
using NanoIP.App.Console;

namespace NanoIP.UnitTests.Console
{
    /// <summary>A wrong command or argument prints one error line and the usage, and changes nothing.</summary>
    [TestClass]
    public class ConsoleErrorTests
    {
        /// <summary>Everything a wrong command could have changed, as text.</summary>
        private static string Snapshot(ConsoleRig rig)
        {
            NetStack s = rig.Stack;
            return s.Address.ToString() + "/" + s.PrefixLength.ToString() + " gw " + s.Gateway.ToString() + " dns " + s.DnsServer.ToString()
                + " ping " + s.IcmpCounters.EchoRequestsOut.ToString() + " timeout " + s.Ping.TimeoutMs.ToString()
                + " arp-out " + s.ArpCounters.RequestsOut.ToString() + " log " + NanoIP.Log.Level.ToString()
                + " job " + (rig.Shell.JobRunning ? "yes" : "no") + "\r\n" + Commands.ArpCommandTable(rig);
        }

        private static void AssertRejected(ConsoleRig rig, string line, string error)
        {
            string before = Snapshot(rig);
            string s = rig.Output(line);
            string[] lines = ConsoleRig.Lines(s);
            string name = line.Substring(0, line.IndexOf(' ') < 0 ? line.Length : line.IndexOf(' '));
            IConsoleCommand command = rig.Shell.Find(name);
            string usage = ConsoleShell.UsageText(command);
            Assert.AreEqual(error, lines[0], line);
            Assert.AreEqual(usage + "\r\n", s.Substring(lines[0].Length + 2), line);
            rig.Step(100);
            Assert.AreEqual(before, Snapshot(rig), line);
        }

        [TestMethod]
        public void ConsoleUnknownCommandIsOneLine()
        {
            ConsoleRig rig = new ConsoleRig();
            string before = Snapshot(rig);
            Assert.AreEqual("frobnicate: command not found (type 'help' for the list)\r\n", rig.Output("frobnicate --now"));
            Assert.AreEqual(before, Snapshot(rig));
        }

        [TestMethod]
        public void ConsoleWrongIpArgumentsChangeNothing()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Run("arp add 192.168.1.30 02:00:00:00:00:30");
            rig.Run("ip dns 192.168.1.53");
            AssertRejected(rig, "ip set", "ip: missing ADDR/LEN");
            AssertRejected(rig, "ip set 10.0.0.5", "ip: invalid ADDR/LEN '10.0.0.5'");
            AssertRejected(rig, "ip set 10.0.0.5/0", "ip: invalid ADDR/LEN '10.0.0.5/0'");
            AssertRejected(rig, "ip set 10.0.0.5/33", "ip: invalid ADDR/LEN '10.0.0.5/33'");
            AssertRejected(rig, "ip set 10.0.0.5/24 10.0.0", "ip: invalid gateway '10.0.0'");
            AssertRejected(rig, "ip set 10.0.0.0/24", "ip: '10.0.0.0/24' is not a host address");
            AssertRejected(rig, "ip set 10.0.0.5/24 10.0.1.1", "ip: '10.0.0.5/24' is not a host address, or the gateway is not on its subnet");
            AssertRejected(rig, "ip set 10.0.0.5/24 10.0.0.1 extra", "ip: unexpected argument 'extra'");
            AssertRejected(rig, "ip dns", "ip: missing ADDR");
            AssertRejected(rig, "ip dns 255.255.255.255", "ip: invalid DNS server '255.255.255.255'");
            AssertRejected(rig, "ip show all", "ip: unexpected argument 'all'");
            AssertRejected(rig, "ip up", "ip: unknown sub-command 'up'");
        }

        [TestMethod]
        public void ConsoleWrongArpArgumentsChangeNothing()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Run("arp add 192.168.1.30 02:00:00:00:00:30");
            AssertRejected(rig, "arp add 192.168.1.31", "arp: add needs ADDR and MAC");
            AssertRejected(rig, "arp add 192.168.1 02:00:00:00:00:31", "arp: invalid address '192.168.1'");
            AssertRejected(rig, "arp add 192.168.1.31 02:00:00:00:00", "arp: invalid MAC '02:00:00:00:00'");
            AssertRejected(rig, "arp add 192.168.1.31 01:00:5e:00:00:01", "arp: need a unicast address and a unicast, non-zero MAC");
            AssertRejected(rig, "arp add 224.0.0.1 02:00:00:00:00:31", "arp: need a unicast address and a unicast, non-zero MAC");
            AssertRejected(rig, "arp del", "arp: missing ADDR");
            AssertRejected(rig, "arp del x", "arp: invalid address 'x'");
            AssertRejected(rig, "arp flush now", "arp: unexpected argument 'now'");
            AssertRejected(rig, "arp clear", "arp: unknown sub-command 'clear'");
        }

        [TestMethod]
        public void ConsoleWrongPingArgumentsChangeNothing()
        {
            ConsoleRig rig = new ConsoleRig();
            AssertRejected(rig, "ping", "ping: missing HOST");
            AssertRejected(rig, "ping -c 0 192.168.1.20", "ping: invalid value '0' for -c (1..65535)");
            AssertRejected(rig, "ping -c x 192.168.1.20", "ping: invalid value 'x' for -c (1..65535)");
            AssertRejected(rig, "ping 192.168.1.20 -c", "ping: option -c needs a value");
            AssertRejected(rig, "ping -s 1473 192.168.1.20", "ping: invalid value '1473' for -s (0..1472)");
            AssertRejected(rig, "ping -i 5 192.168.1.20", "ping: invalid value '5' for -i (10..60000)");
            AssertRejected(rig, "ping -W 0 192.168.1.20", "ping: invalid value '0' for -W (1..60000)");
            AssertRejected(rig, "ping -t 3 192.168.1.20", "ping: invalid option '-t'");
            AssertRejected(rig, "ping 192.168.1.20 192.168.1.21", "ping: unexpected argument '192.168.1.21'");
            AssertRejected(rig, "ping 192.168.1.256", "ping: 192.168.1.256: not an IPv4 address (names need a DNS resolver)");
        }

        [TestMethod]
        public void ConsoleWrongArgumentsToOtherCommandsChangeNothing()
        {
            ConsoleRig rig = new ConsoleRig();
            AssertRejected(rig, "log loud", "log: unknown level 'loud'");
            AssertRejected(rig, "log warn now", "log: unexpected argument 'now'");
            AssertRejected(rig, "stats ipv6", "stats: unknown layer 'ipv6'");
            AssertRejected(rig, "stats ip tcp", "stats: unexpected argument 'tcp'");
            AssertRejected(rig, "ifconfig eth0", "ifconfig: unexpected argument 'eth0'");
            AssertRejected(rig, "mem all", "mem: unexpected argument 'all'");
            AssertRejected(rig, "enc regs", "enc: unexpected argument 'regs'");
            AssertRejected(rig, "reboot now", "reboot: unexpected argument 'now'");
            AssertRejected(rig, "help a b", "help: unexpected argument 'b'");
        }

        private static class Commands
        {
            public static string ArpCommandTable(ConsoleRig rig)
            {
                return NanoIP.App.Console.Commands.ArpCommand.Table(rig.Stack.Arp, 0);
            }
        }
    }
}
