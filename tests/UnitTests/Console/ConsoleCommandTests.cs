using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.Network;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Console
{
    [TestClass]
    public class ConsoleCommandTests
    {
        private sealed class FakeReboot : IRebootable
        {
            public int Reboots;

            public void Reboot()
            {
                Reboots++;
            }
        }

        private sealed class FakeHeap : IHeapInfo
        {
            public long FreeBytes
            {
                get { return 12345; }
            }
        }

        private sealed class ListSink : ILogSink
        {
            public int Count;

            public void Log(LogLevel level, string message)
            {
                Count++;
            }
        }

        [TestMethod]
        public void ConsoleIfconfigShowsAddressesMacLinkMtuAndCounters()
        {
            ConsoleRig rig = new ConsoleRig();
            VirtualLink link = rig.Net.LinkOf(rig.Stack);
            // One runt (an RX error) and one frame of an unknown EtherType (dropped).
            link.Inject(new byte[10], 0, 10);
            byte[] f = new byte[60];
            rig.Stack.GetMacAddress(f, 0);
            f[12] = 0x88;
            f[13] = 0xb5;
            link.Inject(f, 0, f.Length);
            rig.Stack.Poll(rig.Now);
            rig.Stack.DnsServer = IPv4.FromBytes(192, 168, 1, 53);

            EthernetCounters c = rig.Stack.EthernetCounters;
            Assert.AreEqual(1L, c.TooShort);
            Assert.AreEqual(1L, c.UnknownEthertype);
            string[] lines = ConsoleRig.Lines(rig.Output("ifconfig"));
            Assert.AreEqual(8, lines.Length);
            Assert.AreEqual("eth0: flags=67<UP,BROADCAST,RUNNING>  mtu 1500", lines[0]);
            Assert.AreEqual("        inet 192.168.1.10  netmask 255.255.255.0  broadcast 192.168.1.255", lines[1]);
            Assert.AreEqual("        gateway 192.168.1.1  dns 192.168.1.53", lines[2]);
            Assert.AreEqual("        ether 02:00:00:00:00:0a  link up  (Ethernet)", lines[3]);
            Assert.AreEqual("        RX packets " + c.FramesIn.ToString() + "  bytes " + c.BytesIn.ToString() + " (" + TextFormat.HumanBytes(c.BytesIn) + ")", lines[4]);
            Assert.AreEqual("        RX errors 1  dropped " + (c.NotForUs + 1).ToString() + "  overruns 0  frame 0", lines[5]);
            Assert.AreEqual("        TX packets " + c.FramesOut.ToString() + "  bytes " + c.BytesOut.ToString() + " (" + TextFormat.HumanBytes(c.BytesOut) + ")", lines[6]);
            Assert.AreEqual("        TX errors 0  dropped 0  carrier 0  collisions 0", lines[7]);
            Assert.IsTrue(c.FramesIn >= 2 && c.FramesOut >= 2);

            // Link down: RUNNING goes; unconfigured: no inet line.
            link.LinkUp = false;
            rig.Stack.Unconfigure();
            lines = ConsoleRig.Lines(rig.Output("ifconfig"));
            Assert.AreEqual(7, lines.Length);
            Assert.AreEqual("eth0: flags=3<UP,BROADCAST>  mtu 1500", lines[0]);
            Assert.AreEqual("        gateway (none)  dns 192.168.1.53", lines[1]);
            Assert.AreEqual("        ether 02:00:00:00:00:0a  link down  (Ethernet)", lines[2]);
        }

        [TestMethod]
        public void ConsoleHumanBytesAsIfconfigPrintsThem()
        {
            Assert.AreEqual("0.0 B", TextFormat.HumanBytes(0));
            Assert.AreEqual("1023.0 B", TextFormat.HumanBytes(1023));
            Assert.AreEqual("1.0 KiB", TextFormat.HumanBytes(1024));
            Assert.AreEqual("44.6 KiB", TextFormat.HumanBytes(45678));
            Assert.AreEqual("1.5 MiB", TextFormat.HumanBytes(1572864));
        }

        [TestMethod]
        public void ConsoleIpSetChangesTheStackAndIpShowReportsIt()
        {
            ConsoleRig rig = new ConsoleRig();
            long announcements = rig.Stack.ArpCounters.GratuitousOut;
            Assert.AreEqual(string.Empty, rig.Output("ip set 10.1.2.3/16 10.1.0.1"));
            Assert.AreEqual(IPv4.FromBytes(10, 1, 2, 3), rig.Stack.Address);
            Assert.AreEqual(16, rig.Stack.PrefixLength);
            Assert.AreEqual(IPv4.FromBytes(10, 1, 0, 1), rig.Stack.Gateway);
            rig.Step(3000);
            Assert.AreEqual(announcements + rig.Config.GratuitousArpCount, rig.Stack.ArpCounters.GratuitousOut);

            string[] lines = ConsoleRig.Lines(rig.Output("ip show"));
            Assert.AreEqual(4, lines.Length);
            Assert.AreEqual("1: eth0: <BROADCAST,UP,LOWER_UP> mtu 1500 state UP", lines[0]);
            Assert.AreEqual("    link/ether 02:00:00:00:00:0a brd ff:ff:ff:ff:ff:ff", lines[1]);
            Assert.AreEqual("    inet 10.1.2.3/16 brd 10.1.255.255 scope global eth0", lines[2]);
            Assert.AreEqual("default via 10.1.0.1 dev eth0", lines[3]);
            Assert.AreEqual(rig.Output("ip show"), rig.Output("ip"));

            // No gateway, a /32, then a DNS server.
            Assert.AreEqual(string.Empty, rig.Output("ip set 10.9.9.9/32"));
            Assert.AreEqual(0u, rig.Stack.Gateway);
            Assert.AreEqual(string.Empty, rig.Output("ip dns 10.9.9.53"));
            Assert.AreEqual(IPv4.FromBytes(10, 9, 9, 53), rig.Stack.DnsServer);
            lines = ConsoleRig.Lines(rig.Output("ip"));
            Assert.AreEqual(4, lines.Length);
            Assert.AreEqual("    inet 10.9.9.9/32 scope global eth0", lines[2]);
            Assert.AreEqual("nameserver 10.9.9.53", lines[3]);

            Assert.AreEqual(string.Empty, rig.Output("ip flush"));
            Assert.IsFalse(rig.Stack.Configured);
            Assert.AreEqual(3, ConsoleRig.Lines(rig.Output("ip")).Length);
        }

        [TestMethod]
        public void ConsoleArpTableAfterAddFlushAndDel()
        {
            ConsoleRig rig = new ConsoleRig();
            string header = "Address          HWaddress          State       Age";
            Assert.AreEqual(header + "\r\n", rig.Output("arp flush") + rig.Output("arp"));

            // A dynamic entry learned by resolving the peer, and a permanent one.
            rig.Stack.Ping.Send(ConsoleRig.PeerIp, 0, rig.Now);
            rig.Step(50);
            Assert.AreEqual(string.Empty, rig.Output("arp add 192.168.1.30 02:00:00:00:00:30"));
            rig.Step(3000);
            string[] lines = ConsoleRig.Lines(rig.Output("arp"));
            Assert.AreEqual(3, lines.Length);
            Assert.AreEqual(header, lines[0]);
            Assert.AreEqual("192.168.1.20     02:00:00:00:00:14  REACHABLE   3", lines[1]);
            Assert.AreEqual("192.168.1.30     02:00:00:00:00:30  PERMANENT   -", lines[2]);
            Assert.AreEqual(rig.Output("arp"), rig.Output("arp show"));

            // An unanswered resolution shows as incomplete, then failed.
            rig.Stack.Ping.Send(ConsoleRig.Nobody, 0, rig.Now);
            rig.Step(1);
            Assert.AreEqual("192.168.1.99     (incomplete)       INCOMPLETE  0", ConsoleRig.Lines(rig.Output("arp"))[3]);
            rig.Step(rig.Config.ArpRequestRetries * rig.Config.ArpRequestIntervalMs);
            Assert.AreEqual("192.168.1.99     (incomplete)       FAILED      3", ConsoleRig.Lines(rig.Output("arp"))[3]);

            Assert.AreEqual(string.Empty, rig.Output("arp flush"));
            lines = ConsoleRig.Lines(rig.Output("arp"));
            Assert.AreEqual(2, lines.Length);
            Assert.AreEqual("192.168.1.30     02:00:00:00:00:30  PERMANENT   -", lines[1]);

            Assert.AreEqual(string.Empty, rig.Output("arp del 192.168.1.30"));
            Assert.AreEqual(1, ConsoleRig.Lines(rig.Output("arp")).Length);
            Assert.AreEqual("arp: no entry for 192.168.1.30\r\n", rig.Output("arp del 192.168.1.30"));
        }

        [TestMethod]
        public void ConsoleArpAddIsUsedForSending()
        {
            ConsoleRig rig = new ConsoleRig();
            byte[] peerMac = VirtualNetwork.MakeMac(20);
            rig.Run("arp add 192.168.1.20 " + MacAddress.ToString(peerMac, 0));
            long requests = rig.Stack.ArpCounters.RequestsOut;
            rig.Run("ping -c 1 192.168.1.20");
            Assert.IsTrue(rig.StepUntilIdle(5000));
            Assert.AreEqual(requests, rig.Stack.ArpCounters.RequestsOut);
            Assert.AreEqual(1L, rig.Stack.IcmpCounters.EchoRepliesIn);
        }

        [TestMethod]
        public void ConsoleStatsShowsEveryLayersCounters()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Run("ping -c 2 -i 100 192.168.1.20");
            Assert.IsTrue(rig.StepUntilIdle(5000));
            rig.Port.Take();
            string s = rig.Output("stats");
            string[] layers = new string[] { "Ethernet:", "Arp:", "Ip:", "Icmp:", "Udp:", "Tcp:" };
            string[] lines = ConsoleRig.Lines(s);
            int headers = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].EndsWith(":") && lines[i][0] != ' ')
                {
                    Assert.AreEqual(layers[headers], lines[i]);
                    headers++;
                }
                else
                {
                    // "    N what": a number, then words.
                    Assert.IsTrue(lines[i].StartsWith("    "), lines[i]);
                    string rest = lines[i].Substring(4);
                    long n;
                    Assert.IsTrue(ConsoleParse.TryLong(rest.Substring(0, rest.IndexOf(' ')), out n), lines[i]);
                }
            }

            Assert.AreEqual(layers.Length, headers);
            Assert.IsTrue(s.IndexOf("\r\n    " + rig.Stack.EthernetCounters.FramesIn.ToString() + " frames received\r\n") > 0);
            Assert.IsTrue(s.IndexOf("\r\n    " + rig.Stack.ArpCounters.RequestsOut.ToString() + " requests sent\r\n") > 0);
            Assert.IsTrue(s.IndexOf("\r\n    " + rig.Stack.Ipv4Counters.PacketsIn.ToString() + " total packets received\r\n") > 0);
            Assert.IsTrue(s.IndexOf("\r\n    2 echo requests sent\r\n") > 0);
            Assert.IsTrue(s.IndexOf("\r\n    2 echo replies received\r\n") > 0);
            Assert.IsTrue(s.IndexOf("\r\n    0 segments received\r\n") > 0);

            // One layer only.
            string icmp = rig.Output("stats icmp");
            Assert.IsTrue(icmp.StartsWith("Icmp:\r\n"));
            Assert.AreEqual(1, ConsoleRig.Count(icmp, ":\r\n"));
            Assert.IsTrue(s.IndexOf(icmp) > 0);
        }

        [TestMethod]
        public void ConsoleStatsCountsDropsByReason()
        {
            ConsoleRig rig = new ConsoleRig();
            VirtualLink link = rig.Net.LinkOf(rig.Stack);
            byte[] f = new byte[60];
            rig.Stack.GetMacAddress(f, 0);
            f[6] = 0x01;
            f[12] = 0x08;
            link.Inject(f, 0, f.Length);
            rig.Stack.Poll(rig.Now);
            Assert.IsTrue(rig.Output("stats eth").IndexOf("\r\n    1 dropped: group source address\r\n") > 0);
        }

        [TestMethod]
        public void ConsoleMemShowsTheFootprintByPart()
        {
            ConsoleRig rig = new ConsoleRig();
            NetStack s = rig.Stack;
            string[] lines = ConsoleRig.Lines(rig.Output("mem"));
            Assert.AreEqual("footprint (bytes allocated at start-up):", lines[0]);
            Assert.AreEqual("  frame pool   " + TextFormat.Right(s.Frames.FootprintBytes.ToString(), 8) + "  (" + rig.Config.FrameBuffers.ToString() + " x 1514)", lines[1]);
            Assert.AreEqual("  arp          " + TextFormat.Right(s.Arp.FootprintBytes.ToString(), 8) + "  (" + rig.Config.ArpEntries.ToString() + " entries)", lines[2]);
            Assert.AreEqual("  udp          " + TextFormat.Right(s.Udp.FootprintBytes.ToString(), 8) + "  (" + rig.Config.UdpSockets.ToString() + " sockets)", lines[3]);
            Assert.AreEqual("  tcp          " + TextFormat.Right(s.Tcp.FootprintBytes.ToString(), 8), lines[4]);
            Assert.AreEqual("  stack total  " + TextFormat.Right(s.FootprintBytes.ToString(), 8), lines[5]);
            Assert.AreEqual(s.FootprintBytes, s.Frames.FootprintBytes + s.Arp.FootprintBytes + s.Udp.FootprintBytes + s.Tcp.FootprintBytes);
            // No ENC28J60 under a virtual link: no driver row.
            Assert.IsTrue(lines[6].StartsWith("  console      "), lines[6]);
            Assert.IsTrue(lines[6].IndexOf(rig.Shell.FootprintBytes.ToString()) > 0);
            Assert.AreEqual("frame pool: " + s.Frames.Free.ToString() + " of " + rig.Config.FrameBuffers.ToString() + " free, low water "
                + s.Frames.LowWater.ToString() + ", exhausted 0", lines[7]);
            Assert.AreEqual("heap free: unknown (the board provides no heap query)", lines[8]);

            rig.Shell.Context.Heap = new FakeHeap();
            lines = ConsoleRig.Lines(rig.Output("mem"));
            Assert.AreEqual("heap free: 12345 bytes", lines[8]);
        }

        [TestMethod]
        public void ConsoleLogSetsTheLevelAndPrintsMessagesAboveThePrompt()
        {
            ConsoleRig rig = new ConsoleRig();
            try
            {
                Assert.AreEqual("log level: warn\r\n", rig.Output("log"));
                Assert.AreEqual("log level: debug\r\n", rig.Output("log debug"));
                Assert.AreEqual(LogLevel.Debug, NanoIP.Log.Level);
                NanoIP.Log.Sink = rig.Shell;
                rig.Type("arp fl");
                NanoIP.Log.Info("link flapped");
                long ms = rig.Now;
                string stamp = "[" + (ms / 1000).ToString() + "." + TextFormat.Zeros(ms % 1000, 3) + "] ";
                Assert.AreEqual("\r\x1b[K" + stamp + "info: link flapped\r\n" + ConsoleShell.Prompt + "arp fl", rig.Port.Take());
                rig.Type("\x15");
                Assert.AreEqual("log level: error\r\n", rig.Output("log error"));
                NanoIP.Log.Warn("not shown");
                Assert.AreEqual(string.Empty, rig.Port.Take());
                Assert.IsFalse(NanoIP.Log.IsEnabled(LogLevel.Warn));
                Assert.IsTrue(NanoIP.Log.IsEnabled(LogLevel.Error));
                ListSink sink = new ListSink();
                NanoIP.Log.Sink = sink;
                NanoIP.Log.Error("e");
                NanoIP.Log.Debug("d");
                Assert.AreEqual(1, sink.Count);
            }
            finally
            {
                NanoIP.Log.Sink = null;
                NanoIP.Log.Level = LogLevel.Warn;
            }
        }

        private sealed class LoggingCommand : IConsoleCommand
        {
            public string Name
            {
                get { return "noisy"; }
            }

            public string Summary
            {
                get { return "logs while it runs"; }
            }

            public string Usage
            {
                get { return "noisy"; }
            }

            public string Help
            {
                get { return string.Empty; }
            }

            public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
            {
                NanoIP.Log.Warn("inside");
                ctx.WriteLine("done");
                return null;
            }
        }

        [TestMethod]
        public void ConsoleLogLinesDuringACommandDoNotRedrawThePrompt()
        {
            ConsoleRig rig = new ConsoleRig();
            try
            {
                NanoIP.Log.Sink = rig.Shell;
                rig.Shell.Register(new LoggingCommand());
                string s = rig.Output("noisy");
                Assert.IsTrue(s.EndsWith("] warn: inside\r\ndone\r\n"), s);
                Assert.AreEqual(0, ConsoleRig.Count(s, "\x1b[K"));
                Assert.AreEqual(0, ConsoleRig.Count(s, ConsoleShell.Prompt));
            }
            finally
            {
                NanoIP.Log.Sink = null;
            }
        }

        [TestMethod]
        public void ConsoleRebootCallsTheBoardHook()
        {
            ConsoleRig rig = new ConsoleRig();
            Assert.AreEqual("reboot: not supported on this board\r\n", rig.Output("reboot"));
            FakeReboot board = new FakeReboot();
            rig.Shell.Context.Rebootable = board;
            Assert.AreEqual("rebooting...\r\n", rig.Output("reboot"));
            Assert.AreEqual(1, board.Reboots);
        }

        [TestMethod]
        public void ConsoleEncNeedsAnEnc28j60()
        {
            ConsoleRig rig = new ConsoleRig();
            Assert.AreEqual("enc: the Ethernet controller is not an ENC28J60\r\n", rig.Output("enc"));
        }
    }
}
