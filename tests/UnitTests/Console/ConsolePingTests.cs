using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.Network;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Console
{
    [TestClass]
    public class ConsolePingTests
    {
        /// <summary>Resolves its one name after DelayMs; anything else fails.</summary>
        private sealed class FakeResolver : IHostResolver
        {
            public string Name;
            public uint Address;
            public long DelayMs;
            public long StartedMs;
            public long NowMs;
            public int Begun;
            public int Ended;

            public int Begin(string name, long nowMs)
            {
                Begun++;
                StartedMs = nowMs;
                return name == Name ? 1 : 2;
            }

            public ResolveStatus GetStatus(int handle, out uint address)
            {
                address = 0;
                if (handle == 2)
                {
                    return ResolveStatus.Failed;
                }

                if (NowMs - StartedMs < DelayMs)
                {
                    return ResolveStatus.Pending;
                }

                address = Address;
                return ResolveStatus.Resolved;
            }

            public string FailureText(int handle)
            {
                return "Name or service not known";
            }

            public void End(int handle)
            {
                Ended++;
            }
        }

        private static string RunPing(ConsoleRig rig, string line, int maxMs)
        {
            string s = rig.Output(line);
            Assert.IsTrue(rig.Shell.JobRunning, s);
            Assert.IsTrue(rig.StepUntilIdle(maxMs));
            s = s + rig.Port.Take();
            Assert.IsTrue(s.EndsWith(ConsoleShell.Prompt), s);
            return s.Substring(0, s.Length - ConsoleShell.Prompt.Length);
        }

        [TestMethod]
        public void ConsolePingPrintsEachReplyAndTheSummaryLikeIputils()
        {
            ConsoleRig rig = new ConsoleRig();
            long start = rig.Now;
            string[] lines = ConsoleRig.Lines(RunPing(rig, "ping -c 3 192.168.1.20", 10000));
            // First reply waits for ARP (4 one-way trips of LatencyMs), the others take 2; one request a second.
            Assert.AreEqual(8, lines.Length);
            Assert.AreEqual("PING 192.168.1.20 (192.168.1.20) 56(84) bytes of data.", lines[0]);
            Assert.AreEqual("64 bytes from 192.168.1.20: icmp_seq=1 time=20.0 ms", lines[1]);
            Assert.AreEqual("64 bytes from 192.168.1.20: icmp_seq=2 time=10.0 ms", lines[2]);
            Assert.AreEqual("64 bytes from 192.168.1.20: icmp_seq=3 time=10.0 ms", lines[3]);
            Assert.AreEqual(string.Empty, lines[4]);
            Assert.AreEqual("--- 192.168.1.20 ping statistics ---", lines[5]);
            Assert.AreEqual("3 packets transmitted, 3 received, 0% packet loss, time 2010ms", lines[6]);
            // avg (20+10+10)/3 = 13.333; mdev sqrt(200 - 13.333²) = 4.714.
            Assert.AreEqual("rtt min/avg/max/mdev = 10.000/13.333/20.000/4.714 ms", lines[7]);
            Assert.AreEqual(start + 2000 + 2 * ConsoleRig.LatencyMs, rig.Now);
            Assert.AreEqual(3L, rig.Stack.IcmpCounters.EchoRequestsOut);
            Assert.AreEqual(3L, rig.Peer.IcmpCounters.EchoRepliesOut);
            Assert.AreEqual(rig.Config.PingTimeoutMs, rig.Stack.Ping.TimeoutMs);
        }

        [TestMethod]
        public void ConsolePingTimesUseIputilsPrecision()
        {
            Assert.AreEqual("123", TextFormat.PingTime(123456));
            Assert.AreEqual("100", TextFormat.PingTime(100000));
            Assert.AreEqual("12.3", TextFormat.PingTime(12345));
            Assert.AreEqual("20.0", TextFormat.PingTime(20000));
            Assert.AreEqual("1.23", TextFormat.PingTime(1234));
            Assert.AreEqual("1.00", TextFormat.PingTime(1000));
            Assert.AreEqual("0.123", TextFormat.PingTime(123));
            Assert.AreEqual("0.000", TextFormat.PingTime(0));
            Assert.AreEqual("4.714", TextFormat.Millis3(4714));
            Assert.AreEqual("0.007", TextFormat.Millis3(7));
            Assert.AreEqual(4714L, TextFormat.Sqrt(22231111));
            Assert.AreEqual(0L, TextFormat.Sqrt(0));
            Assert.AreEqual(3L, TextFormat.Sqrt(15));
            Assert.AreEqual(4L, TextFormat.Sqrt(16));
            Assert.AreEqual(3037000499L, TextFormat.Sqrt(long.MaxValue));
        }

        [TestMethod]
        public void ConsolePingSizeAndIntervalOptions()
        {
            ConsoleRig rig = new ConsoleRig();
            string[] lines = ConsoleRig.Lines(RunPing(rig, "ping 192.168.1.20 -s 1000 -i200 -c 2", 10000));
            Assert.AreEqual("PING 192.168.1.20 (192.168.1.20) 1000(1028) bytes of data.", lines[0]);
            Assert.AreEqual("1008 bytes from 192.168.1.20: icmp_seq=1 time=20.0 ms", lines[1]);
            Assert.AreEqual("1008 bytes from 192.168.1.20: icmp_seq=2 time=10.0 ms", lines[2]);
            Assert.AreEqual("2 packets transmitted, 2 received, 0% packet loss, time 210ms", lines[5]);
            Assert.AreEqual("rtt min/avg/max/mdev = 10.000/15.000/20.000/5.000 ms", lines[6]);

            // The largest payload that fits the MTU without fragmenting.
            lines = ConsoleRig.Lines(RunPing(rig, "ping -c 1 -s 1472 192.168.1.20", 10000));
            Assert.AreEqual("1480 bytes from 192.168.1.20: icmp_seq=1 time=10.0 ms", lines[1]);
        }

        [TestMethod]
        public void ConsolePingReportsTimeoutsWithoutAReply()
        {
            ConsoleRig rig = new ConsoleRig();
            ScriptedPeer silent = rig.Net.AddPeer(30, IPv4.FromBytes(192, 168, 1, 30));
            silent.AnswerArp = true;
            string[] lines = ConsoleRig.Lines(RunPing(rig, "ping -c 2 -W 500 192.168.1.30", 10000));
            Assert.AreEqual(6, lines.Length);
            Assert.AreEqual("no answer yet for icmp_seq=1", lines[1]);
            Assert.AreEqual("no answer yet for icmp_seq=2", lines[2]);
            Assert.AreEqual("2 packets transmitted, 0 received, 100% packet loss, time 1500ms", lines[5]);
            int echoes = 0;
            while (echoes < 10 && silent.NextIpv4(1, rig.Now))
            {
                echoes++;
            }

            Assert.AreEqual(2, echoes);
            Assert.AreEqual(rig.Config.PingTimeoutMs, rig.Stack.Ping.TimeoutMs);
        }

        [TestMethod]
        public void ConsolePingToAnUnreachableHost()
        {
            ConsoleRig rig = new ConsoleRig();
            long start = rig.Now;
            string[] lines = ConsoleRig.Lines(RunPing(rig, "ping -c 2 -W 5000 192.168.1.99", 20000));
            int arpMs = rig.Config.ArpRequestRetries * rig.Config.ArpRequestIntervalMs;

            // ARP gives up after its retries: the parked request and the next one fail as Linux reports them.
            Assert.AreEqual(6, lines.Length);
            Assert.AreEqual("PING 192.168.1.99 (192.168.1.99) 56(84) bytes of data.", lines[0]);
            Assert.AreEqual("From 192.168.1.10 icmp_seq=1 Destination Host Unreachable", lines[1]);
            Assert.AreEqual("From 192.168.1.10 icmp_seq=2 Destination Host Unreachable", lines[2]);
            Assert.AreEqual("--- 192.168.1.99 ping statistics ---", lines[4]);
            Assert.AreEqual("2 packets transmitted, 0 received, +2 errors, 100% packet loss, time " + arpMs.ToString() + "ms", lines[5]);
            Assert.AreEqual(start + arpMs, rig.Now);
        }

        [TestMethod]
        public void ConsolePingWithoutAddressSaysNetworkUnreachable()
        {
            ConsoleRig rig = new ConsoleRig(null, false);
            Assert.AreEqual("ping: connect: Network is unreachable\r\n", rig.Output("ping -c 1 192.168.1.20"));
            Assert.IsFalse(rig.Shell.JobRunning);
            Assert.AreEqual(0L, rig.Stack.IcmpCounters.EchoRequestsOut);
            Assert.AreEqual(rig.Config.PingTimeoutMs, rig.Stack.Ping.TimeoutMs);
        }

        [TestMethod]
        public void ConsoleCtrlCStopsARunningPingWithTheSummary()
        {
            ConsoleRig rig = new ConsoleRig();
            long start = rig.Now;
            rig.Run("ping -W 700 192.168.1.20");
            Assert.IsTrue(rig.Shell.JobRunning);
            Assert.AreEqual(700, rig.Stack.Ping.TimeoutMs);
            Assert.AreEqual(start + 1000, rig.Shell.NextDueMs);
            rig.Step(2500);
            // Typed while the job runs: discarded, not run later.
            rig.Port.Type("log\r");
            rig.Step(1);
            Assert.IsTrue(rig.Shell.JobRunning);
            string before = rig.Port.Take();
            Assert.AreEqual(3, ConsoleRig.Count(before, " bytes from 192.168.1.20: icmp_seq="));
            string s = rig.Type("\x03");
            Assert.IsFalse(rig.Shell.JobRunning);
            string all = before + s;
            string[] lines = ConsoleRig.Lines(s);
            Assert.AreEqual("^C", lines[0]);
            Assert.AreEqual("--- 192.168.1.20 ping statistics ---", lines[2]);
            Assert.AreEqual("3 packets transmitted, 3 received, 0% packet loss, time 2501ms", lines[3]);
            Assert.IsTrue(s.EndsWith(ConsoleShell.Prompt));
            Assert.AreEqual(-1, all.IndexOf("log level"));
            Assert.AreEqual(rig.Config.PingTimeoutMs, rig.Stack.Ping.TimeoutMs);
            Assert.AreEqual(NetTime.Never, rig.Shell.NextDueMs);
            rig.Step(3000);
            Assert.AreEqual(3L, rig.Stack.IcmpCounters.EchoRequestsOut);
            Assert.AreEqual(string.Empty, rig.Port.Take());
        }

        [TestMethod]
        public void ConsolePingResolvesNamesThroughTheResolver()
        {
            ConsoleRig rig = new ConsoleRig();
            string[] lines = ConsoleRig.Lines(rig.Output("ping -c 1 peer.lan"));
            Assert.AreEqual("ping: peer.lan: not an IPv4 address (names need a DNS resolver)", lines[0]);
            Assert.IsTrue(lines[1].StartsWith("usage: ping"));

            FakeResolver r = new FakeResolver();
            r.Name = "peer.lan";
            r.Address = ConsoleRig.PeerIp;
            r.DelayMs = 30;
            rig.Shell.Context.Resolver = r;
            string s = rig.Output("ping -c 1 peer.lan");
            Assert.AreEqual(string.Empty, s);
            Assert.IsTrue(rig.Shell.JobRunning);
            for (int i = 0; i < 5000 && rig.Shell.JobRunning; i++)
            {
                r.NowMs = rig.Now + 1;
                rig.Step(1);
            }

            lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.AreEqual("PING peer.lan (192.168.1.20) 56(84) bytes of data.", lines[0]);
            Assert.AreEqual("64 bytes from 192.168.1.20: icmp_seq=1 time=20.0 ms", lines[1]);
            Assert.AreEqual("--- peer.lan ping statistics ---", lines[3]);
            Assert.AreEqual(1, r.Ended);

            Assert.AreEqual(string.Empty, rig.Output("ping nosuch.lan"));
            rig.Step(1);
            Assert.AreEqual("ping: nosuch.lan: Name or service not known\r\n" + ConsoleShell.Prompt, rig.Port.Take());
            Assert.AreEqual(2, r.Ended);
            Assert.AreEqual(1L, rig.Stack.IcmpCounters.EchoRequestsOut);
        }
    }
}
