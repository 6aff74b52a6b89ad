using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class Ipv4Tests
    {
        private static int EchoTo(NetFixture f, uint destination)
        {
            return Packets.IcmpEcho(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, destination, 8, 7, 1, 4);
        }

        [TestMethod]
        public void Ipv4BadHeaderChecksumIsDropped()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int n = EchoTo(f, NetFixture.StackIp);
            f.Peer.Tx[24] ^= 0x01;
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.BadChecksum);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.MessagesIn);
            Assert.IsFalse(f.Peer.Next(f.Now));
        }

        [TestMethod]
        public void Ipv4BadLengthsAreDropped()
        {
            NetFixture f = new NetFixture();
            int n = EchoTo(f, NetFixture.StackIp);
            NetOrder.WriteUInt16(f.Peer.Tx, 16, n - 14 + 1); // one byte more than the frame holds
            Packets.FixIpChecksum(f.Peer.Tx);
            f.Inject(f.Peer.Tx, n);
            n = EchoTo(f, NetFixture.StackIp);
            NetOrder.WriteUInt16(f.Peer.Tx, 16, 19); // less than the header
            Packets.FixIpChecksum(f.Peer.Tx);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(2L, f.Stack.Ipv4Counters.BadLength);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.MessagesIn);
        }

        [TestMethod]
        public void Ipv4BadVersionAndHeaderLengthAreDropped()
        {
            NetFixture f = new NetFixture();
            int n = EchoTo(f, NetFixture.StackIp);
            f.Peer.Tx[14] = 0x65; // version 6
            Packets.FixIpChecksum(f.Peer.Tx);
            f.Inject(f.Peer.Tx, n);
            n = EchoTo(f, NetFixture.StackIp);
            f.Peer.Tx[14] = 0x44; // IHL 4
            f.Inject(f.Peer.Tx, n);
            n = EchoTo(f, NetFixture.StackIp);
            f.Peer.Tx[14] = 0x4F; // IHL 15 = 60 bytes, frame has 32 after the Ethernet header
            f.Inject(f.Peer.Tx, n);
            f.Inject(f.Peer.Tx, 14 + 19); // shorter than any header
            Assert.AreEqual(4L, f.Stack.Ipv4Counters.HeaderErrors);
            Assert.AreEqual(4L, f.Stack.Ipv4Counters.PacketsIn);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.MessagesIn);
        }

        [TestMethod]
        public void Ipv4FragmentsAreCountedAndDroppedWithoutReply()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 9);
            byte[] p = new byte[16];
            // First fragment (MF), a middle one (MF + offset), the last one (offset only), each also to a closed port.
            int[] flags = new int[] { 0x2000, 0x2000 | 3, 0x0005 };
            for (int i = 0; i < flags.Length; i++)
            {
                for (int port = 9; port <= 10; port++)
                {
                    int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1000, port, p, 0, p.Length);
                    NetOrder.WriteUInt16(f.Peer.Tx, 20, flags[i]);
                    Packets.FixIpChecksum(f.Peer.Tx);
                    f.Inject(f.Peer.Tx, n);
                }
            }

            Assert.AreEqual(6L, f.Stack.Ipv4Counters.Fragments);
            Assert.AreEqual(0, f.Stack.Udp.QueuedDatagrams(h));
            Assert.AreEqual(0L, f.Stack.IcmpCounters.UnreachableOut);
            Assert.AreEqual(0L, f.Stack.UdpCounters.NoPort);
        }

        [TestMethod]
        public void Ipv4OptionsAreSkipped()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 9);
            byte[] p = new byte[] { 10, 20, 30, 40, 50 };
            int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1000, 9, p, 0, p.Length, true, 12);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.OptionsSkipped);
            byte[] got = new byte[16];
            int len, port;
            uint from;
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.ReceiveFrom(h, got, 0, got.Length, out len, out from, out port));
            Assert.AreEqual(5, len);
            Assert.AreEqual((byte)50, got[4]);
            Assert.AreEqual(1000, port);
        }

        [TestMethod]
        public void Ipv4SentHeaderCarriesTtlDfIdentificationAndChecksum()
        {
            NetConfig c = new NetConfig();
            c.DefaultTtl = 77;
            NetFixture f = new NetFixture(c);
            f.LearnPeer();
            int first = -1;
            for (int i = 0; i < 3; i++)
            {
                IIpSenderHelper.WriteBytes(f.Stack.Ip, 5);
                Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 5, f.Now));
                Assert.IsTrue(f.Peer.NextIpv4(253, f.Now));
                byte[] r = f.Peer.Rx;
                Assert.AreEqual((byte)0x45, r[14]);
                Assert.AreEqual(25, Packets.IpTotalLength(r));
                Assert.AreEqual(77, Packets.IpTtl(r));
                Assert.AreEqual(0x4000, Packets.IpFlagsFragment(r));
                Assert.AreEqual(NetFixture.StackIp, Packets.IpSource(r));
                Assert.AreEqual(NetFixture.PeerIp, Packets.IpDestination(r));
                Assert.IsTrue(Packets.IpChecksumOk(r));
                Assert.AreEqual((byte)0xA4, r[34 + 4]);
                if (first < 0)
                {
                    first = Packets.IpIdentification(r);
                }
                else
                {
                    Assert.AreEqual((first + i) & 0xFFFF, Packets.IpIdentification(r));
                }
            }
        }

        [TestMethod]
        public void Ipv4TrailingEthernetPaddingIsIgnored()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 9);
            byte[] p = new byte[] { 0x5A };
            int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 1000, 9, p, 0, 1);
            for (int i = n; i < 60; i++)
            {
                f.Peer.Tx[i] = 0xEE;
            }

            f.Inject(f.Peer.Tx, 60);
            Assert.AreEqual(1, f.Stack.Udp.NextDatagramLength(h));
        }

        [TestMethod]
        public void Ipv4BroadcastAndSubnetBroadcastAreAccepted()
        {
            NetFixture f = new NetFixture();
            RecordingTransport t = new RecordingTransport();
            f.Stack.RegisterTransport(253, t);
            uint[] destinations = new uint[] { 0xFFFFFFFF, NetFixture.SubnetBroadcast };
            for (int i = 0; i < destinations.Length; i++)
            {
                int n = Packets.Ipv4(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, destinations[i], 253, 0);
                f.Inject(f.Peer.Tx, n);
                Assert.AreEqual(i + 1, t.Received);
                Assert.IsTrue(t.LastBroadcast);
                Assert.AreEqual(destinations[i], t.LastDestination);
            }

            // A unicast datagram inside a link-layer broadcast is not for us (RFC 1122 §3.3.6).
            int m = Packets.Ipv4(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 253, 0);
            f.Inject(f.Peer.Tx, m);
            Assert.AreEqual(2, t.Received);
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.NotForUs);
        }

        [TestMethod]
        public void Ipv4OtherDestinationsAreNotForUs()
        {
            NetFixture f = new NetFixture();
            int n = EchoTo(f, NetFixture.Nobody);
            f.Inject(f.Peer.Tx, n);
            n = EchoTo(f, IPv4.FromBytes(10, 0, 0, 255)); // another subnet's broadcast
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(2L, f.Stack.Ipv4Counters.NotForUs);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.MessagesIn);
        }

        [TestMethod]
        public void Ipv4InvalidSourcesAreDropped()
        {
            NetFixture f = new NetFixture();
            uint[] sources = new uint[] { 0xFFFFFFFF, 0xE0000001, NetFixture.SubnetBroadcast, NetFixture.StackIp };
            for (int i = 0; i < sources.Length; i++)
            {
                int n = Packets.IcmpEcho(f.Peer.Tx, f.StackMac, f.Peer.Mac, sources[i], NetFixture.StackIp, 8, 1, 1, 0);
                f.Inject(f.Peer.Tx, n);
            }

            Assert.AreEqual(4L, f.Stack.Ipv4Counters.BadSource);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.MessagesIn);
        }

        [TestMethod]
        public void Ipv4OffSubnetGoesThroughTheGateway()
        {
            NetFixture f = new NetFixture();
            ScriptedPeer gateway = f.Net.AddPeer(1, NetFixture.GatewayIp);
            gateway.AnswerArp = true;
            uint remote = IPv4.FromBytes(8, 8, 8, 8);
            int h;
            f.Stack.Udp.Open(out h);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.SendTo(h, new byte[3], 0, 3, remote, 53, f.Now));
            f.Net.RunFor(10);
            Assert.AreEqual(1L, gateway.ArpAnswered);
            Assert.IsTrue(gateway.NextIpv4(17, f.Now));
            Assert.IsTrue(Packets.DestinationIs(gateway.Rx, gateway.Mac));
            Assert.AreEqual(remote, Packets.IpDestination(gateway.Rx));
            Assert.AreEqual(ArpStateOf(f, remote), NanoIP.Link.ArpEntryState.Free); // never resolved itself
        }

        private static NanoIP.Link.ArpEntryState ArpStateOf(NetFixture f, uint a)
        {
            return f.Stack.Arp.GetState(a);
        }

        [TestMethod]
        public void Ipv4NoRouteCases()
        {
            NetFixture f = new NetFixture();
            uint remote = IPv4.FromBytes(8, 8, 8, 8);
            Assert.AreEqual(SocketError.Success, f.Stack.Configure(NetFixture.StackIp, 24, 0));
            Assert.AreEqual(IpSendResult.NetworkUnreachable, f.Stack.Ip.Send(remote, 253, 0, f.Now));
            Assert.AreEqual(IpSendResult.NetworkUnreachable, f.Stack.Ip.RouteStatus(remote, f.Now));
            Assert.AreEqual(IpSendResult.NetworkUnreachable, f.Stack.Ip.Send(IPv4.FromBytes(127, 0, 0, 1), 253, 0, f.Now));
            Assert.AreEqual(IpSendResult.NetworkUnreachable, f.Stack.Ip.Send(0, 253, 0, f.Now));
            Assert.AreEqual(IpSendResult.NoBuffer, f.Stack.Ip.Send(NetFixture.PeerIp, 253, f.Stack.Ip.MaxTransportLength + 1, f.Now));
            f.Stack.Unconfigure();
            Assert.AreEqual(IpSendResult.NetworkUnreachable, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now));
            Assert.AreEqual(4L, f.Stack.Ipv4Counters.NoRoute);
            Assert.AreEqual(0, f.Capture.Count);

            // Unconfigured, limited broadcast still goes out, from 0.0.0.0 (what DHCP needs).
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(0xFFFFFFFF, 253, 0, f.Now));
            Assert.AreEqual(0u, Packets.IpSource(f.Capture.Frame(0)));
        }

        [TestMethod]
        public void Ipv4BroadcastIsSentWithoutArp()
        {
            NetFixture f = new NetFixture();
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(NetFixture.SubnetBroadcast, 253, 0, f.Now));
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(0xFFFFFFFF, 253, 0, f.Now));
            Assert.AreEqual(2, f.Capture.Count);
            Assert.AreEqual(0, f.Capture.CountEtherType(0x0806));
            Assert.IsTrue(Packets.DestinationIs(f.Capture.Frame(0), Packets.BroadcastMac));
            Assert.IsTrue(Packets.DestinationIs(f.Capture.Frame(1), Packets.BroadcastMac));
            Assert.AreEqual(NetFixture.SubnetBroadcast, Packets.IpDestination(f.Capture.Frame(0)));
        }

        [TestMethod]
        public void Ipv4MulticastIsSentToTheMappedGroupMac()
        {
            NetFixture f = new NetFixture();
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(IPv4.FromBytes(239, 129, 2, 3), 253, 0, f.Now));
            byte[] expected = new byte[] { 0x01, 0x00, 0x5e, 0x01, 0x02, 0x03 };
            Assert.IsTrue(Packets.DestinationIs(f.Capture.Frame(0), expected));
        }

        [TestMethod]
        public void Ipv4UnknownProtocolGetsProtocolUnreachable()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int n = Packets.Ipv4(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 99, 0);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.NoProtocol);
            Assert.IsTrue(f.Peer.NextIpv4(1, f.Now));
            Assert.AreEqual(3, Packets.IcmpType(f.Peer.Rx));
            Assert.AreEqual(2, Packets.IcmpCode(f.Peer.Rx));
        }

        [TestMethod]
        public void Ipv4RegisteredTransportGetsItsDatagrams()
        {
            NetFixture f = new NetFixture();
            RecordingTransport t = new RecordingTransport();
            f.Stack.RegisterTransport(253, t);
            for (int i = 0; i < 6; i++)
            {
                f.Peer.Tx[34 + i] = (byte)(i * 3);
            }

            int n = Packets.Ipv4(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 253, 6);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1, t.Received);
            Assert.AreEqual(NetFixture.PeerIp, t.LastSource);
            Assert.AreEqual(NetFixture.StackIp, t.LastDestination);
            Assert.IsFalse(t.LastBroadcast);
            Assert.AreEqual(6, t.LastLength);
            Assert.AreEqual((byte)15, t.LastData[5]);
            Assert.IsTrue(t.Polls > 0);
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => f.Stack.RegisterTransport(253, new RecordingTransport()));
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => f.Stack.RegisterTransport(1, new RecordingTransport()));
        }

        [TestMethod]
        public void Ipv4TransportDeadlineIsReturnedByPoll()
        {
            NetFixture f = new NetFixture();
            RecordingTransport t = new RecordingTransport();
            f.Stack.RegisterTransport(253, t);
            Assert.AreEqual(long.MaxValue, f.Poll());
            t.NextDeadline = f.Now + 1234;
            Assert.AreEqual(f.Now + 1234, f.Poll());
        }
    }
}
