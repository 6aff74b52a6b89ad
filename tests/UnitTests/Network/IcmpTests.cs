using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class IcmpTests
    {
        [TestMethod]
        public void IcmpEchoReplyIsByteExactForEverySize0To1472()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            byte[] expected = new byte[1514];
            int max = f.Stack.Ip.MaxTransportLength - 8;
            Assert.AreEqual(1472, max);
            for (int size = 0; size <= max; size++)
            {
                int id = 0x1234;
                int seq = size;
                int n = Packets.IcmpEcho(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 8, id, seq, size, size);
                f.PeerSends(n);
                Assert.IsTrue(f.Peer.Next(f.Now), "no reply for size " + size.ToString());
                byte[] r = f.Peer.Rx;
                int len = Packets.IcmpEcho(expected, f.Peer.Mac, f.StackMac, NetFixture.StackIp, NetFixture.PeerIp, 0, id, seq, size, size);
                // Only the identification is ours to choose: take it from the reply, then everything must match.
                NetOrder.WriteUInt16(expected, 18, Packets.IpIdentification(r));
                expected[22] = f.Config.DefaultTtl;
                Packets.FixIpChecksum(expected);
                Assert.AreEqual(len < 60 ? 60 : len, f.Peer.RxLength);
                for (int i = 0; i < len; i++)
                {
                    if (r[i] != expected[i])
                    {
                        Assert.AreEqual((int)expected[i], (int)r[i], "size " + size.ToString() + " byte " + i.ToString());
                    }
                }
            }

            Assert.AreEqual((long)(max + 1), f.Stack.IcmpCounters.EchoRepliesOut);
        }

        [TestMethod]
        public void IcmpEchoToBroadcastIsIgnored()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int n = Packets.IcmpEcho(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.SubnetBroadcast, 8, 1, 1, 8);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.BroadcastEchoIgnored);
            Assert.IsFalse(f.Peer.Next(f.Now));
        }

        [TestMethod]
        public void IcmpBadChecksumAndShortMessagesAreDropped()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int n = Packets.IcmpEcho(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 8, 1, 1, 8);
            f.Peer.Tx[45] ^= 0x40;
            f.PeerSends(n);
            n = Packets.Ipv4(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1, 7);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.BadChecksum);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.TooShort);
            Assert.IsFalse(f.Peer.Next(f.Now));
        }

        [TestMethod]
        public void IcmpPingMeasuresRttOnVirtualTime()
        {
            VirtualNetwork net = new VirtualNetwork(5);
            uint a = IPv4.FromBytes(10, 0, 0, 1);
            uint b = IPv4.FromBytes(10, 0, 0, 2);
            NetStack sa = net.AddStack(new NetConfig(), 1, a, 24);
            net.AddStack(new NetConfig(), 2, b, 24);
            net.RunFor(5000);

            // First: ARP request + reply + echo + reply = 4 one-way trips of 5 ms.
            int seq = sa.Ping.Send(b, 56, net.Now);
            Assert.IsTrue(seq >= 0);
            Assert.AreEqual(PingStatus.Waiting, sa.Ping.GetStatus(seq));
            Assert.IsTrue(net.RunUntil(delegate { return sa.Ping.GetStatus(seq) != PingStatus.Waiting; }, 1000));
            Assert.AreEqual(PingStatus.Replied, sa.Ping.GetStatus(seq));
            Assert.AreEqual(20L, sa.Ping.GetRttMs(seq));
            Assert.AreEqual(b, sa.Ping.GetReplyFrom(seq));
            sa.Ping.Release(seq);
            Assert.AreEqual(PingStatus.None, sa.Ping.GetStatus(seq));

            int seq2 = sa.Ping.Send(b, 1472, net.Now);
            Assert.AreEqual((seq + 1) & 0xFFFF, seq2);
            Assert.IsTrue(net.RunUntil(delegate { return sa.Ping.GetStatus(seq2) != PingStatus.Waiting; }, 1000));
            Assert.AreEqual(10L, sa.Ping.GetRttMs(seq2));
        }

        [TestMethod]
        public void IcmpPingTimesOutOrReportsUnreachable()
        {
            NetConfig c = new NetConfig();
            c.PingTimeoutMs = 1500;
            NetFixture f = new NetFixture(c);
            f.Peer.AnswerArp = true;
            // The peer resolves but never answers echo: a timeout, exactly PingTimeoutMs later.
            long start = f.Now;
            int seq = f.Stack.Ping.Send(NetFixture.PeerIp, 8, f.Now);
            Assert.IsTrue(f.Net.RunUntil(delegate { return f.Stack.Ping.GetStatus(seq) != PingStatus.Waiting; }, 10000));
            Assert.AreEqual(PingStatus.TimedOut, f.Stack.Ping.GetStatus(seq));
            Assert.AreEqual(start + 1500, f.Now);
            Assert.AreEqual(-1L, f.Stack.Ping.GetRttMs(seq));

            // A silent on-link host: ARP gives up before the timeout and the ping learns why.
            f.Stack.Ping.TimeoutMs = 10000;
            start = f.Now;
            int seq2 = f.Stack.Ping.Send(NetFixture.Nobody, 8, f.Now);
            Assert.IsTrue(f.Net.RunUntil(delegate { return f.Stack.Ping.GetStatus(seq2) != PingStatus.Waiting; }, 20000));
            Assert.AreEqual(PingStatus.Unreachable, f.Stack.Ping.GetStatus(seq2));
            Assert.AreEqual(3, f.Stack.Ping.GetErrorType(seq2));
            Assert.AreEqual(1, f.Stack.Ping.GetErrorCode(seq2));
            Assert.AreEqual(start + (long)c.ArpRequestRetries * c.ArpRequestIntervalMs, f.Now);
            // While the failure is held, Send refuses at once.
            Assert.AreEqual(-1, f.Stack.Ping.Send(NetFixture.Nobody, 8, f.Now));
            Assert.AreEqual(SocketError.HostUnreachable, f.Stack.Ping.LastError);
        }

        [TestMethod]
        public void IcmpPingSlotsAndSizeLimits()
        {
            NetConfig c = new NetConfig();
            c.PingSlots = 2;
            NetFixture f = new NetFixture(c);
            f.Peer.AnswerArp = true;
            Assert.AreEqual(-1, f.Stack.Ping.Send(NetFixture.PeerIp, 1473, f.Now));
            Assert.AreEqual(SocketError.MessageSize, f.Stack.Ping.LastError);
            int s1 = f.Stack.Ping.Send(NetFixture.PeerIp, 0, f.Now);
            f.Net.RunFor(10);
            int s2 = f.Stack.Ping.Send(NetFixture.PeerIp, 0, f.Now);
            Assert.IsTrue(s1 >= 0 && s2 >= 0);
            Assert.AreEqual(-1, f.Stack.Ping.Send(NetFixture.PeerIp, 0, f.Now));
            Assert.AreEqual(SocketError.NoBufferSpace, f.Stack.Ping.LastError);
            f.Stack.Ping.Release(s1);
            Assert.IsTrue(f.Stack.Ping.Send(NetFixture.PeerIp, 0, f.Now) >= 0);
            // Finished (timed-out) slots are reused by new requests.
            f.Net.RunFor(c.PingTimeoutMs + 10);
            Assert.IsTrue(f.Stack.Ping.Send(NetFixture.PeerIp, 0, f.Now) >= 0);
            Assert.IsTrue(f.Stack.Ping.Send(NetFixture.PeerIp, 0, f.Now) >= 0);
        }

        [TestMethod]
        public void IcmpEchoReplyWithWrongPayloadIsNotAccepted()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int seq = f.Stack.Ping.Send(NetFixture.PeerIp, 16, f.Now);
            Assert.IsTrue(f.Peer.NextIpv4(1, f.Now));
            int id = Packets.IcmpIdentifier(f.Peer.Rx);
            int n = Packets.IcmpEcho(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 0, id, seq, 16, 1);
            f.PeerSends(n);
            Assert.AreEqual(PingStatus.Waiting, f.Stack.Ping.GetStatus(seq));
            Assert.AreEqual(1L, f.Stack.IcmpCounters.EchoRepliesUnmatched);
            n = Packets.IcmpEcho(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 0, id, seq, 16, 0);
            f.PeerSends(n);
            Assert.AreEqual(PingStatus.Replied, f.Stack.Ping.GetStatus(seq));
            Assert.AreEqual(0L, f.Stack.Ping.GetRttMs(seq));
        }

        [TestMethod]
        public void IcmpPortUnreachableQuotesTheDatagram()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            byte[] p = new byte[600];
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = (byte)(i * 7);
            }

            int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3333, 4444, p, 0, p.Length);
            byte[] sent = new byte[n];
            System.Array.Copy(f.Peer.Tx, sent, n);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.UdpCounters.NoPort);
            Assert.IsTrue(f.Peer.NextIpv4(1, f.Now));
            byte[] r = f.Peer.Rx;
            Assert.AreEqual(3, Packets.IcmpType(r));
            Assert.AreEqual(3, Packets.IcmpCode(r));
            Assert.IsTrue(Packets.IcmpChecksumOk(r));
            Assert.IsTrue(Packets.IpChecksumOk(r));
            Assert.AreEqual(NetFixture.PeerIp, Packets.IpDestination(r));
            Assert.AreEqual(NetFixture.StackIp, Packets.IpSource(r));
            // RFC 1812 §4.3.2.3: as much of the datagram as fits in 576 bytes.
            Assert.AreEqual(576, Packets.IpTotalLength(r));
            int quote = Packets.TransportOffset(r) + 8;
            for (int i = 0; i < 576 - 28; i++)
            {
                if (r[quote + i] != sent[14 + i])
                {
                    Assert.AreEqual((int)sent[14 + i], (int)r[quote + i], "quoted byte " + i.ToString());
                }
            }
        }

        [TestMethod]
        public void IcmpPortUnreachableIsRateLimited()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            byte[] p = new byte[4];
            for (int i = 0; i < 5; i++)
            {
                int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3333, 4444 + i, p, 0, 4);
                f.PeerSends(n);
            }

            Assert.AreEqual(1L, f.Stack.IcmpCounters.UnreachableOut);
            Assert.AreEqual(4L, f.Stack.IcmpCounters.ErrorsRateLimited);
            f.Advance(f.Config.IcmpErrorIntervalMs - 1);
            f.PeerSends(Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3333, 4444, p, 0, 4));
            Assert.AreEqual(1L, f.Stack.IcmpCounters.UnreachableOut);
            f.Advance(1);
            f.PeerSends(Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3333, 4444, p, 0, 4));
            Assert.AreEqual(2L, f.Stack.IcmpCounters.UnreachableOut);
            int replies = 0;
            while (f.Peer.NextIpv4(1, f.Now))
            {
                replies++;
            }

            Assert.AreEqual(2, replies);
        }

        [TestMethod]
        public void IcmpNoPortUnreachableForBroadcastsOrBadSources()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            byte[] p = new byte[4];
            int n = Packets.Udp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, 0xFFFFFFFF, 68, 4444, p, 0, 4);
            f.PeerSends(n);
            n = Packets.Udp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.SubnetBroadcast, 68, 4444, p, 0, 4);
            f.PeerSends(n);
            n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, 0, NetFixture.StackIp, 68, 4444, p, 0, 4);
            f.PeerSends(n);
            Assert.AreEqual(3L, f.Stack.UdpCounters.NoPort);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.UnreachableOut);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.ErrorsSuppressed);
            Assert.IsFalse(f.Peer.NextIpv4(1, f.Now));
        }

        [TestMethod]
        public void IcmpErrorsReachTheTransportThatSentTheDatagram()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Connect(h, NetFixture.PeerIp, 4444);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Send(h, new byte[] { 1, 2, 3 }, 0, 3, f.Now));
            Assert.IsTrue(f.Peer.NextIpv4(17, f.Now));
            int len = Packets.IpTotalLength(f.Peer.Rx);
            int n = Packets.IcmpError(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3, 3, f.Peer.Rx, 14, len);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.UnreachableIn);
            Assert.AreEqual(1L, f.Stack.UdpCounters.IcmpErrors);
            int got, port;
            uint from;
            Assert.AreEqual(SocketError.ConnectionRefused, f.Stack.Udp.ReceiveFrom(h, new byte[8], 0, 8, out got, out from, out port));
            Assert.AreEqual(SocketError.WouldBlock, f.Stack.Udp.ReceiveFrom(h, new byte[8], 0, 8, out got, out from, out port));

            // Another transport (as TCP will be) gets time exceeded about its own segment.
            RecordingTransport t = new RecordingTransport();
            f.Stack.RegisterTransport(253, t);
            IIpSenderHelper.WriteBytes(f.Stack.Ip, 20);
            f.Stack.Ip.Send(IPv4.FromBytes(8, 8, 4, 4), 253, 20, f.Now);
            f.Peer.Link.Promiscuous = true;
            f.Peer.Drain(f.Now);
            f.Stack.Arp.AddStatic(NetFixture.GatewayIp, f.Peer.Mac, 0, f.Now);
            f.Stack.Ip.Send(IPv4.FromBytes(8, 8, 4, 4), 253, 20, f.Now);
            Assert.IsTrue(f.Peer.NextIpv4(253, f.Now));
            n = Packets.IcmpError(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.GatewayIp, NetFixture.StackIp, 11, 0, f.Peer.Rx, 14, 28);
            f.PeerSends(n);
            Assert.AreEqual(1, t.Errors);
            Assert.AreEqual(11, t.ErrorType);
            Assert.AreEqual(0, t.ErrorCode);
            Assert.AreEqual(IPv4.FromBytes(8, 8, 4, 4), t.ErrorQuotedDestination);
            Assert.AreEqual(8, t.ErrorAvailable);
            Assert.AreEqual((byte)0xA0, t.ErrorTransportHeader[0]);
            Assert.AreEqual((byte)0xA7, t.ErrorTransportHeader[7]);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.TimeExceededIn);
        }

        [TestMethod]
        public void IcmpErrorsNotAboutOurDatagramsAreIgnored()
        {
            NetFixture f = new NetFixture();
            RecordingTransport t = new RecordingTransport();
            f.Stack.RegisterTransport(253, t);
            byte[] q = new byte[64];
            Packets.Ipv4(q, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.Nobody, 253, 8);
            int n;
            // Quoting someone else's datagram, then a quote too short to name the transport's ports.
            n = Packets.IcmpError(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3, 1, q, 14, 28);
            f.PeerSends(n);
            NetOrder.WriteUInt32(q, 26, NetFixture.StackIp);
            Packets.FixIpChecksum(q);
            n = Packets.IcmpError(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3, 1, q, 14, 24);
            f.PeerSends(n);
            Assert.AreEqual(0, t.Errors);
            Assert.AreEqual(2L, f.Stack.Ipv4Counters.IcmpErrorsIgnored);
            n = Packets.IcmpError(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 3, 1, q, 14, 28);
            f.PeerSends(n);
            Assert.AreEqual(1, t.Errors);
        }
    }
}
