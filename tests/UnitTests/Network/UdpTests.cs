using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class UdpTests
    {
        [TestMethod]
        public void UdpEphemeralPortsAreInRangeAndDistinct()
        {
            NetConfig c = new NetConfig();
            c.EphemeralPortFirst = 50000;
            c.EphemeralPortLast = 50002;
            c.UdpSockets = 4;
            NetFixture f = new NetFixture(c);
            int[] ports = new int[3];
            for (int i = 0; i < 3; i++)
            {
                int h;
                Assert.AreEqual(SocketError.Success, f.Stack.Udp.Open(out h));
                Assert.AreEqual(SocketError.Success, f.Stack.Udp.Bind(h, 0, 0));
                uint a;
                f.Stack.Udp.GetLocalEndpoint(h, out a, out ports[i]);
                Assert.IsTrue(ports[i] >= 50000 && ports[i] <= 50002);
                for (int j = 0; j < i; j++)
                {
                    Assert.AreNotEqual(ports[j], ports[i]);
                }
            }

            int last;
            f.Stack.Udp.Open(out last);
            Assert.AreEqual(SocketError.AddressNotAvailable, f.Stack.Udp.Bind(last, 0, 0));
            f.Stack.Udp.Close(0);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Bind(last, 0, 0));
        }

        [TestMethod]
        public void UdpBindRules()
        {
            NetFixture f = new NetFixture();
            int a, b;
            f.Stack.Udp.Open(out a);
            f.Stack.Udp.Open(out b);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Bind(a, 0, 7));
            Assert.AreEqual(SocketError.AddressAlreadyInUse, f.Stack.Udp.Bind(b, 0, 7));
            Assert.AreEqual(SocketError.AddressAlreadyInUse, f.Stack.Udp.Bind(b, NetFixture.StackIp, 7));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Udp.Bind(a, 0, 8)); // already bound
            Assert.AreEqual(SocketError.AddressNotAvailable, f.Stack.Udp.Bind(b, NetFixture.PeerIp, 8));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Udp.Bind(b, 0, 65536));
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Close(a));
            Assert.AreEqual(SocketError.NotSocket, f.Stack.Udp.Close(a));
            Assert.AreEqual(SocketError.NotSocket, f.Stack.Udp.Bind(a, 0, 7));
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Bind(b, NetFixture.StackIp, 7));
            Assert.AreEqual(SocketError.NotSocket, f.Stack.Udp.Bind(99, 0, 1));
        }

        [TestMethod]
        public void UdpTableFullIsTooManyOpenSockets()
        {
            NetFixture f = new NetFixture();
            int h = -1;
            for (int i = 0; i < f.Config.UdpSockets; i++)
            {
                Assert.AreEqual(SocketError.Success, f.Stack.Udp.Open(out h));
            }

            Assert.AreEqual(SocketError.TooManyOpenSockets, f.Stack.Udp.Open(out h));
            Assert.AreEqual(-1, h);
        }

        [TestMethod]
        public void UdpSentDatagramIsExact()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 1234);
            byte[] data = new byte[] { 0x10, 0x20, 0x30, 0x40, 0x50 };
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.SendTo(h, data, 1, 3, NetFixture.PeerIp, 9999, f.Now));
            Assert.IsTrue(f.Peer.NextIpv4(17, f.Now));
            byte[] r = f.Peer.Rx;
            Assert.AreEqual(1234, Packets.UdpSourcePort(r));
            Assert.AreEqual(9999, Packets.UdpDestinationPort(r));
            Assert.AreEqual(11, Packets.UdpLength(r));
            Assert.AreNotEqual(0, Packets.UdpChecksumField(r));
            Assert.IsTrue(Packets.UdpChecksumOk(r));
            Assert.AreEqual(31, Packets.IpTotalLength(r));
            int t = Packets.TransportOffset(r);
            Assert.AreEqual((byte)0x20, r[t + 8]);
            Assert.AreEqual((byte)0x40, r[t + 10]);
            Assert.AreEqual(1L, f.Stack.UdpCounters.DatagramsOut);
        }

        [TestMethod]
        public void UdpReceiveFromReportsTheSender()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            Assert.AreEqual(-1, f.Stack.Udp.NextDatagramLength(h));
            byte[] p = new byte[] { 1, 2, 3, 4, 5, 6 };
            Assert.IsTrue(f.Peer.SendUdp(f.StackMac, NetFixture.StackIp, 4000, 7, p, 0, 6));
            f.Poll();
            Assert.AreEqual(6, f.Stack.Udp.NextDatagramLength(h));
            byte[] got = new byte[10];
            int len, port;
            uint from;
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.ReceiveFrom(h, got, 2, 8, out len, out from, out port));
            Assert.AreEqual(6, len);
            Assert.AreEqual(NetFixture.PeerIp, from);
            Assert.AreEqual(4000, port);
            Assert.AreEqual((byte)1, got[2]);
            Assert.AreEqual((byte)6, got[7]);
            Assert.AreEqual(SocketError.WouldBlock, f.Stack.Udp.ReceiveFrom(h, got, 0, 8, out len, out from, out port));
            Assert.AreEqual(1L, f.Stack.UdpCounters.DatagramsIn);
        }

        [TestMethod]
        public void UdpEchoBetweenTwoStacks()
        {
            VirtualNetwork net = new VirtualNetwork(1);
            uint a = IPv4.FromBytes(10, 1, 0, 1);
            uint b = IPv4.FromBytes(10, 1, 0, 2);
            NetStack sa = net.AddStack(new NetConfig(), 1, a, 16);
            NetStack sb = net.AddStack(new NetConfig(), 2, b, 16);
            int ha, hb;
            sa.Udp.Open(out ha);
            sb.Udp.Open(out hb);
            sb.Udp.Bind(hb, 0, 7);
            byte[] buf = new byte[1500];
            byte[] back = new byte[1500];
            for (int round = 0; round < 20; round++)
            {
                int size = round * 73;
                for (int i = 0; i < size; i++)
                {
                    buf[i] = (byte)(i + round);
                }

                Assert.AreEqual(SocketError.Success, sa.Udp.SendTo(ha, buf, 0, size, b, 7, net.Now));
                Assert.IsTrue(net.RunUntil(delegate { return sb.Udp.QueuedDatagrams(hb) > 0; }, 5000));
                int len, port;
                uint from;
                Assert.AreEqual(SocketError.Success, sb.Udp.ReceiveFrom(hb, back, 0, back.Length, out len, out from, out port));
                Assert.AreEqual(size, len);
                Assert.AreEqual(a, from);
                Assert.AreEqual(SocketError.Success, sb.Udp.SendTo(hb, back, 0, len, from, port, net.Now));
                Assert.IsTrue(net.RunUntil(delegate { return sa.Udp.QueuedDatagrams(ha) > 0; }, 5000));
                Assert.AreEqual(SocketError.Success, sa.Udp.ReceiveFrom(ha, back, 0, back.Length, out len, out from, out port));
                Assert.AreEqual(size, len);
                Assert.AreEqual(b, from);
                Assert.AreEqual(7, port);
                for (int i = 0; i < size; i++)
                {
                    if (back[i] != buf[i])
                    {
                        Assert.AreEqual((int)buf[i], (int)back[i]);
                    }
                }
            }
        }

        [TestMethod]
        public void UdpChecksumZeroMeansNoneAndBadChecksumIsDropped()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            byte[] p = new byte[] { 1, 2, 3 };
            int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 5, 7, p, 0, 3, false);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1, f.Stack.Udp.QueuedDatagrams(h));
            n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 5, 7, p, 0, 3, true);
            f.Peer.Tx[n - 1] ^= 0xFF; // payload damaged in flight
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1, f.Stack.Udp.QueuedDatagrams(h));
            Assert.AreEqual(1L, f.Stack.UdpCounters.BadChecksum);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.UnreachableOut);
        }

        [TestMethod]
        public void UdpComputedZeroChecksumIsSentAsAllOnes()
        {
            // Find a 2-byte payload whose checksum computes to zero, send it, and look at the wire.
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 1000);
            byte[] p = new byte[2];
            byte[] probe = new byte[64];
            bool found = false;
            for (int v = 0; v < 65536 && !found; v++)
            {
                NetOrder.WriteUInt16(p, 0, v);
                Packets.Udp(probe, f.Peer.Mac, f.StackMac, NetFixture.StackIp, NetFixture.PeerIp, 1000, 2000, p, 0, 2, false);
                uint sum = InternetChecksum.AddPseudoHeader(0, NetFixture.StackIp, NetFixture.PeerIp, 17, 10);
                found = InternetChecksum.Finish(InternetChecksum.Add(sum, probe, 34, 10)) == 0;
            }

            Assert.IsTrue(found);
            f.Stack.Udp.SendTo(h, p, 0, 2, NetFixture.PeerIp, 2000, f.Now);
            Assert.IsTrue(f.Peer.NextIpv4(17, f.Now));
            Assert.AreEqual(0xFFFF, Packets.UdpChecksumField(f.Peer.Rx));
            Assert.IsTrue(Packets.UdpChecksumOk(f.Peer.Rx));
        }

        [TestMethod]
        public void UdpBroadcastNeedsTheFlag()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            byte[] p = new byte[4];
            Assert.AreEqual(SocketError.AccessDenied, f.Stack.Udp.SendTo(h, p, 0, 4, 0xFFFFFFFF, 67, f.Now));
            Assert.AreEqual(SocketError.AccessDenied, f.Stack.Udp.SendTo(h, p, 0, 4, NetFixture.SubnetBroadcast, 67, f.Now));
            Assert.AreEqual(0, f.Capture.Count);
            f.Stack.Udp.SetBroadcast(h, true);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.SendTo(h, p, 0, 4, 0xFFFFFFFF, 67, f.Now));
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.SendTo(h, p, 0, 4, NetFixture.SubnetBroadcast, 67, f.Now));
            Assert.AreEqual(2, f.Capture.Count);
            Assert.IsTrue(Packets.DestinationIs(f.Capture.Frame(0), Packets.BroadcastMac));
            Assert.AreEqual(0xFFFFFFFFu, Packets.IpDestination(f.Capture.Frame(0)));
            Assert.IsTrue(Packets.UdpChecksumOk(f.Capture.Frame(0)));
            Assert.IsTrue(Packets.DestinationIs(f.Capture.Frame(1), Packets.BroadcastMac));
            Assert.AreEqual(NetFixture.SubnetBroadcast, Packets.IpDestination(f.Capture.Frame(1)));
        }

        [TestMethod]
        public void UdpBroadcastIsReceivedByAnyAddressBindingOnly()
        {
            NetFixture f = new NetFixture();
            int any, specific;
            f.Stack.Udp.Open(out any);
            f.Stack.Udp.Bind(any, 0, 5000);
            f.Stack.Udp.Open(out specific);
            f.Stack.Udp.Bind(specific, NetFixture.StackIp, 5001);
            byte[] p = new byte[4];
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.SubnetBroadcast, 9, 5000, p, 0, 4));
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.SubnetBroadcast, 9, 5001, p, 0, 4));
            Assert.AreEqual(1, f.Stack.Udp.QueuedDatagrams(any));
            Assert.AreEqual(0, f.Stack.Udp.QueuedDatagrams(specific));
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 5001, p, 0, 4));
            Assert.AreEqual(1, f.Stack.Udp.QueuedDatagrams(specific));
        }

        [TestMethod]
        public void UdpFullQueueDropsAndCounts()
        {
            NetConfig c = new NetConfig();
            c.UdpReceiveBufferSize = 100;
            NetFixture f = new NetFixture(c);
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            byte[] p = new byte[30];
            // Each datagram takes 30 + 8 bytes of ring: two fit in 100, the third does not.
            for (int i = 0; i < 4; i++)
            {
                p[0] = (byte)i;
                f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 30));
            }

            Assert.AreEqual(2, f.Stack.Udp.QueuedDatagrams(h));
            Assert.AreEqual(2L, f.Stack.UdpCounters.QueueFull);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.UnreachableOut);
            byte[] got = new byte[64];
            int len, port;
            uint from;
            f.Stack.Udp.ReceiveFrom(h, got, 0, 64, out len, out from, out port);
            Assert.AreEqual((byte)0, got[0]);
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 30));
            f.Stack.Udp.ReceiveFrom(h, got, 0, 64, out len, out from, out port);
            Assert.AreEqual((byte)1, got[0]);
            f.Stack.Udp.ReceiveFrom(h, got, 0, 64, out len, out from, out port);
            Assert.AreEqual((byte)3, got[0]);
        }

        [TestMethod]
        public void UdpRingWrapsWithoutCorruption()
        {
            NetConfig c = new NetConfig();
            c.UdpReceiveBufferSize = 257;
            NetFixture f = new NetFixture(c);
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            System.Random rnd = new System.Random(7);
            byte[] p = new byte[200];
            byte[] got = new byte[200];
            int expectSeq = 0, sendSeq = 0;
            for (int step = 0; step < 400; step++)
            {
                if (rnd.Next(3) != 0)
                {
                    int size = 1 + rnd.Next(80);
                    for (int i = 0; i < size; i++)
                    {
                        p[i] = (byte)(sendSeq * 31 + i);
                    }

                    p[0] = (byte)sendSeq;
                    long full = f.Stack.UdpCounters.QueueFull;
                    f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, size, 7, p, 0, size));
                    if (f.Stack.UdpCounters.QueueFull == full)
                    {
                        sendSeq++;
                    }
                }
                else if (f.Stack.Udp.QueuedDatagrams(h) > 0)
                {
                    int len, port;
                    uint from;
                    Assert.AreEqual(SocketError.Success, f.Stack.Udp.ReceiveFrom(h, got, 0, got.Length, out len, out from, out port));
                    Assert.AreEqual(len, port); // the source port carried the size
                    Assert.AreEqual((byte)expectSeq, got[0]);
                    for (int i = 1; i < len; i++)
                    {
                        if (got[i] != (byte)(expectSeq * 31 + i))
                        {
                            Assert.AreEqual((int)(byte)(expectSeq * 31 + i), (int)got[i]);
                        }
                    }

                    expectSeq++;
                }
            }

            Assert.IsTrue(expectSeq > 100);
        }

        [TestMethod]
        public void UdpTruncatedReceiveIsMessageSizeAndConsumesTheDatagram()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            byte[] p = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 8));
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 2));
            byte[] got = new byte[3];
            int len, port;
            uint from;
            Assert.AreEqual(SocketError.MessageSize, f.Stack.Udp.ReceiveFrom(h, got, 0, 3, out len, out from, out port));
            Assert.AreEqual(3, len);
            Assert.AreEqual((byte)3, got[2]);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.ReceiveFrom(h, got, 0, 3, out len, out from, out port));
            Assert.AreEqual(2, len);
        }

        [TestMethod]
        public void UdpSendSizeLimit()
        {
            NetFixture f = new NetFixture();
            f.Peer.AnswerArp = true;
            int h;
            f.Stack.Udp.Open(out h);
            byte[] big = new byte[1500];
            Assert.AreEqual(1472, f.Stack.Udp.MaxDatagramSize);
            Assert.AreEqual(SocketError.MessageSize, f.Stack.Udp.SendTo(h, big, 0, 1473, NetFixture.PeerIp, 7, f.Now));
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.SendTo(h, big, 0, 1472, NetFixture.PeerIp, 7, f.Now));
            f.Net.RunFor(10);
            Assert.IsTrue(f.Peer.NextIpv4(17, f.Now));
            Assert.AreEqual(1514, f.Peer.RxLength);
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Udp.SendTo(h, big, 1000, 600, NetFixture.PeerIp, 7, f.Now));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Udp.SendTo(h, big, 0, 1, NetFixture.PeerIp, 0, f.Now));
        }

        [TestMethod]
        public void UdpConnectedEndpointFiltersAndSends()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int h;
            f.Stack.Udp.Open(out h);
            Assert.AreEqual(SocketError.DestinationAddressRequired, f.Stack.Udp.Send(h, new byte[1], 0, 1, f.Now));
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Connect(h, NetFixture.PeerIp, 53));
            uint la, ra;
            int lp, rp;
            f.Stack.Udp.GetLocalEndpoint(h, out la, out lp);
            Assert.IsTrue(lp >= f.Config.EphemeralPortFirst);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.GetRemoteEndpoint(h, out ra, out rp));
            Assert.AreEqual(53, rp);
            byte[] p = new byte[2];
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 54, lp, p, 0, 2));
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.Nobody, NetFixture.StackIp, 53, lp, p, 0, 2));
            Assert.AreEqual(0, f.Stack.Udp.QueuedDatagrams(h));
            Assert.AreEqual(2L, f.Stack.UdpCounters.NoPort);
            f.Inject(f.Peer.Tx, Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 53, lp, p, 0, 2));
            Assert.AreEqual(1, f.Stack.Udp.QueuedDatagrams(h));
            f.Peer.Drain(f.Now);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Send(h, p, 0, 2, f.Now));
            Assert.IsTrue(f.Peer.NextIpv4(17, f.Now));
            Assert.AreEqual(53, Packets.UdpDestinationPort(f.Peer.Rx));
            Assert.AreEqual(lp, Packets.UdpSourcePort(f.Peer.Rx));
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Connect(h, 0, 0));
            Assert.AreEqual(SocketError.NotConnected, f.Stack.Udp.GetRemoteEndpoint(h, out ra, out rp));
        }

        [TestMethod]
        public void UdpMalformedDatagramsAreCounted()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 7);
            byte[] p = new byte[4];
            int n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 4, false);
            NetOrder.WriteUInt16(f.Peer.Tx, 34 + 4, 13); // longer than the IP payload
            f.Inject(f.Peer.Tx, n);
            n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 4, false);
            NetOrder.WriteUInt16(f.Peer.Tx, 34 + 4, 7); // shorter than a header
            f.Inject(f.Peer.Tx, n);
            n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 0, p, 0, 4, false);
            f.Inject(f.Peer.Tx, n); // port 0
            n = Packets.Ipv4(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 17, 5);
            f.Inject(f.Peer.Tx, n); // 5 bytes of UDP
            Assert.AreEqual(4L, f.Stack.UdpCounters.Malformed);
            // A UDP length shorter than the IP payload is fine: the extra bytes are ignored.
            n = Packets.Udp(f.Peer.Tx, f.StackMac, f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 9, 7, p, 0, 4, false);
            NetOrder.WriteUInt16(f.Peer.Tx, 34 + 4, 10);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(2, f.Stack.Udp.NextDatagramLength(h));
        }

        [TestMethod]
        public void UdpSendOutcomesMapToSocketErrors()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Configure(NetFixture.StackIp, 24, 0);
            Assert.AreEqual(SocketError.NetworkUnreachable, f.Stack.Udp.SendTo(h, new byte[1], 0, 1, IPv4.FromBytes(1, 2, 3, 4), 7, f.Now));
            f.Peer.AnswerArp = true;
            f.Stack.Udp.SendTo(h, new byte[1], 0, 1, NetFixture.PeerIp, 7, f.Now);
            f.Net.RunFor(5);
            f.Link.LinkUp = false;
            Assert.AreEqual(SocketError.NetworkDown, f.Stack.Udp.SendTo(h, new byte[1], 0, 1, NetFixture.PeerIp, 7, f.Now));
            Assert.AreEqual(2L, f.Stack.UdpCounters.SendFailed);
        }
    }
}
