using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.UnitTests.Harness;
using NanoIP.UnitTests.Network;

namespace NanoIP.UnitTests.Dhcp
{
    /// <summary>The RFC 5227 probe hook DHCP uses in ArpLayer (Probe, ProbeClaimed, StopProbe).</summary>
    [TestClass]
    public class DhcpArpProbeTests
    {
        private static readonly uint Candidate = IPv4.FromBytes(192, 168, 1, 77);

        [TestMethod]
        public void DhcpArpProbeIsARequestFromZero()
        {
            NetFixture f = new NetFixture(null, false);
            Assert.IsTrue(f.Stack.Arp.Probe(Candidate));
            Assert.IsTrue(f.Peer.NextArp(1, f.Now));
            byte[] r = f.Peer.Rx;
            Assert.IsTrue(Packets.DestinationIs(r, Packets.BroadcastMac));
            Assert.IsTrue(Packets.MacAt(r, 22, f.StackMac));
            Assert.AreEqual(0u, Packets.ArpSenderIp(r));
            Assert.IsTrue(Packets.MacAt(r, 32, Packets.ZeroMac));
            Assert.AreEqual(Candidate, Packets.ArpTargetIp(r));
            Assert.IsFalse(f.Stack.Arp.ProbeClaimed);
        }

        [TestMethod]
        public void DhcpArpProbeSeesRepliesAndRequestsFromTheAddressOnlyWhileWatching()
        {
            NetFixture f = new NetFixture(null, false);
            f.Peer.Address = Candidate;
            // Before probing: nothing is watched.
            f.Peer.SendArpRequest(IPv4.FromBytes(192, 168, 1, 1));
            f.Poll();
            Assert.IsFalse(f.Stack.Arp.ProbeClaimed);

            f.Stack.Arp.Probe(Candidate);
            f.Peer.SendArpReply(f.StackMac, 0);
            f.Poll();
            Assert.IsTrue(f.Stack.Arp.ProbeClaimed);
            Assert.AreEqual(Candidate, f.Stack.Arp.LastConflictAddress);

            // A second probe of the same address keeps the verdict; a new address clears it.
            f.Stack.Arp.Probe(Candidate);
            Assert.IsTrue(f.Stack.Arp.ProbeClaimed);
            f.Stack.Arp.Probe(IPv4.FromBytes(192, 168, 1, 78));
            Assert.IsFalse(f.Stack.Arp.ProbeClaimed);
            f.Stack.Arp.StopProbe();
            f.Peer.SendArpRequest(IPv4.FromBytes(192, 168, 1, 1));
            f.Poll();
            Assert.IsFalse(f.Stack.Arp.ProbeClaimed);

            // Another host's gratuitous request for it counts too.
            f.Stack.Arp.Probe(Candidate);
            f.Peer.SendArpRequest(Candidate);
            f.Poll();
            Assert.IsTrue(f.Stack.Arp.ProbeClaimed);
        }

        [TestMethod]
        public void DhcpArpProbeIgnoresOtherAddressesAndItsOwnEcho()
        {
            NetFixture f = new NetFixture(null, false);
            f.Stack.Arp.Probe(Candidate);
            // Our own probe reflected back (same sender MAC) is not a conflict.
            byte[] echo = new byte[60];
            int n = Packets.Arp(echo, Packets.BroadcastMac, f.StackMac, 1, f.StackMac, 0, Packets.ZeroMac, Candidate);
            f.Inject(echo, n);
            Assert.IsFalse(f.Stack.Arp.ProbeClaimed);
            // Traffic about other addresses is not either.
            f.Peer.SendArpRequest(IPv4.FromBytes(192, 168, 1, 79));
            f.Poll();
            Assert.IsFalse(f.Stack.Arp.ProbeClaimed);
        }
    }
}
