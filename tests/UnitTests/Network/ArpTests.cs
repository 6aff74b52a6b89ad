using nanoFramework.TestFramework;
using NanoIP.Link;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class ArpTests
    {
        [TestMethod]
        public void ArpRequestForUsGetsExactReplyAndTeachesUsTheSender()
        {
            NetFixture f = new NetFixture();
            f.Peer.SendArpRequest(NetFixture.StackIp);
            f.Poll();
            Assert.IsTrue(f.Peer.NextArp(2, f.Now));
            byte[] r = f.Peer.Rx;
            Assert.IsTrue(Packets.DestinationIs(r, f.Peer.Mac));
            Assert.IsTrue(Packets.SourceIs(r, f.StackMac));
            Assert.AreEqual(1, (int)NetOrder.ReadUInt16(r, 14));
            Assert.AreEqual(0x0800, (int)NetOrder.ReadUInt16(r, 16));
            Assert.AreEqual((byte)6, r[18]);
            Assert.AreEqual((byte)4, r[19]);
            Assert.IsTrue(Packets.MacAt(r, 22, f.StackMac));
            Assert.AreEqual(NetFixture.StackIp, Packets.ArpSenderIp(r));
            Assert.IsTrue(Packets.MacAt(r, 32, f.Peer.Mac));
            Assert.AreEqual(NetFixture.PeerIp, Packets.ArpTargetIp(r));
            Assert.AreEqual(60, f.Peer.RxLength); // 42 bytes padded by the device

            Assert.AreEqual(ArpEntryState.Reachable, f.Stack.Arp.GetState(NetFixture.PeerIp));
            byte[] mac = new byte[6];
            Assert.IsTrue(f.Stack.Arp.TryGetMac(NetFixture.PeerIp, mac, 0));
            Assert.IsTrue(MacAddress.AreEqual(mac, 0, f.Peer.Mac, 0));
            Assert.AreEqual(1L, f.Stack.ArpCounters.RequestsIn);
            Assert.AreEqual(1L, f.Stack.ArpCounters.RepliesOut);
        }

        [TestMethod]
        public void ArpRequestForAnotherHostIsIgnoredAndNotLearned()
        {
            NetFixture f = new NetFixture();
            f.Peer.SendArpRequest(NetFixture.Nobody);
            f.Poll();
            Assert.IsFalse(f.Peer.NextArp(2, f.Now));
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.PeerIp));
            Assert.AreEqual(1L, f.Stack.ArpCounters.Ignored);
            Assert.AreEqual(0L, f.Stack.ArpCounters.RepliesOut);
        }

        [TestMethod]
        public void ArpKnownSenderIsRefreshedByAnyArp()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            // The peer moves to a new MAC and asks for someone else: RFC 826 merge updates the entry.
            byte[] newMac = VirtualNetwork.MakeMac(21);
            int n = Packets.Arp(f.Peer.Tx, Packets.BroadcastMac, newMac, 1, newMac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.Nobody);
            f.PeerSends(n);
            byte[] mac = new byte[6];
            Assert.IsTrue(f.Stack.Arp.TryGetMac(NetFixture.PeerIp, mac, 0));
            Assert.IsTrue(MacAddress.AreEqual(mac, 0, newMac, 0));
        }

        [TestMethod]
        public void ArpUnresolvedSendIsParkedAndLeavesOnReply()
        {
            NetFixture f = new NetFixture();
            int free = f.Stack.Frames.Free;
            int h;
            f.Stack.Udp.Open(out h);
            byte[] data = new byte[] { 9, 8, 7, 6 };
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.SendTo(h, data, 0, 4, NetFixture.PeerIp, 5000, f.Now));
            Assert.AreEqual(free - 1, f.Stack.Frames.Free);
            Assert.AreEqual(IpSendResult.Pending, f.Stack.Ip.RouteStatus(NetFixture.PeerIp, f.Now));

            Assert.IsTrue(f.Peer.Next(f.Now));
            Assert.IsTrue(Packets.IsArp(f.Peer.Rx, 1));
            Assert.IsTrue(Packets.DestinationIs(f.Peer.Rx, Packets.BroadcastMac));
            Assert.AreEqual(NetFixture.PeerIp, Packets.ArpTargetIp(f.Peer.Rx));
            Assert.AreEqual(NetFixture.StackIp, Packets.ArpSenderIp(f.Peer.Rx));
            Assert.IsFalse(f.Peer.Next(f.Now)); // the datagram waits

            f.Peer.SendArpReply(f.StackMac, NetFixture.StackIp);
            f.Poll();
            Assert.IsTrue(f.Peer.NextIpv4(17, f.Now));
            Assert.AreEqual(5000, Packets.UdpDestinationPort(f.Peer.Rx));
            Assert.AreEqual((byte)7, f.Peer.Rx[Packets.TransportOffset(f.Peer.Rx) + 8 + 2]);
            Assert.AreEqual(free, f.Stack.Frames.Free);
            Assert.AreEqual(1L, f.Stack.ArpCounters.ParkedSent);
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.RouteStatus(NetFixture.PeerIp, f.Now));
        }

        [TestMethod]
        public void ArpSecondPacketToUnresolvedHopIsRefused()
        {
            NetFixture f = new NetFixture();
            IIpSenderHelper.WriteBytes(f.Stack.Ip, 10);
            Assert.AreEqual(IpSendResult.Pending, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 10, f.Now));
            IIpSenderHelper.WriteBytes(f.Stack.Ip, 10);
            Assert.AreEqual(IpSendResult.NoBuffer, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 10, f.Now));
            Assert.AreEqual(1L, f.Stack.ArpCounters.PendingRefused);
            Assert.AreEqual(1L, f.Stack.ArpCounters.RequestsOut);
        }

        [TestMethod]
        public void ArpParkingStopsWhenThePoolIsEmpty()
        {
            NetConfig c = new NetConfig();
            c.FrameBuffers = 3; // receive, transmit, one to park
            NetFixture f = new NetFixture(c);
            Assert.AreEqual(IpSendResult.Pending, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now));
            Assert.AreEqual(IpSendResult.NoBuffer, f.Stack.Ip.Send(NetFixture.Nobody, 253, 0, f.Now));
            Assert.AreEqual(0, f.Stack.Frames.Free);
            // The second hop is still being resolved, so a retry succeeds once it answers.
            Assert.AreEqual(ArpEntryState.Incomplete, f.Stack.Arp.GetState(NetFixture.Nobody));
        }

        [TestMethod]
        public void ArpRetriesThenHostUnreachableReachesTheSender()
        {
            NetFixture f = new NetFixture();
            RecordingTransport t = new RecordingTransport();
            f.Stack.RegisterTransport(253, t);
            int free = f.Stack.Frames.Free;
            IIpSenderHelper.WriteBytes(f.Stack.Ip, 12);
            long start = f.Now;
            Assert.AreEqual(IpSendResult.Pending, f.Stack.Ip.Send(NetFixture.Nobody, 253, 12, f.Now));

            long failedAt = -1;
            for (int i = 0; i < 100 && failedAt < 0; i++)
            {
                f.Advance(100);
                if (t.Errors > 0)
                {
                    failedAt = f.Now;
                }
            }

            int requests = f.Capture.CountEtherType(0x0806, 1);
            Assert.AreEqual(f.Config.ArpRequestRetries, requests);
            Assert.AreEqual(start + (long)f.Config.ArpRequestRetries * f.Config.ArpRequestIntervalMs, failedAt);
            Assert.AreEqual(3, t.ErrorType);
            Assert.AreEqual(1, t.ErrorCode);
            Assert.AreEqual(NetFixture.Nobody, t.ErrorQuotedDestination);
            Assert.AreEqual(12, t.ErrorAvailable);
            Assert.AreEqual(1L, f.Stack.ArpCounters.ResolveFailures);
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.HostUnreachable);
            Assert.AreEqual(free, f.Stack.Frames.Free);

            Assert.AreEqual(IpSendResult.HostUnreachable, f.Stack.Ip.RouteStatus(NetFixture.Nobody, f.Now));
            Assert.AreEqual(IpSendResult.HostUnreachable, f.Stack.Ip.Send(NetFixture.Nobody, 253, 0, f.Now));
            f.Advance(f.Config.ArpFailedHoldMs);
            // The hold is over: the next attempt resolves afresh.
            Assert.AreEqual(IpSendResult.Pending, f.Stack.Ip.RouteStatus(NetFixture.Nobody, f.Now));
        }

        [TestMethod]
        public void ArpUnreachableHopReportsToTheUdpEndpoint()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Connect(h, NetFixture.Nobody, 7);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Send(h, new byte[4], 0, 4, f.Now));
            f.Net.RunFor(5000);
            int got, port;
            uint from;
            Assert.AreEqual(SocketError.HostUnreachable, f.Stack.Udp.ReceiveFrom(h, new byte[4], 0, 4, out got, out from, out port));
            Assert.AreEqual(SocketError.WouldBlock, f.Stack.Udp.ReceiveFrom(h, new byte[4], 0, 4, out got, out from, out port));
        }

        [TestMethod]
        public void ArpUnusedEntryAgesOut()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            f.Advance(f.Config.ArpEntryLifetimeMs - 1);
            Assert.AreEqual(ArpEntryState.Reachable, f.Stack.Arp.GetState(NetFixture.PeerIp));
            f.Advance(1);
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.PeerIp));
            Assert.AreEqual(1L, f.Stack.ArpCounters.Expired);
            Assert.AreEqual(0, f.Capture.CountEtherType(0x0806));
        }

        [TestMethod]
        public void ArpUsedEntryIsReprobedByUnicastAndKept()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            f.Advance(10);
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now));
            f.Peer.Drain(f.Now);
            f.Advance(f.Config.ArpEntryLifetimeMs);
            Assert.AreEqual(ArpEntryState.Probe, f.Stack.Arp.GetState(NetFixture.PeerIp));
            Assert.IsTrue(f.Peer.NextArp(1, f.Now));
            Assert.IsTrue(Packets.DestinationIs(f.Peer.Rx, f.Peer.Mac)); // unicast, RFC 1122 §2.3.2.1
            // Still usable while probing.
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now));
            f.Peer.SendArpReply(f.StackMac, NetFixture.StackIp);
            f.Poll();
            Assert.AreEqual(ArpEntryState.Reachable, f.Stack.Arp.GetState(NetFixture.PeerIp));
        }

        [TestMethod]
        public void ArpProbeWithoutAnswerFreesTheEntry()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            f.Advance(10);
            f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now);
            f.Advance(f.Config.ArpEntryLifetimeMs);
            for (int i = 0; i < f.Config.ArpRequestRetries; i++)
            {
                f.Advance(f.Config.ArpRequestIntervalMs);
            }

            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.PeerIp));
            Assert.AreEqual(f.Config.ArpRequestRetries, f.Capture.CountEtherType(0x0806, 1));
        }

        [TestMethod]
        public void ArpGratuitousAnnouncementsOnConfigureAndAddressChange()
        {
            NetFixture f = new NetFixture(null, false);
            Assert.AreEqual(0, f.Capture.CountEtherType(0x0806));
            f.Stack.Configure(NetFixture.StackIp, 24, NetFixture.GatewayIp);
            f.Net.RunFor(10000);
            Assert.AreEqual(f.Config.GratuitousArpCount, f.Capture.CountEtherType(0x0806, 1));
            byte[] a = f.Capture.Frame(0);
            Assert.IsTrue(Packets.DestinationIs(a, Packets.BroadcastMac));
            Assert.AreEqual(NetFixture.StackIp, Packets.ArpSenderIp(a));
            Assert.AreEqual(NetFixture.StackIp, Packets.ArpTargetIp(a));
            Assert.IsTrue(Packets.MacAt(a, 32, Packets.ZeroMac));
            Assert.AreEqual((long)f.Config.ArpRequestIntervalMs, f.Capture.Time(1) - f.Capture.Time(0));

            // Same address again (a DHCP renew): nothing to announce.
            f.Capture.Clear();
            f.Stack.Configure(NetFixture.StackIp, 24, NetFixture.GatewayIp);
            f.Net.RunFor(10000);
            Assert.AreEqual(0, f.Capture.CountEtherType(0x0806));

            uint other = IPv4.FromBytes(192, 168, 1, 11);
            f.Stack.Configure(other, 24, NetFixture.GatewayIp);
            f.Net.RunFor(10000);
            Assert.AreEqual(f.Config.GratuitousArpCount, f.Capture.CountEtherType(0x0806, 1));
            Assert.AreEqual(other, Packets.ArpSenderIp(f.Capture.Frame(0)));
        }

        [TestMethod]
        public void ArpAnnouncesAgainWhenTheLinkComesBack()
        {
            NetFixture f = new NetFixture();
            f.Link.LinkUp = false;
            f.Net.RunFor(100);
            f.Link.LinkUp = true;
            f.Net.RunFor(5000);
            Assert.AreEqual(f.Config.GratuitousArpCount, f.Capture.CountEtherType(0x0806, 1));
        }

        [TestMethod]
        public void ArpAddressConflictIsCountedExposedAndDefendedOnce()
        {
            NetFixture f = new NetFixture();
            // Another host claims our address (a gratuitous reply from its MAC).
            int n = Packets.Arp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, 2, f.Peer.Mac, NetFixture.StackIp, Packets.BroadcastMac, NetFixture.StackIp);
            f.PeerSends(n);
            Assert.AreEqual(1L, f.Stack.ArpCounters.Conflicts);
            Assert.AreEqual(NetFixture.StackIp, f.Stack.Arp.LastConflictAddress);
            Assert.AreEqual(f.Now, f.Stack.Arp.LastConflictMs);
            byte[] mac = new byte[6];
            f.Stack.Arp.GetLastConflictMac(mac, 0);
            Assert.IsTrue(MacAddress.AreEqual(mac, 0, f.Peer.Mac, 0));
            Assert.AreEqual(1L, f.Stack.ArpCounters.Defends);
            Assert.IsTrue(f.Peer.NextArp(1, f.Now));
            Assert.AreEqual(NetFixture.StackIp, Packets.ArpSenderIp(f.Peer.Rx));
            Assert.IsTrue(Packets.SourceIs(f.Peer.Rx, f.StackMac));
            // Not learned as a neighbour.
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.StackIp));

            f.Advance(1000);
            f.PeerSends(n);
            Assert.AreEqual(2L, f.Stack.ArpCounters.Conflicts);
            Assert.AreEqual(1L, f.Stack.ArpCounters.Defends); // RFC 5227 DEFEND_INTERVAL
            f.Advance(f.Config.ArpDefendIntervalMs);
            f.PeerSends(n);
            Assert.AreEqual(2L, f.Stack.ArpCounters.Defends);
        }

        [TestMethod]
        public void ArpStaticEntryIsUsedWithoutRequestsAndNeverOverwritten()
        {
            NetFixture f = new NetFixture();
            byte[] mac = VirtualNetwork.MakeMac(20);
            Assert.AreEqual(SocketError.Success, f.Stack.Arp.AddStatic(NetFixture.PeerIp, mac, 0, f.Now));
            Assert.AreEqual(IpSendResult.Sent, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now));
            Assert.AreEqual(0, f.Capture.CountEtherType(0x0806));
            Assert.IsTrue(f.Peer.NextIpv4(253, f.Now));

            byte[] other = VirtualNetwork.MakeMac(66);
            int n = Packets.Arp(f.Peer.Tx, f.StackMac, other, 2, other, NetFixture.PeerIp, f.StackMac, NetFixture.StackIp);
            f.PeerSends(n);
            f.Stack.Arp.Flush();
            f.Advance(f.Config.ArpEntryLifetimeMs * 2L);
            byte[] now = new byte[6];
            Assert.IsTrue(f.Stack.Arp.TryGetMac(NetFixture.PeerIp, now, 0));
            Assert.IsTrue(MacAddress.AreEqual(now, 0, mac, 0));
            Assert.AreEqual(ArpEntryState.Static, f.Stack.Arp.GetState(NetFixture.PeerIp));

            Assert.IsTrue(f.Stack.Arp.Remove(NetFixture.PeerIp));
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.PeerIp));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Arp.AddStatic(0xFFFFFFFF, mac, 0, f.Now));
            Assert.AreEqual(SocketError.InvalidArgument, f.Stack.Arp.AddStatic(NetFixture.PeerIp, Packets.BroadcastMac, 0, f.Now));
        }

        [TestMethod]
        public void ArpStaticEntryReleasesAParkedPacket()
        {
            NetFixture f = new NetFixture();
            Assert.AreEqual(IpSendResult.Pending, f.Stack.Ip.Send(NetFixture.PeerIp, 253, 0, f.Now));
            f.Peer.Drain(f.Now);
            f.Stack.Arp.AddStatic(NetFixture.PeerIp, f.Peer.Mac, 0, f.Now);
            Assert.IsTrue(f.Peer.NextIpv4(253, f.Now));
        }

        [TestMethod]
        public void ArpFlushDropsDynamicEntriesAndParkedPackets()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            int free = f.Stack.Frames.Free;
            f.Stack.Ip.Send(NetFixture.Nobody, 253, 0, f.Now);
            Assert.AreEqual(free - 1, f.Stack.Frames.Free);
            f.Stack.Arp.Flush();
            Assert.AreEqual(free, f.Stack.Frames.Free);
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.PeerIp));
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(NetFixture.Nobody));
            Assert.AreEqual(1L, f.Stack.ArpCounters.ParkedDropped);
        }

        [TestMethod]
        public void ArpMalformedPacketsAreCounted()
        {
            NetFixture f = new NetFixture();
            byte[] b = f.Peer.Tx;
            int n = Packets.Arp(b, Packets.BroadcastMac, f.Peer.Mac, 1, f.Peer.Mac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.StackIp);
            b[15] = 6; // hardware type 6 (IEEE 802)
            f.Inject(b, n);
            n = Packets.Arp(b, Packets.BroadcastMac, f.Peer.Mac, 3, f.Peer.Mac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.StackIp);
            f.Inject(b, n); // RARP opcode
            n = Packets.Arp(b, Packets.BroadcastMac, f.Peer.Mac, 1, Packets.BroadcastMac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.StackIp);
            f.Inject(b, n); // broadcast sender MAC
            n = Packets.Arp(b, Packets.BroadcastMac, f.Peer.Mac, 1, f.Peer.Mac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.StackIp);
            f.Inject(b, 14 + 27); // one byte short
            Assert.AreEqual(4L, f.Stack.ArpCounters.Malformed);
            Assert.AreEqual(0L, f.Stack.ArpCounters.RepliesOut);
        }

        [TestMethod]
        public void ArpFullCacheReplacesTheLeastRecentlyUsedEntry()
        {
            NetConfig c = new NetConfig();
            c.ArpEntries = 2;
            NetFixture f = new NetFixture(c);
            for (int i = 0; i < 3; i++)
            {
                byte[] mac = VirtualNetwork.MakeMac(30 + i);
                int n = Packets.Arp(f.Peer.Tx, Packets.BroadcastMac, mac, 1, mac, IPv4.FromBytes(192, 168, 1, 30 + i), Packets.ZeroMac, NetFixture.StackIp);
                f.PeerSends(n);
                f.Advance(10);
                if (i == 1)
                {
                    // Use the first entry so the second is the oldest in use.
                    f.Stack.Ip.Send(IPv4.FromBytes(192, 168, 1, 30), 253, 0, f.Now);
                    f.Advance(10);
                }
            }

            Assert.AreEqual(ArpEntryState.Reachable, f.Stack.Arp.GetState(IPv4.FromBytes(192, 168, 1, 30)));
            Assert.AreEqual(ArpEntryState.Free, f.Stack.Arp.GetState(IPv4.FromBytes(192, 168, 1, 31)));
            Assert.AreEqual(ArpEntryState.Reachable, f.Stack.Arp.GetState(IPv4.FromBytes(192, 168, 1, 32)));
        }

        [TestMethod]
        public void ArpTableCanBeListed()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            f.Stack.Arp.AddStatic(NetFixture.GatewayIp, VirtualNetwork.MakeMac(1), 0, f.Now);
            int reachable = 0, stat = 0;
            byte[] mac = new byte[6];
            for (int i = 0; i < f.Stack.Arp.Capacity; i++)
            {
                uint a;
                ArpEntryState s = f.Stack.Arp.GetEntry(i, out a, mac, 0);
                if (s == ArpEntryState.Reachable && a == NetFixture.PeerIp && MacAddress.AreEqual(mac, 0, f.Peer.Mac, 0))
                {
                    reachable++;
                }
                else if (s == ArpEntryState.Static && a == NetFixture.GatewayIp)
                {
                    stat++;
                }
            }

            Assert.AreEqual(1, reachable);
            Assert.AreEqual(1, stat);
        }
    }

    /// <summary>Fills the transport area of an IIpSender's buffer with a byte pattern.</summary>
    internal static class IIpSenderHelper
    {
        public static void WriteBytes(IIpSender ip, int length)
        {
            for (int i = 0; i < length; i++)
            {
                ip.TxBuffer[ip.TransportOffset + i] = (byte)(0xA0 + i);
            }
        }
    }
}
