using nanoFramework.TestFramework;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class EthernetTests
    {
        [TestMethod]
        public void EthernetFrameShorterThanHeaderIsCountedTooShort()
        {
            NetFixture f = new NetFixture();
            byte[] b = new byte[13];
            f.Inject(b, 13);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.FramesIn);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.TooShort);
            Assert.AreEqual(0L, f.Stack.Ipv4Counters.PacketsIn);
        }

        [TestMethod]
        public void EthernetFrameForAnotherMacIsCountedNotForUs()
        {
            NetFixture f = new NetFixture();
            byte[] b = f.Peer.Tx;
            int n = Packets.IcmpEcho(b, VirtualNetwork.MakeMac(77), f.Peer.Mac, NetFixture.PeerIp, NetFixture.StackIp, 8, 1, 1, 8);
            f.Inject(b, n);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.NotForUs);
            Assert.AreEqual(0L, f.Stack.Ipv4Counters.PacketsIn);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.EchoRequestsIn);
        }

        [TestMethod]
        public void EthernetUnknownEthertypesAreCounted()
        {
            NetFixture f = new NetFixture();
            byte[] b = new byte[60];
            Packets.Ethernet(b, f.StackMac, f.Peer.Mac, 0x86DD); // IPv6
            f.Inject(b, 60);
            Packets.Ethernet(b, f.StackMac, f.Peer.Mac, 0x0040); // an 802.3 length field
            f.Inject(b, 60);
            Packets.Ethernet(b, f.StackMac, f.Peer.Mac, 0x8100); // a VLAN tag
            f.Inject(b, 60);
            Assert.AreEqual(3L, f.Stack.EthernetCounters.UnknownEthertype);
            Assert.AreEqual(3L, f.Stack.EthernetCounters.FramesIn);
        }

        [TestMethod]
        public void EthernetBroadcastOtherThanArpOnlyWhenEnabled()
        {
            NetFixture f = new NetFixture();
            int h;
            f.Stack.Udp.Open(out h);
            f.Stack.Udp.Bind(h, 0, 67);
            f.Stack.ReceiveBroadcast = false;
            byte[] payload = new byte[] { 1, 2, 3 };
            int n = Packets.Udp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, 0xFFFFFFFF, 68, 67, payload, 0, 3);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.NotForUs);
            Assert.AreEqual(0, f.Stack.Udp.QueuedDatagrams(h));

            // ARP broadcasts pass regardless: the stack must stay resolvable.
            n = Packets.Arp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, 1, f.Peer.Mac, NetFixture.PeerIp, Packets.ZeroMac, NetFixture.StackIp);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1L, f.Stack.ArpCounters.RepliesOut);

            f.Stack.ReceiveBroadcast = true;
            n = Packets.Udp(f.Peer.Tx, Packets.BroadcastMac, f.Peer.Mac, NetFixture.PeerIp, 0xFFFFFFFF, 68, 67, payload, 0, 3);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1, f.Stack.Udp.QueuedDatagrams(h));
        }

        [TestMethod]
        public void EthernetMulticastOnlyWhenEnabled()
        {
            NetFixture f = new NetFixture();
            byte[] group = new byte[] { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
            int n = Packets.IcmpEcho(f.Peer.Tx, group, f.Peer.Mac, NetFixture.PeerIp, 0xE0000001, 8, 1, 1, 0);
            f.Stack.ReceiveMulticast = false;
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.NotForUs);
            Assert.AreEqual(0L, f.Stack.Ipv4Counters.PacketsIn);

            f.Stack.ReceiveMulticast = true;
            f.Inject(f.Peer.Tx, n);
            // Passed up; IPv4 then drops it (no group membership) and says why.
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.PacketsIn);
            Assert.AreEqual(1L, f.Stack.Ipv4Counters.NotForUs);
        }

        [TestMethod]
        public void EthernetGroupSourceMacIsDropped()
        {
            NetFixture f = new NetFixture();
            int n = Packets.IcmpEcho(f.Peer.Tx, f.StackMac, Packets.BroadcastMac, NetFixture.PeerIp, NetFixture.StackIp, 8, 1, 1, 0);
            f.Inject(f.Peer.Tx, n);
            Assert.AreEqual(1L, f.Stack.EthernetCounters.BadSource);
            Assert.AreEqual(0L, f.Stack.Ipv4Counters.PacketsIn);
        }

        [TestMethod]
        public void EthernetTransmitRefusalIsCounted()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            f.Link.RefuseTransmit = true;
            f.Peer.SendEchoRequest(f.StackMac, NetFixture.StackIp, 5, 1, 16);
            f.Poll();
            Assert.AreEqual(1L, f.Stack.EthernetCounters.TransmitFailed);
            Assert.AreEqual(1L, f.Stack.IcmpCounters.ReplyFailed);
            Assert.AreEqual(0L, f.Stack.IcmpCounters.EchoRepliesOut);
        }

        [TestMethod]
        public void EthernetHeaderOfSentFramesIsExact()
        {
            NetFixture f = new NetFixture();
            f.LearnPeer();
            long before = f.Stack.EthernetCounters.FramesOut;
            f.Peer.SendEchoRequest(f.StackMac, NetFixture.StackIp, 5, 1, 0);
            f.Poll();
            Assert.AreEqual(before + 1, f.Stack.EthernetCounters.FramesOut);
            Assert.IsTrue(f.Peer.NextIpv4(1, f.Now));
            Assert.IsTrue(Packets.DestinationIs(f.Peer.Rx, f.Peer.Mac));
            Assert.IsTrue(Packets.SourceIs(f.Peer.Rx, f.StackMac));
            Assert.AreEqual(0x0800, Packets.EtherType(f.Peer.Rx));
        }
    }
}
