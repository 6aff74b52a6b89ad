using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dhcp
{
    [TestClass]
    public class DhcpRobustnessTests
    {
        /// <summary>A client in SELECTING (server mute) and the xid of its DISCOVER.</summary>
        private static DhcpFixture Selecting(out uint xid)
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.AnswerDiscover = false;
            f.Dhcp.Start(f.Now);
            f.PollAll();
            xid = f.Server.Find(DhcpMessage.Discover, 0).Xid;
            return f;
        }

        private static void Deliver(DhcpFixture f, byte[] payload, int length)
        {
            f.Server.SendBroadcast(payload, length);
            f.PollAll();
        }

        [TestMethod]
        public void DhcpMalformedMessagesAreDroppedAndCounted()
        {
            uint xid;
            DhcpFixture f = Selecting(out xid);
            byte[] p = new byte[600];

            // Truncated: the fixed header without the cookie.
            int n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            Deliver(f, p, 239);
            Assert.AreEqual(1L, f.Dhcp.Counters.Truncated);

            // Bad magic cookie.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[239] ^= 1;
            Deliver(f, p, n);
            Assert.AreEqual(1L, f.Dhcp.Counters.BadCookie);

            // An option whose length runs past the end of the message.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[FindOption(p, n, 255)] = 0;
            p[n - 2] = 12;
            p[n - 1] = 40;
            Deliver(f, p, n);
            Assert.AreEqual(1L, f.Dhcp.Counters.BadOptions);

            // An option code as the last byte (no room for its length).
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[FindOption(p, n, 255)] = 0;
            p[n - 1] = 61;
            Deliver(f, p, n);
            Assert.AreEqual(2L, f.Dhcp.Counters.BadOptions);

            // A subnet mask of 3 bytes.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            int at = FindOption(p, n, 1);
            p[at + 1] = 3;
            Deliver(f, p, n);
            Assert.AreEqual(3L, f.Dhcp.Counters.BadOptions);

            // No message type: plain BOOTP.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[240] = 0;
            p[241] = 0;
            p[242] = 0;
            Deliver(f, p, n);
            Assert.AreEqual(4L, f.Dhcp.Counters.BadOptions);

            // BOOTREQUEST (op 1), or another hardware type.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[0] = 1;
            Deliver(f, p, n);
            p[0] = 2;
            p[1] = 6;
            Deliver(f, p, n);
            Assert.AreEqual(2L, f.Dhcp.Counters.BadHeader);

            // Another client's chaddr.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[33] ^= 0xFF;
            Deliver(f, p, n);
            Assert.AreEqual(1L, f.Dhcp.Counters.NotOurs);

            // An OFFER without server identifier, and one of a broadcast address.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            at = FindOption(p, n, 54);
            p[at] = 200;
            Deliver(f, p, n);
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, 0xFFFFFFFF, 0x8000);
            Deliver(f, p, n);
            Assert.AreEqual(2L, f.Dhcp.Counters.Rejected);

            // An ACK while selecting.
            n = f.Server.BuildReply(p, DhcpMessage.Ack, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            Deliver(f, p, n);
            Assert.AreEqual(1L, f.Dhcp.Counters.Unexpected);

            Assert.AreEqual(DhcpState.Selecting, f.Dhcp.State);
            Assert.AreEqual(0, f.Server.CountOf(DhcpMessage.Request));
            Assert.AreEqual(0L, f.Stack.EthernetCounters.ProcessingFaults);

            // After all that, a good OFFER still works.
            n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            Deliver(f, p, n);
            // OffersIn counts every well-formed OFFER of ours, the two rejected ones included.
            Assert.AreEqual(3L, f.Dhcp.Counters.OffersIn);
            Assert.AreEqual(1, f.Server.CountOf(DhcpMessage.Request));
            Assert.AreEqual(DhcpState.Checking, f.Dhcp.State);
        }

        [TestMethod]
        public void DhcpPollTakesABoundedBurstAndAsksToBeCalledAgain()
        {
            NetConfig c = new NetConfig();
            c.UdpReceiveBufferSize = 8192;
            DhcpFixture f = new DhcpFixture(c);
            f.Server.AnswerDiscover = false;
            f.Dhcp.Start(f.Now);
            f.PollAll();
            uint xid = f.Server.Find(DhcpMessage.Discover, 0).Xid;
            byte[] p = new byte[600];
            int n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            p[236] = 0;
            for (int i = 0; i < 12; i++)
            {
                f.Server.SendBroadcast(p, n);
            }

            f.Net.PollAll();
            f.Net.PollAll();
            Assert.AreEqual(f.Now, f.Dhcp.Poll(f.Now));
            Assert.AreEqual(8L, f.Dhcp.Counters.BadCookie);
            Assert.AreNotEqual(f.Now, f.Dhcp.Poll(f.Now));
            Assert.AreEqual(12L, f.Dhcp.Counters.BadCookie);
        }

        [TestMethod]
        public void DhcpOptionOverloadAndPaddingAreRead()
        {
            uint xid;
            DhcpFixture f = Selecting(out xid);
            byte[] p = new byte[600];
            int n = f.Server.BuildReply(p, DhcpMessage.Offer, xid, f.Mac, DhcpFixture.Offered, 0x8000);
            // Move the server id into the file field (option 52 = 1), pad the main area.
            int at = FindOption(p, n, 54);
            for (int i = 0; i < 6; i++)
            {
                p[108 + i] = p[at + i];
                p[at + i] = 0;
            }

            p[108 + 6] = 255;
            p[at] = 52;
            p[at + 1] = 1;
            p[at + 2] = 1;
            Deliver(f, p, n);
            Assert.AreEqual(1L, f.Dhcp.Counters.OffersIn);
            DhcpSeen r = f.Server.Find(DhcpMessage.Request, 0);
            Assert.IsNotNull(r);
            Assert.AreEqual(DhcpFixture.ServerIp, r.ServerId);
        }

        [TestMethod]
        public void DhcpUnusableAckIsRejected()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.SendLease = false;
            f.Dhcp.Start(f.Now);
            f.RunFor(3000);
            Assert.AreEqual(DhcpState.Requesting, f.Dhcp.State);
            Assert.AreEqual(1L, f.Dhcp.Counters.Rejected);

            // A mask with holes cannot be configured.
            DhcpFixture g = new DhcpFixture();
            g.Server.Mask = 0xFF00FF00;
            g.Dhcp.Start(g.Now);
            g.RunFor(3000);
            Assert.AreEqual(1L, g.Dhcp.Counters.Rejected);
            Assert.IsFalse(g.Stack.Configured);

            // No mask: the classful one (192.168.x.x → /24); an off-subnet router is not used.
            DhcpFixture h = new DhcpFixture();
            h.Server.SendMask = false;
            h.Server.Router = IPv4.FromBytes(10, 0, 0, 1);
            h.StartAndBind();
            Assert.AreEqual(24, h.Stack.PrefixLength);
            Assert.AreEqual(0u, h.Stack.Gateway);
        }

        [TestMethod]
        public void DhcpDeclinesAnAddressAnotherHostAnswersFor()
        {
            DhcpFixture f = new DhcpFixture();
            ScriptedPeer squatter = f.Net.AddPeer(66, DhcpFixture.Offered);
            squatter.AnswerArp = true;
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.Counters.Conflicts == 1; }, 30000));
            long conflictAt = f.Now;
            Assert.AreEqual(1L, squatter.ArpAnswered);
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(DhcpState.Init, f.Dhcp.State);
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Declined));
            Assert.AreEqual(0, f.CountEvents(DhcpEvent.Bound));
            byte[] mac = new byte[6];
            f.Stack.Arp.GetLastConflictMac(mac, 0);
            Assert.IsTrue(MacAddress.AreEqual(mac, 0, squatter.Mac, 0));

            f.PollAll();
            DhcpSeen dec = f.Server.Find(DhcpMessage.Decline, 0);
            Assert.IsNotNull(dec);
            Assert.AreEqual(DhcpFixture.Offered, dec.RequestedAddress);
            Assert.AreEqual(DhcpFixture.ServerIp, dec.ServerId);
            Assert.AreEqual(0u, dec.Ciaddr);
            Assert.AreEqual(0u, dec.IpSource);
            Assert.AreEqual(0xFFFFFFFFu, dec.IpDestination);
            Assert.AreEqual(1L, f.Dhcp.Counters.DeclinesOut);

            // RFC 2131 §3.1: at least 10 s before the next DISCOVER.
            squatter.AnswerArp = false;
            f.Server.OfferAddress = IPv4.FromBytes(192, 168, 7, 51);
            Assert.IsTrue(f.RunUntil(delegate { return f.Server.CountOf(DhcpMessage.Discover) == 2; }, 30000));
            Assert.AreEqual(conflictAt + 10000, f.Server.Find(DhcpMessage.Discover, 1).TimeMs);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 30000));
            Assert.AreEqual(IPv4.FromBytes(192, 168, 7, 51), f.Stack.Address);
        }

        [TestMethod]
        public void DhcpAnotherHostsProbeForTheAddressIsAConflictToo()
        {
            DhcpFixture f = new DhcpFixture();
            ScriptedPeer other = f.Net.AddPeer(67, 0);
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Checking; }, 10000));
            // RFC 5227 §2.1.1: a probe (sender 0.0.0.0) for the same address from another MAC.
            other.Send(Packets.Arp(other.Tx, Packets.BroadcastMac, other.Mac, 1, other.Mac, 0, Packets.ZeroMac, DhcpFixture.Offered));
            f.PollAll();
            Assert.AreEqual(1L, f.Dhcp.Counters.Conflicts);
            Assert.AreEqual(DhcpState.Init, f.Dhcp.State);
        }

        [TestMethod]
        public void DhcpNoProbesWhenConfiguredSo()
        {
            NetConfig c = new NetConfig();
            c.DhcpArpProbes = 0;
            DhcpFixture f = new DhcpFixture(c);
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 10000));
            Assert.AreEqual(f.Server.Find(DhcpMessage.Request, 0).TimeMs, f.Now);
        }

        [TestMethod]
        public void DhcpGetsALeaseOverALossyWire()
        {
            for (int seed = 1; seed <= 3; seed++)
            {
                DhcpFixture f = new DhcpFixture(null, 1);
                FaultInjector faults = new FaultInjector(seed);
                faults.LossRate = 0.3;
                faults.DuplicateRate = 0.1;
                faults.ReorderRate = 0.1;
                faults.CorruptRate = 0.05;
                f.Net.Wire.Faults = faults;
                f.Dhcp.Start(f.Now);
                Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 600000), "seed " + seed.ToString());
                Assert.AreEqual(DhcpFixture.Offered, f.Stack.Address);
                Assert.IsTrue(faults.Lost + faults.Duplicated + faults.Corrupted + faults.Reordered > 0);
                // And keeps it through renewals on the same wire.
                Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.Counters.Renewals >= 2; }, 10000000), "renew, seed " + seed.ToString());
                Assert.IsTrue(f.Stack.Configured);
            }
        }

        [TestMethod]
        public void DhcpReplyParserKeepsFirstInstanceAndTwoDnsServers()
        {
            DhcpReply r = new DhcpReply();
            byte[] b = new byte[400];
            b[0] = 2;
            b[1] = 1;
            b[2] = 6;
            NetOrder.WriteUInt32(b, 236, DhcpMessage.MagicCookie);
            int o = 240;
            o = DhcpMessage.WriteByteOption(b, o, 53, 5);
            o = DhcpMessage.WriteByteOption(b, o, 53, 6);
            b[o++] = 6;
            b[o++] = 16;
            NetOrder.WriteUInt32(b, o, 0);
            NetOrder.WriteUInt32(b, o + 4, 0x01020304);
            NetOrder.WriteUInt32(b, o + 8, 0x05060708);
            NetOrder.WriteUInt32(b, o + 12, 0x090A0B0C);
            o += 16;
            o = DhcpMessage.WriteAddressOption(b, o, 51, 77);
            b[o++] = 255;
            Assert.AreEqual(DhcpReply.Ok, r.Parse(b, o));
            Assert.AreEqual(5, r.MessageType);
            Assert.AreEqual(2, r.DnsCount);
            Assert.AreEqual(0x01020304u, r.Dns1);
            Assert.AreEqual(0x05060708u, r.Dns2);
            Assert.AreEqual(77u, r.LeaseSeconds);
            // Any prefix of the message parses or is refused, never throws.
            for (int len = 0; len <= o; len++)
            {
                r.Parse(b, len);
            }

            Assert.AreEqual(DhcpReply.Truncated, r.Parse(b, 100));
        }

        [TestMethod]
        public void DhcpFuzzedRepliesNeverThrow()
        {
            uint xid;
            DhcpFixture f = Selecting(out xid);
            System.Random rnd = new System.Random(2131);
            byte[] p = new byte[600];
            for (int i = 0; i < 1500; i++)
            {
                int type = i % 3 == 0 ? DhcpMessage.Ack : (i % 3 == 1 ? DhcpMessage.Offer : DhcpMessage.Nak);
                int n = f.Server.BuildReply(p, type, xid, f.Mac, DhcpFixture.Offered, 0x8000);
                int flips = 1 + rnd.Next(6);
                for (int k = 0; k < flips; k++)
                {
                    // Mostly in the options, where the parser works hardest.
                    int at = rnd.Next(4) == 0 ? rnd.Next(n) : 236 + rnd.Next(n - 236);
                    p[at] = (byte)rnd.Next(256);
                }

                if (rnd.Next(5) == 0)
                {
                    n = 200 + rnd.Next(n - 200);
                }

                f.Server.SendBroadcast(p, n);
                f.PollAll();
                if (f.Dhcp.State != DhcpState.Selecting)
                {
                    f.Dhcp.Stop();
                    f.Dhcp.Start(f.Now);
                    f.PollAll();
                    xid = f.Server.Last.Xid;
                }
            }

            Assert.AreEqual(0L, f.Stack.EthernetCounters.ProcessingFaults);
            DhcpCounters c = f.Dhcp.Counters;
            long dropped = c.Truncated + c.BadCookie + c.BadOptions + c.BadHeader + c.NotOurs + c.Rejected + c.Unexpected;
            OutputHelper.WriteLine("fuzz: offers " + c.OffersIn.ToString() + ", acks " + c.AcksIn.ToString() + ", naks " + c.NaksIn.ToString()
                + ", truncated " + c.Truncated.ToString() + ", bad cookie " + c.BadCookie.ToString() + ", bad options " + c.BadOptions.ToString()
                + ", bad header " + c.BadHeader.ToString() + ", not ours " + c.NotOurs.ToString() + ", rejected " + c.Rejected.ToString()
                + ", unexpected " + c.Unexpected.ToString());
            Assert.IsTrue(dropped > 100);
            Assert.IsTrue(c.OffersIn + c.AcksIn + c.NaksIn > 100);
        }

        /// <summary>Offset of the first option code in p (255: the End option), -1 when absent.</summary>
        private static int FindOption(byte[] p, int n, int code)
        {
            int i = 240;
            while (i < n)
            {
                if (p[i] == code)
                {
                    return i;
                }

                if (p[i] == 255)
                {
                    return -1;
                }

                if (p[i] == 0)
                {
                    i++;
                    continue;
                }

                i += 2 + p[i + 1];
            }

            return -1;
        }
    }
}
