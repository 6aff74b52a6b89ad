using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class NetStackTests
    {
        [TestMethod]
        public void NetStackConfigureValidatesAndReports()
        {
            NetFixture f = new NetFixture(null, false);
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Configure(NetFixture.StackIp, 0, 0));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Configure(NetFixture.StackIp, 33, 0));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Configure(IPv4.FromBytes(192, 168, 1, 0), 24, 0));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Configure(NetFixture.SubnetBroadcast, 24, 0));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Configure(IPv4.FromBytes(224, 0, 0, 5), 24, 0));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Configure(NetFixture.StackIp, 24, IPv4.FromBytes(10, 0, 0, 1)));
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(SocketError.Success, f.Stack.Configure(NetFixture.StackIp, 24, NetFixture.GatewayIp));
            Assert.IsTrue(f.Stack.Configured);
            Assert.AreEqual(NetFixture.StackIp, f.Stack.Address);
            Assert.AreEqual(IPv4.FromBytes(255, 255, 255, 0), f.Stack.SubnetMask);
            Assert.AreEqual(24, f.Stack.PrefixLength);
            Assert.AreEqual(NetFixture.GatewayIp, f.Stack.Gateway);
            Assert.AreEqual(NetFixture.StackIp, f.Stack.Ip.LocalAddress);
            f.Stack.DnsServer = IPv4.FromBytes(192, 168, 1, 53);
            Assert.AreEqual(IPv4.FromBytes(192, 168, 1, 53), f.Stack.DnsServer);
            // /31 point-to-point (RFC 3021): both addresses are hosts.
            Assert.AreEqual(SocketError.Success, f.Stack.Configure(IPv4.FromBytes(10, 0, 0, 0), 31, 0));
            f.Stack.Unconfigure();
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(0u, f.Stack.Ip.LocalAddress);
        }

        [TestMethod]
        public void NetStackUnconfiguredAnswersNothing()
        {
            NetFixture f = new NetFixture(null, false);
            f.Peer.SendArpRequest(NetFixture.StackIp);
            f.Peer.SendEchoRequest(f.StackMac, NetFixture.StackIp, 1, 1, 8);
            f.Poll();
            Assert.IsFalse(f.Peer.Next(f.Now));
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.NotForUs);
        }

        [TestMethod]
        public void NetStackPollReadsABoundedNumberOfFrames()
        {
            NetConfig c = new NetConfig();
            c.RxFramesPerPoll = 8;
            NetFixture f = new NetFixture(c);
            byte[] b = new byte[60];
            Packets.Ethernet(b, f.StackMac, f.Peer.Mac, 0x88B5);
            for (int i = 0; i < 20; i++)
            {
                f.Link.Inject(b, 0, 60);
            }

            Assert.AreEqual(f.Now, f.Poll());
            Assert.AreEqual(8L, f.Stack.EthernetCounters.FramesIn);
            f.Poll();
            Assert.AreEqual(16L, f.Stack.EthernetCounters.FramesIn);
            Assert.AreEqual(long.MaxValue, f.Poll());
            Assert.AreEqual(20L, f.Stack.EthernetCounters.FramesIn);
        }

        [TestMethod]
        public void NetStackPollReturnsTheNextDeadline()
        {
            NetFixture f = new NetFixture();
            Assert.AreEqual(long.MaxValue, f.Poll());
            f.Stack.Ip.Send(NetFixture.Nobody, 253, 0, f.Now);
            Assert.AreEqual(f.Now + f.Config.ArpRequestIntervalMs, f.Poll());
            int seq = f.Stack.Ping.Send(NetFixture.GatewayIp, 0, f.Now);
            Assert.IsTrue(seq >= 0);
            Assert.AreEqual(f.Now + f.Config.ArpRequestIntervalMs, f.Poll());
            f.Stack.Arp.Flush();
            Assert.AreEqual(f.Now + f.Config.PingTimeoutMs, f.Poll());

            NetFixture g = new NetFixture(null, true, false);
            // A fresh configuration announces now, then again one interval later.
            Assert.AreEqual(g.Now + g.Config.ArpRequestIntervalMs, g.Poll());
        }

        private sealed class ThrowingTransport : IIpReceiver
        {
            public bool Receive(uint source, uint destination, bool broadcast, byte[] buffer, int offset, int length, long nowMs)
            {
                throw new System.InvalidOperationException("transport bug");
            }

            public void IcmpError(int type, int code, uint quotedDestination, byte[] quoted, int transportOffset, int available, long nowMs)
            {
            }

            public long Poll(long nowMs)
            {
                return long.MaxValue;
            }
        }

        [TestMethod]
        public void NetStackContainsAFaultInsideFrameProcessing()
        {
            NetFixture f = new NetFixture();
            f.Stack.RegisterTransport(253, new ThrowingTransport());
            f.LearnPeer();
            int n = Packets.Ipv4(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 253, 0);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.ProcessingFaults);
            // The next frame is served normally.
            f.Peer.SendEchoRequest(f.StackMac, NetFixture.StackIp, 1, 1, 4);
            f.Poll();
            Assert.IsTrue(f.Peer.NextIpv4(1, f.Now));
        }

        [TestMethod]
        public void NetStackRejectsAConfigWithoutBuffers()
        {
            NetConfig c = new NetConfig();
            c.FrameBuffers = 1;
            VirtualLink link = new VirtualLink(VirtualNetwork.MakeMac(1));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new NetStack(c, link));
        }

        [TestMethod]
        public void NetStackFootprintCoversItsBuffers()
        {
            NetFixture f = new NetFixture();
            int least = f.Config.FrameBuffers * 1514 + f.Config.UdpSockets * f.Config.UdpReceiveBufferSize
                + f.Config.TcpSockets * (f.Config.TcpSendBufferSize + f.Config.TcpReceiveBufferSize);
            Assert.IsTrue(f.Stack.FootprintBytes >= least);
            // Bookkeeping on top of the buffers stays small: 4 KB for the link/IP/UDP tables, 2 KB per TCP
            // control block (listen queues, reassembly slots) and 64 bytes per TIME_WAIT entry.
            Assert.IsTrue(f.Stack.FootprintBytes < least + 4096 + f.Config.TcpSockets * 2048 + f.Config.TimeWaitEntries * 64);
            OutputHelper.WriteLine("footprint " + f.Stack.FootprintBytes.ToString() + " bytes");
        }

        [TestMethod]
        public void NetStackAddressHelpers()
        {
            uint a;
            Assert.IsTrue(IPv4.TryParse("192.168.1.10", out a));
            Assert.AreEqual(NetFixture.StackIp, a);
            Assert.AreEqual("192.168.1.10", IPv4.ToString(a));
            Assert.AreEqual("255.255.255.255", IPv4.ToString(0xFFFFFFFF));
            Assert.IsFalse(IPv4.TryParse("192.168.1", out a));
            Assert.IsFalse(IPv4.TryParse("192.168.1.256", out a));
            Assert.IsFalse(IPv4.TryParse("192.168..1", out a));
            Assert.IsFalse(IPv4.TryParse("1.2.3.4.5", out a));
            Assert.IsFalse(IPv4.TryParse(" 1.2.3.4", out a));
            Assert.IsFalse(IPv4.TryParse("1.2.3.0004", out a));
            Assert.ThrowsException(typeof(System.FormatException), () => IPv4.Parse("x"));
            Assert.AreEqual(0xFFFFFF00u, IPv4.MaskFromPrefix(24));
            Assert.AreEqual(24, IPv4.PrefixFromMask(0xFFFFFF00));
            Assert.AreEqual(-1, IPv4.PrefixFromMask(0xFF00FF00));
            Assert.AreEqual(0, IPv4.PrefixFromMask(0));
            Assert.AreEqual(32, IPv4.PrefixFromMask(0xFFFFFFFF));
            byte[] mac = new byte[6];
            Assert.IsTrue(MacAddress.TryParse("02:00:0A:ff:10:01", mac, 0));
            Assert.AreEqual("02:00:0a:ff:10:01", MacAddress.ToString(mac, 0));
            Assert.IsFalse(MacAddress.TryParse("02:00:0A:ff:10", mac, 0));
            Assert.IsFalse(MacAddress.TryParse("02:00:0A:ff:10:0g", mac, 0));
        }

        /// <summary>
        /// Seeded hostile input: mutated valid frames of every kind and random garbage, thousands
        /// of them. Nothing may escape, nothing may be lost from the books: every frame ends in
        /// exactly one counter at each layer it reached, and the pool gets every buffer back.
        /// </summary>
        [TestMethod]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        public void NetStackSurvivesFuzzedFramesAndCountsEveryDrop(int seed)
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            System.Random rnd = new System.Random(seed);
            byte[][] templates = Templates(f);
            int[] lengths = new int[templates.Length];
            for (int i = 0; i < templates.Length; i++)
            {
                lengths[i] = templates[i].Length;
            }

            byte[] frame = new byte[1600];
            byte[] sink = new byte[1600];
            const int Frames = 3000;
            int injected = 0;
            for (int i = 0; i < Frames; i++)
            {
                int length;
                if (rnd.Next(5) == 0)
                {
                    length = 1 + rnd.Next(1514); // a device never hands over an empty frame
                    rnd.NextBytes(frame);
                    if (rnd.Next(2) == 0 && length >= 14)
                    {
                        MacAddress.Copy(f.StackMac, 0, frame, 0);
                        frame[12] = 0x08;
                        frame[13] = (byte)(rnd.Next(2) == 0 ? 0x00 : 0x06);
                    }
                }
                else
                {
                    int t = rnd.Next(templates.Length);
                    length = lengths[t];
                    System.Array.Copy(templates[t], frame, length);
                    int k = 1 + rnd.Next(6);
                    for (int m = 0; m < k; m++)
                    {
                        int pos = rnd.Next(2) == 0 ? 12 + rnd.Next(length < 64 ? length - 12 : 52) : rnd.Next(length);
                        frame[pos] = (byte)rnd.Next(256);
                    }

                    int shape = rnd.Next(10);
                    if (shape == 0)
                    {
                        length = 1 + rnd.Next(length);
                    }
                    else if (shape == 1)
                    {
                        int extra = rnd.Next(1514 - length + 1);
                        for (int m = 0; m < extra; m++)
                        {
                            frame[length + m] = (byte)rnd.Next(256);
                        }

                        length += extra;
                    }

                    // Repair checksums half the time so the mutation reaches the layers above.
                    if (length >= 34 && rnd.Next(2) == 0 && (frame[14] & 0xF) >= 5 && 14 + (frame[14] & 0xF) * 4 <= length)
                    {
                        int ihl = (frame[14] & 0xF) * 4;
                        frame[24] = 0;
                        frame[25] = 0;
                        NetOrder.WriteUInt16(frame, 24, InternetChecksum.Compute(frame, 14, ihl));
                        int total = NetOrder.ReadUInt16(frame, 16);
                        int tl = total - ihl;
                        int to = 14 + ihl;
                        if (tl >= 8 && to + tl <= length && rnd.Next(2) == 0)
                        {
                            if (frame[23] == 1)
                            {
                                frame[to + 2] = 0;
                                frame[to + 3] = 0;
                                NetOrder.WriteUInt16(frame, to + 2, InternetChecksum.Compute(frame, to, tl));
                            }
                            else if (frame[23] == 17)
                            {
                                frame[to + 6] = 0;
                                frame[to + 7] = 0;
                            }
                        }
                    }
                }

                f.Link.Inject(frame, 0, length);
                injected++;
                try
                {
                    f.Stack.Poll(f.Now);
                }
                catch (System.Exception e)
                {
                    Assert.IsTrue(false, "exception escaped on frame " + i.ToString() + ": " + e.Message);
                }

                if (rnd.Next(4) == 0)
                {
                    f.Net.Now = f.Net.Now + rnd.Next(300);
                }

                int got, port;
                uint from;
                while (f.Stack.Udp.ReceiveFrom(h, sink, 0, sink.Length, out got, out from, out port) != SocketError.WouldBlock)
                {
                }

                f.Peer.Link.ClearQueue();
            }

            EthernetCounters e1 = f.Stack.EthernetCounters;
            ArpCounters a = f.Stack.ArpCounters;
            Ipv4Counters ip = f.Stack.Ipv4Counters;
            IcmpCounters ic = f.Stack.IcmpCounters;
            UdpCounters u = f.Stack.UdpCounters;
            OutputHelper.WriteLine("eth in " + e1.FramesIn.ToString() + " short " + e1.TooShort.ToString() + " notForUs " + e1.NotForUs.ToString()
                + " type " + e1.UnknownEthertype.ToString() + " | arp malformed " + a.Malformed.ToString()
                + " | ip in " + ip.PacketsIn.ToString() + " hdr " + ip.HeaderErrors.ToString() + " len " + ip.BadLength.ToString()
                + " csum " + ip.BadChecksum.ToString() + " frag " + ip.Fragments.ToString() + " delivered " + ip.Delivered.ToString()
                + " | icmp in " + ic.MessagesIn.ToString() + " | udp in " + u.DatagramsIn.ToString() + " bad " + u.BadChecksum.ToString());

            Assert.AreEqual(0L, e1.ProcessingFaults);
            Assert.AreEqual((long)injected + 1, e1.FramesIn); // + the ARP request of LearnPeer
            long arpSeen = a.Malformed + a.RequestsIn + a.RepliesIn;
            Assert.AreEqual(e1.FramesIn, e1.TooShort + e1.NotForUs + e1.BadSource + e1.UnknownEthertype + arpSeen + ip.PacketsIn);
            Assert.AreEqual(ip.PacketsIn, ip.HeaderErrors + ip.BadLength + ip.BadChecksum + ip.Fragments + ip.NotForUs + ip.BadSource + ip.NoProtocol + ip.Delivered);
            long udpSeen = u.Malformed + u.BadChecksum + u.NoPort + u.QueueFull + u.DatagramsIn;
            // TCP is built in: every segment handed to it is counted once in SegmentsReceived.
            Assert.AreEqual(ip.Delivered, ic.MessagesIn + udpSeen + f.Stack.Tcp.Counters.SegmentsReceived);
            Assert.AreEqual(ic.MessagesIn, ic.TooShort + ic.BadChecksum + ic.EchoRequestsIn + ic.EchoRepliesIn + ic.UnreachableIn + ic.TimeExceededIn + ic.ParameterProblemIn + ic.UnknownType);
            // Every layer was reached, not just the first checks.
            Assert.IsTrue(ip.Delivered > 100);
            Assert.IsTrue(u.DatagramsIn > 10);
            Assert.IsTrue(ic.EchoRequestsIn > 10);
            Assert.IsTrue(a.RequestsIn > 10);

            f.Stack.Arp.Flush();
            Assert.AreEqual(f.Stack.Frames.Capacity - 2, f.Stack.Frames.Free);
            // Still healthy afterwards.
            f.LearnPeer();
            f.Peer.SendEchoRequest(f.StackMac, NetFixture.StackIp, 9, 9, 32);
            f.Poll();
            Assert.IsTrue(f.Peer.NextIpv4(1, f.Now));
        }

        private static byte[][] Templates(NetFixture f)
        {
            byte[][] t = new byte[9][];
            byte[] b = new byte[1514];
            byte[] p = new byte[40];
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (byte)i;
            }

            t[0] = Copy(b, Packets.Arp(b, Packets.BroadcastMac, f.Peer.Mac, 1, f.Peer.Mac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.StackIp));
            t[1] = Copy(b, Packets.Arp(b, f.StackMac, f.Peer.Mac, 2, f.Peer.Mac, NetFixture.PeerIp, f.StackMac, NetFixture.StackIp));
            t[2] = Copy(b, Packets.Udp(b, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1000, 7, p, 0, 40));
            t[3] = Copy(b, Packets.Udp(b, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1000, 8, p, 0, 12));
            t[4] = Copy(b, Packets.IcmpEcho(b, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 8, 1, 2, 56));
            byte[] q = new byte[80];
            int qn = Packets.Udp(q, f.Peer.Mac, f.StackMac, NetFixture.StackIp, NetFixture.PeerIp, 7, 9, p, 0, 8);
            t[5] = Copy(b, Packets.IcmpError(b, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3, 3, q, 14, qn - 14));
            t[6] = Copy(b, Packets.Udp(b, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1000, 7, p, 0, 10, true, 8));
            t[7] = Copy(b, Packets.IcmpEcho(b, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 0, f.Stack.Ping.Identifier, 0, 16));
            t[8] = Copy(b, Packets.Udp(b, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.SubnetBroadcast, 68, 7, p, 0, 20));
            return t;
        }

        private static byte[] Copy(byte[] b, int length)
        {
            byte[] c = new byte[length];
            System.Array.Copy(b, c, length);
            return c;
        }

        [TestMethod]
        public void NetStackPingAndUdpSurviveAFaultyWire()
        {
            VirtualNetwork net = new VirtualNetwork(2);
            FaultInjector faults = new FaultInjector(42);
            faults.LossRate = 0.1;
            faults.DuplicateRate = 0.05;
            faults.ReorderRate = 0.1;
            faults.CorruptRate = 0.05;
            net.Wire.Faults = faults;
            uint a = IPv4.FromBytes(10, 0, 0, 1);
            uint b = IPv4.FromBytes(10, 0, 0, 2);
            NetStack sa = net.AddStack(new NetConfig(), 1, a, 24);
            NetStack sb = net.AddStack(new NetConfig(), 2, b, 24);
            int hb;
            sb.Udp.Open(out hb);
            sb.Udp.Bind(hb, 0, 9);
            int ha;
            sa.Udp.Open(out ha);
            int replied = 0, timedOut = 0, unreachable = 0;
            byte[] d = new byte[100];
            for (int i = 0; i < 200; i++)
            {
                int seq = sa.Ping.Send(b, 64, net.Now);
                sa.Udp.SendTo(ha, d, 0, d.Length, b, 9, net.Now);
                if (seq < 0)
                {
                    net.RunFor(100);
                    continue;
                }

                Assert.IsTrue(net.RunUntil(delegate { return sa.Ping.GetStatus(seq) != PingStatus.Waiting; }, 10000));
                PingStatus s = sa.Ping.GetStatus(seq);
                if (s == PingStatus.Replied)
                {
                    replied++;
                }
                else if (s == PingStatus.TimedOut)
                {
                    timedOut++;
                }
                else
                {
                    unreachable++;
                }

                sa.Ping.Release(seq);
                int got, port;
                uint from;
                while (sb.Udp.ReceiveFrom(hb, d, 0, d.Length, out got, out from, out port) == SocketError.Success)
                {
                    Assert.AreEqual(100, got);
                }
            }

            OutputHelper.WriteLine("replied " + replied.ToString() + " timed out " + timedOut.ToString() + " unreachable " + unreachable.ToString()
                + "; lost " + faults.Lost.ToString() + " dup " + faults.Duplicated.ToString() + " reordered " + faults.Reordered.ToString() + " corrupted " + faults.Corrupted.ToString());
            Assert.AreEqual(0L, sa.EthernetCounters.ProcessingFaults);
            Assert.AreEqual(0L, sb.EthernetCounters.ProcessingFaults);
            Assert.IsTrue(replied > 120);
            Assert.IsTrue(timedOut > 0);
            Assert.IsTrue(faults.Corrupted > 0);
            Assert.IsTrue(sb.UdpCounters.DatagramsIn > 120);
        }
    }
}
