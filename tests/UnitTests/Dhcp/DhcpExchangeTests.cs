using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dhcp
{
    [TestClass]
    public class DhcpExchangeTests
    {
        [TestMethod]
        public void DhcpFullDoraHasExactFields()
        {
            NetConfig c = new NetConfig();
            c.DhcpHostName = "nanoip-board";
            DhcpFixture f = new DhcpFixture(c);
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(SocketError.Success, f.Dhcp.Start(f.Now));
            Assert.AreEqual(DhcpState.Selecting, f.Dhcp.State);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 30000));

            DhcpSeen d = f.Server.Find(DhcpMessage.Discover, 0);
            Assert.IsNotNull(d);
            Assert.AreEqual(1, d.Op);
            Assert.AreEqual(1, d.HType);
            Assert.AreEqual(6, d.HLen);
            Assert.AreEqual(0x8000, d.Flags);
            Assert.IsTrue(d.CookieOk);
            Assert.IsTrue(d.ChaddrIsClient);
            Assert.IsTrue(d.HasClientIdMac);
            Assert.IsTrue(d.HasParameterList);
            Assert.AreEqual(576, d.MaxMessageSize);
            Assert.AreEqual("nanoip-board", d.HostName);
            Assert.AreEqual(0u, d.Ciaddr);
            Assert.AreEqual(0u, d.RequestedAddress);
            Assert.AreEqual(0u, d.ServerId);
            Assert.AreEqual(0, d.Secs);
            Assert.IsTrue(d.Length >= 300);
            // RFC 2131 §4.1: from 0.0.0.0:68 to 255.255.255.255:67, link broadcast.
            Assert.AreEqual(0u, d.IpSource);
            Assert.AreEqual(0xFFFFFFFFu, d.IpDestination);
            Assert.IsTrue(d.EthernetBroadcast);
            Assert.AreEqual(68, d.SourcePort);
            Assert.AreEqual(67, d.DestinationPort);

            DhcpSeen r = f.Server.Find(DhcpMessage.Request, 0);
            Assert.IsNotNull(r);
            Assert.AreEqual(d.Xid, r.Xid);
            Assert.AreEqual(0x8000, r.Flags);
            Assert.AreEqual(0u, r.Ciaddr);
            Assert.AreEqual(DhcpFixture.Offered, r.RequestedAddress);
            Assert.AreEqual(DhcpFixture.ServerIp, r.ServerId);
            Assert.IsTrue(r.HasClientIdMac);
            Assert.AreEqual("nanoip-board", r.HostName);
            Assert.AreEqual(0u, r.IpSource);
            Assert.AreEqual(0xFFFFFFFFu, r.IpDestination);
            Assert.AreEqual(1, f.Server.CountOf(DhcpMessage.Discover));
            Assert.AreEqual(1, f.Server.CountOf(DhcpMessage.Request));

            // Bound: the interface carries the lease.
            Assert.IsTrue(f.Stack.Configured);
            Assert.AreEqual(DhcpFixture.Offered, f.Stack.Address);
            Assert.AreEqual(24, f.Stack.PrefixLength);
            Assert.AreEqual(DhcpFixture.Router, f.Stack.Gateway);
            Assert.AreEqual(DhcpFixture.Dns1, f.Stack.DnsServer);
            Assert.AreEqual(DhcpFixture.Offered, f.Dhcp.Address);
            Assert.AreEqual(0xFFFFFF00u, f.Dhcp.SubnetMask);
            Assert.AreEqual(DhcpFixture.Router, f.Dhcp.Gateway);
            Assert.AreEqual(DhcpFixture.ServerIp, f.Dhcp.ServerAddress);
            Assert.AreEqual(2, f.Dhcp.DnsServerCount);
            Assert.AreEqual(DhcpFixture.Dns1, f.Dhcp.GetDnsServer(0));
            Assert.AreEqual(DhcpFixture.Dns2, f.Dhcp.GetDnsServer(1));
            Assert.AreEqual(3600u, f.Dhcp.LeaseSeconds);
            // RFC 2131 §4.4.1: the lease runs from when the REQUEST was sent; T1 = 0.5, T2 = 0.875.
            Assert.AreEqual(r.TimeMs, f.Dhcp.LeaseObtainedMs);
            Assert.AreEqual(r.TimeMs + 1800000, f.Dhcp.RenewAtMs);
            Assert.AreEqual(r.TimeMs + 3150000, f.Dhcp.RebindAtMs);
            Assert.AreEqual(r.TimeMs + 3600000, f.Dhcp.LeaseExpiresMs);
            Assert.AreEqual(1800u, f.Dhcp.RenewalSeconds);
            Assert.AreEqual(3150u, f.Dhcp.RebindingSeconds);
            Assert.AreEqual(3600000L - (f.Now - r.TimeMs), f.Dhcp.RemainingMs(f.Now));
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Bound));
            Assert.AreEqual(1L, f.Dhcp.Counters.LeasesObtained);
            Assert.AreEqual(1L, f.Dhcp.Counters.OffersIn);
            Assert.AreEqual(1L, f.Dhcp.Counters.AcksIn);
            Assert.AreEqual("bound", DhcpClient.StateName(f.Dhcp.State));
        }

        [TestMethod]
        public void DhcpProbesTheAddressBeforeUsingIt()
        {
            DhcpFixture f = new DhcpFixture();
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Checking; }, 10000));
            long ackAt = f.Now;
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(DhcpFixture.Offered, f.Dhcp.OfferedAddress);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 10000));
            // NetConfig defaults: 2 probes, 1 s apart, then 1 s more: bound 2 s after the ACK.
            Assert.AreEqual(ackAt + 2000, f.Now);
            int probes = 0;
            long first = -1;
            long second = -1;
            for (int i = 0; i < f.Capture.Count; i++)
            {
                byte[] fr = f.Capture.Frame(i);
                if (Packets.IsArp(fr, 1) && Packets.ArpSenderIp(fr) == 0 && Packets.ArpTargetIp(fr) == DhcpFixture.Offered)
                {
                    Assert.IsTrue(Packets.DestinationIs(fr, Packets.BroadcastMac));
                    Assert.IsTrue(Packets.MacAt(fr, 22, f.Mac));
                    if (probes == 0)
                    {
                        first = f.Capture.Time(i);
                    }
                    else
                    {
                        second = f.Capture.Time(i);
                    }

                    probes++;
                }
            }

            Assert.AreEqual(2, probes);
            Assert.AreEqual(ackAt, first);
            Assert.AreEqual(ackAt + 1000, second);
        }

        [TestMethod]
        public void DhcpOfferWithWrongXidIsIgnored()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.WrongXidOffers = 1;
            f.Dhcp.Start(f.Now);
            long start = f.Now;
            f.RunFor(2000);
            Assert.AreEqual(DhcpState.Selecting, f.Dhcp.State);
            Assert.AreEqual(1L, f.Dhcp.Counters.NotOurs);
            Assert.AreEqual(0L, f.Dhcp.Counters.OffersIn);
            Assert.AreEqual(0, f.Server.CountOf(DhcpMessage.Request));
            // The retransmitted DISCOVER (same xid) gets a proper OFFER.
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 30000));
            DhcpSeen d0 = f.Server.Find(DhcpMessage.Discover, 0);
            DhcpSeen d1 = f.Server.Find(DhcpMessage.Discover, 1);
            Assert.AreEqual(d0.Xid, d1.Xid);
            Assert.IsTrue(d1.TimeMs - start >= 3000 && d1.TimeMs - start <= 5000);
            Assert.AreEqual(DhcpFixture.Offered, f.Stack.Address);
        }

        [TestMethod]
        public void DhcpNakRestartsWithANewDiscover()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.NaksToSend = 1;
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.Counters.NaksIn == 1; }, 10000));
            long nakAt = f.Now;
            Assert.AreEqual(2, f.Server.CountOf(DhcpMessage.Discover));
            DhcpSeen d0 = f.Server.Find(DhcpMessage.Discover, 0);
            DhcpSeen d1 = f.Server.Find(DhcpMessage.Discover, 1);
            Assert.AreNotEqual(d0.Xid, d1.Xid);
            Assert.AreEqual(nakAt, d1.TimeMs);
            Assert.AreEqual(0, d1.Secs);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 30000));
            Assert.AreEqual(0, f.CountEvents(DhcpEvent.Lost));
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Bound));
        }

        [TestMethod]
        public void DhcpUnansweredRequestStartsOver()
        {
            NetConfig c = new NetConfig();
            c.DhcpRequestRetries = 2;
            DhcpFixture f = new DhcpFixture(c);
            f.Server.AnswerRequest = false;
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Server.CountOf(DhcpMessage.Discover) == 2; }, 120000));
            // 1 + 2 retransmissions of the REQUEST, 4 ± 1 and 8 ± 1 s apart, then give up after 16 ± 1 s;
            // the new DISCOVER is offered at once and its REQUEST is the fourth, with a new xid.
            Assert.AreEqual(4, f.Server.CountOf(DhcpMessage.Request));
            DhcpSeen r0 = f.Server.Find(DhcpMessage.Request, 0);
            DhcpSeen r1 = f.Server.Find(DhcpMessage.Request, 1);
            DhcpSeen r2 = f.Server.Find(DhcpMessage.Request, 2);
            DhcpSeen r3 = f.Server.Find(DhcpMessage.Request, 3);
            Assert.AreEqual(r0.Xid, r2.Xid);
            Assert.AreNotEqual(r0.Xid, r3.Xid);
            Within(r1.TimeMs - r0.TimeMs, 4000);
            Within(r2.TimeMs - r1.TimeMs, 8000);
            DhcpSeen d1 = f.Server.Find(DhcpMessage.Discover, 1);
            Within(d1.TimeMs - r2.TimeMs, 16000);
            Assert.AreEqual(d1.TimeMs, r3.TimeMs);
            Assert.AreEqual(d1.Xid, r3.Xid);
            Assert.AreEqual(DhcpState.Requesting, f.Dhcp.State);
        }

        [TestMethod]
        public void DhcpReleaseIsUnicastThenUnconfigures()
        {
            DhcpFixture f = new DhcpFixture();
            f.StartAndBind();
            Assert.IsTrue(f.Dhcp.Release(f.Now));
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(DhcpState.Stopped, f.Dhcp.State);
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Released));
            f.RunFor(3000);
            DhcpSeen rel = f.Server.Find(DhcpMessage.Release, 0);
            Assert.IsNotNull(rel);
            Assert.AreEqual(DhcpFixture.Offered, rel.Ciaddr);
            Assert.AreEqual(DhcpFixture.ServerIp, rel.ServerId);
            Assert.AreEqual(DhcpFixture.Offered, rel.IpSource);
            Assert.AreEqual(DhcpFixture.ServerIp, rel.IpDestination);
            Assert.IsFalse(rel.EthernetBroadcast);
            Assert.AreEqual(0, rel.Flags);
            Assert.IsTrue(rel.HasClientIdMac);
            Assert.AreEqual(1L, f.Dhcp.Counters.ReleasesOut);
            // Stopped: nothing more goes out, port 68 is free again.
            Assert.AreEqual(long.MaxValue, f.Dhcp.Poll(f.Now));
            int h;
            f.Stack.Udp.Open(out h);
            Assert.AreEqual(SocketError.Success, f.Stack.Udp.Bind(h, 0, 68));
            Assert.IsFalse(f.Dhcp.Release(f.Now));
        }

        [TestMethod]
        public void DhcpStopHandsTheInterfaceBack()
        {
            DhcpFixture f = new DhcpFixture();
            f.Link.ReceiveBroadcast = false;
            f.StartAndBind();
            f.Dhcp.Stop();
            Assert.AreEqual(DhcpState.Stopped, f.Dhcp.State);
            Assert.IsFalse(f.Stack.Configured);
            Assert.AreEqual(0u, f.Stack.DnsServer);
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Lost));
            Assert.IsFalse(f.Link.ReceiveBroadcast);
            // Static configuration now stays untouched, whatever time passes.
            Assert.AreEqual(SocketError.Success, f.Stack.Configure(IPv4.FromBytes(10, 0, 0, 5), 8, 0));
            f.RunFor(7200000);
            Assert.AreEqual(IPv4.FromBytes(10, 0, 0, 5), f.Stack.Address);
            Assert.AreEqual(1, f.Server.CountOf(DhcpMessage.Request));
        }

        [TestMethod]
        public void DhcpStartRemovesAStaticAddressAndRenewRestarts()
        {
            DhcpFixture f = new DhcpFixture();
            f.Stack.Configure(IPv4.FromBytes(10, 0, 0, 5), 8, 0);
            f.Server.AnswerDiscover = false;
            f.Dhcp.Start(f.Now);
            Assert.IsFalse(f.Stack.Configured);
            f.RunFor(1000);
            Assert.AreEqual(0u, f.Server.Find(DhcpMessage.Discover, 0).IpSource);
            // "dhcp renew" without a lease starts over at once.
            f.Dhcp.Renew(f.Now);
            f.PollAll();
            Assert.AreEqual(2, f.Server.CountOf(DhcpMessage.Discover));
            Assert.AreNotEqual(f.Server.Find(DhcpMessage.Discover, 0).Xid, f.Server.Find(DhcpMessage.Discover, 1).Xid);
            Assert.AreEqual(SocketError.Success, f.Dhcp.Start(f.Now));
        }

        [TestMethod]
        public void DhcpInitRebootKeepsAKnownAddress()
        {
            DhcpFixture f = new DhcpFixture();
            f.Dhcp.Start(f.Now, DhcpFixture.Offered);
            Assert.AreEqual(DhcpState.Rebooting, f.Dhcp.State);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 30000));
            Assert.AreEqual(0, f.Server.CountOf(DhcpMessage.Discover));
            DhcpSeen r = f.Server.Find(DhcpMessage.Request, 0);
            // RFC 2131 table 5, INIT-REBOOT: requested address, no server id, ciaddr 0, broadcast.
            Assert.AreEqual(DhcpFixture.Offered, r.RequestedAddress);
            Assert.AreEqual(0u, r.ServerId);
            Assert.AreEqual(0u, r.Ciaddr);
            Assert.AreEqual(0xFFFFFFFFu, r.IpDestination);
            Assert.AreEqual(0x8000, r.Flags);
            Assert.AreEqual(DhcpFixture.Offered, f.Stack.Address);
        }

        [TestMethod]
        public void DhcpInitRebootRefusedFallsBackToDiscover()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.NaksToSend = 1;
            f.Dhcp.Start(f.Now, IPv4.FromBytes(192, 168, 99, 9));
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 30000));
            Assert.AreEqual(1, f.Server.Naks);
            Assert.AreEqual(1, f.Server.CountOf(DhcpMessage.Discover));
            Assert.AreEqual(DhcpFixture.Offered, f.Stack.Address);
        }

        [TestMethod]
        public void DhcpLinkFlapConfirmsTheLeaseWithInitReboot()
        {
            DhcpFixture f = new DhcpFixture();
            f.StartAndBind();
            int requests = f.Server.CountOf(DhcpMessage.Request);
            f.Link.LinkUp = false;
            f.RunFor(5000);
            f.Link.LinkUp = true;
            f.PollAll();
            Assert.AreEqual(requests + 1, f.Server.CountOf(DhcpMessage.Request));
            DhcpSeen r = f.Server.Last;
            Assert.AreEqual(DhcpMessage.Request, r.Type);
            Assert.AreEqual(DhcpFixture.Offered, r.RequestedAddress);
            Assert.AreEqual(0u, r.Ciaddr);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 10000));
            // Same address: no new probe, the lease is renewed.
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Renewed));
            Assert.AreEqual(r.TimeMs + 1800000, f.Dhcp.RenewAtMs);
            Assert.IsTrue(f.Stack.Configured);
        }

        [TestMethod]
        public void DhcpLinkFlapWithoutAServerKeepsTheLease()
        {
            DhcpFixture f = new DhcpFixture();
            f.StartAndBind();
            long expires = f.Dhcp.LeaseExpiresMs;
            f.Server.AnswerRequest = false;
            f.Link.LinkUp = false;
            f.RunFor(1000);
            f.Link.LinkUp = true;
            f.PollAll();
            Assert.AreEqual(DhcpState.Rebooting, f.Dhcp.State);
            // "dhcp renew" while confirming goes to the server of the lease, and keeps the address.
            f.Dhcp.Renew(f.Now);
            Assert.AreEqual(DhcpState.Renewing, f.Dhcp.State);
            f.Link.LinkUp = false;
            f.RunFor(1000);
            f.Link.LinkUp = true;
            f.PollAll();
            Assert.AreEqual(DhcpState.Rebooting, f.Dhcp.State);
            // RFC 2131 §3.2: no answer after the retransmissions, so the unexpired lease stays in use.
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 300000));
            Assert.IsTrue(f.Stack.Configured);
            Assert.AreEqual(expires, f.Dhcp.LeaseExpiresMs);
            Assert.AreEqual(0, f.CountEvents(DhcpEvent.Lost));
            Assert.AreEqual(1, f.Server.CountOf(DhcpMessage.Discover));
        }

        [TestMethod]
        public void DhcpStartDelayIsRandomAndBounded()
        {
            NetConfig c = new NetConfig();
            c.DhcpStartDelayMaxMs = 10000;
            DhcpFixture f = new DhcpFixture(c);
            f.Link.ReceiveBroadcast = false;
            f.Server.AnswerDiscover = false;
            long start = f.Now;
            f.Dhcp.Start(start);
            Assert.AreEqual(DhcpState.Init, f.Dhcp.State);
            Assert.IsFalse(f.Link.ReceiveBroadcast);
            Assert.IsTrue(f.RunUntil(delegate { return f.Server.CountOf(DhcpMessage.Discover) == 1; }, 20000));
            long at = f.Server.Find(DhcpMessage.Discover, 0).TimeMs;
            Assert.IsTrue(at >= start && at <= start + 10000);
            Assert.AreEqual(0, f.Server.Find(DhcpMessage.Discover, 0).Secs);
            Assert.IsTrue(f.Link.ReceiveBroadcast);
        }

        [TestMethod]
        public void DhcpAHandlerThatThrowsDoesNotStopTheClient()
        {
            DhcpFixture f = new DhcpFixture();
            f.Dhcp.LeaseChanged += Throw;
            f.StartAndBind();
            Assert.AreEqual(1L, f.Dhcp.Counters.HandlerFaults);
            Assert.IsTrue(f.Stack.Configured);
        }

        [TestMethod]
        public void DhcpNamesForTheConsoleAreDistinct()
        {
            string[] seen = new string[16];
            int n = 0;
            for (int i = 0; i <= 8; i++)
            {
                seen[n++] = DhcpClient.StateName((DhcpState)i);
            }

            for (int i = 0; i <= 4; i++)
            {
                seen[n++] = DhcpClient.EventName((DhcpEvent)i);
            }

            for (int i = 0; i < n; i++)
            {
                Assert.AreNotEqual("?", seen[i]);
                for (int j = 0; j < i; j++)
                {
                    // "bound" is both a state and an event, on purpose.
                    if (!(i >= 9 && seen[i] == "bound"))
                    {
                        Assert.AreNotEqual(seen[j], seen[i]);
                    }
                }
            }
        }

        private static void Throw(DhcpClient client, DhcpEvent what)
        {
            throw new System.InvalidOperationException("application bug");
        }

        internal static void Within(long actual, long expected)
        {
            Assert.IsTrue(actual >= expected - 1000 && actual <= expected + 1000, "interval " + actual.ToString() + " not within " + expected.ToString() + " ± 1000");
        }
    }
}
