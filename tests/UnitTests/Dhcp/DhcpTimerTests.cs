using nanoFramework.TestFramework;
using NanoIP.Services.Dhcp;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dhcp
{
    [TestClass]
    public class DhcpTimerTests
    {
        [TestMethod]
        public void DhcpRenewsAtT1Unicast()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 1000;
            f.StartAndBind();
            long start = f.Dhcp.LeaseObtainedMs;
            Assert.AreEqual(start + 500000, f.Dhcp.RenewAtMs);
            int before = f.Server.CountOf(DhcpMessage.Request);
            Assert.IsTrue(f.RunUntil(delegate { return f.Server.CountOf(DhcpMessage.Request) > before; }, 600000));
            DhcpSeen r = f.Server.Last;
            Assert.AreEqual(start + 500000, r.TimeMs);
            // RFC 2131 table 5, RENEWING: ciaddr set, no requested address or server id, unicast to the server.
            Assert.AreEqual(DhcpFixture.Offered, r.Ciaddr);
            Assert.AreEqual(0u, r.RequestedAddress);
            Assert.AreEqual(0u, r.ServerId);
            Assert.AreEqual(0, r.Flags);
            Assert.AreEqual(DhcpFixture.Offered, r.IpSource);
            Assert.AreEqual(DhcpFixture.ServerIp, r.IpDestination);
            Assert.IsFalse(r.EthernetBroadcast);
            Assert.AreNotEqual(f.Server.Find(DhcpMessage.Request, 0).Xid, r.Xid);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 10000));
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Renewed));
            // The new lease runs from the renewal's REQUEST.
            Assert.AreEqual(r.TimeMs, f.Dhcp.LeaseObtainedMs);
            Assert.AreEqual(r.TimeMs + 500000, f.Dhcp.RenewAtMs);
            Assert.AreEqual(DhcpFixture.Offered, f.Stack.Address);
            Assert.AreEqual(1L, f.Dhcp.Counters.Renewals);
        }

        [TestMethod]
        public void DhcpRenewRetransmitsThenRebindsAtT2ThenExpires()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 1000;
            f.StartAndBind();
            long start = f.Dhcp.LeaseObtainedMs;
            f.Server.AnswerRequest = false;
            f.Server.AnswerDiscover = false;
            int before = f.Server.Count;
            Assert.IsTrue(f.RunUntil(delegate { return !f.Stack.Configured; }, 1100000));
            Assert.AreEqual(start + 1000000, f.Now);
            Assert.AreEqual(DhcpState.Selecting, f.Dhcp.State);
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Lost));

            // RFC 2131 §4.4.5: retransmit after half the time left to T2 (then to expiry), at least 60 s.
            long t1 = start + 500000;
            long t2 = start + 875000;
            long expiry = start + 1000000;
            long[] renew = new long[] { t1, t1 + 187500, t1 + 281250, t1 + 341250 };
            long[] rebind = new long[] { t2, t2 + 62500, t2 + 122500 };
            int i = before;
            for (int k = 0; k < renew.Length; k++, i++)
            {
                DhcpSeen s = f.Server.Log[i];
                Assert.AreEqual(DhcpMessage.Request, s.Type);
                Assert.AreEqual(renew[k], s.TimeMs);
                Assert.AreEqual(DhcpFixture.ServerIp, s.IpDestination);
                Assert.AreEqual(DhcpFixture.Offered, s.Ciaddr);
            }

            for (int k = 0; k < rebind.Length; k++, i++)
            {
                DhcpSeen s = f.Server.Log[i];
                Assert.AreEqual(DhcpMessage.Request, s.Type);
                Assert.AreEqual(rebind[k], s.TimeMs);
                Assert.AreEqual(0xFFFFFFFFu, s.IpDestination);
                Assert.IsTrue(s.EthernetBroadcast);
                Assert.AreEqual(DhcpFixture.Offered, s.Ciaddr);
                Assert.AreEqual(0u, s.ServerId);
                Assert.AreEqual(0u, s.RequestedAddress);
                Assert.AreEqual(0, s.Flags);
            }

            // Lease over: unconfigured, and a DISCOVER from 0.0.0.0 at once.
            DhcpSeen d = f.Server.Log[i];
            Assert.AreEqual(DhcpMessage.Discover, d.Type);
            Assert.AreEqual(expiry, d.TimeMs);
            Assert.AreEqual(0u, d.IpSource);
            Assert.AreEqual(0u, f.Dhcp.Address);
            Assert.AreEqual(0u, f.Stack.DnsServer);
            Assert.AreEqual(1L, f.Dhcp.Counters.LeasesLost);
        }

        [TestMethod]
        public void DhcpRebindIsAnsweredByAnyServer()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 800;
            f.StartAndBind();
            long start = f.Dhcp.LeaseObtainedMs;
            f.Server.AnswerRenew = false;
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Rebinding; }, 800000));
            Assert.AreEqual(start + 700000, f.Now);
            // Another server (as far as the server id says) answers the broadcast.
            f.Server.AnswerRenew = true;
            f.Server.ServerIdOption = NanoIP.Network.IPv4.FromBytes(192, 168, 7, 2);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 100000));
            Assert.AreEqual(start + 760000, f.Now);
            Assert.AreEqual(start + 700000, f.Dhcp.LeaseObtainedMs);
            Assert.AreEqual(NanoIP.Network.IPv4.FromBytes(192, 168, 7, 2), f.Dhcp.ServerAddress);
            Assert.AreEqual(1, f.CountEvents(DhcpEvent.Renewed));
            Assert.AreEqual(0, f.CountEvents(DhcpEvent.Lost));
            Assert.IsTrue(f.Stack.Configured);
        }

        [TestMethod]
        public void DhcpDiscoverBackoffIs4To64SecondsRandomised()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.AnswerDiscover = false;
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Server.CountOf(DhcpMessage.Discover) == 8; }, 400000));
            long[] expected = new long[] { 4000, 8000, 16000, 32000, 64000, 64000, 64000 };
            bool anyJitter = false;
            DhcpSeen first = f.Server.Find(DhcpMessage.Discover, 0);
            for (int k = 0; k < expected.Length; k++)
            {
                DhcpSeen a = f.Server.Find(DhcpMessage.Discover, k);
                DhcpSeen b = f.Server.Find(DhcpMessage.Discover, k + 1);
                long interval = b.TimeMs - a.TimeMs;
                DhcpExchangeTests.Within(interval, expected[k]);
                if (interval != expected[k])
                {
                    anyJitter = true;
                }

                // Retransmissions keep the xid; secs counts from the first DISCOVER.
                Assert.AreEqual(first.Xid, b.Xid);
                Assert.AreEqual((int)((b.TimeMs - first.TimeMs) / 1000), b.Secs);
            }

            Assert.IsTrue(anyJitter);
            Assert.AreEqual(7L, f.Dhcp.Counters.Retransmissions);
        }

        [TestMethod]
        public void DhcpBackoffReplaysWithTheSameSeedAndDiffersWithAnother()
        {
            long[] a = DiscoverTimes(7);
            long[] b = DiscoverTimes(7);
            long[] c = DiscoverTimes(8);
            bool differs = false;
            for (int i = 0; i < a.Length; i++)
            {
                Assert.AreEqual(a[i], b[i]);
                differs |= a[i] != c[i];
            }

            Assert.IsTrue(differs);
        }

        private static long[] DiscoverTimes(int seed)
        {
            NetConfig c = new NetConfig();
            c.RandomSeed = seed;
            DhcpFixture f = new DhcpFixture(c);
            f.Server.AnswerDiscover = false;
            f.Dhcp.Start(f.Now);
            f.RunUntil(delegate { return f.Server.CountOf(DhcpMessage.Discover) == 5; }, 200000);
            long[] t = new long[5];
            for (int i = 0; i < 5; i++)
            {
                t[i] = f.Server.Find(DhcpMessage.Discover, i).TimeMs;
            }

            return t;
        }

        [TestMethod]
        public void DhcpBroadcastReceptionIsOnOnlyWhileNeeded()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 1000;
            f.Link.ReceiveBroadcast = false;
            f.Dhcp.Start(f.Now);
            Assert.IsTrue(f.Link.ReceiveBroadcast);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Checking; }, 10000));
            Assert.IsFalse(f.Link.ReceiveBroadcast);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 10000));
            Assert.IsFalse(f.Link.ReceiveBroadcast);
            f.Server.AnswerRenew = false;
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Renewing; }, 1000000));
            Assert.IsFalse(f.Link.ReceiveBroadcast);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Rebinding; }, 1000000));
            Assert.IsTrue(f.Link.ReceiveBroadcast);
            f.Server.AnswerRenew = true;
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 1000000));
            Assert.IsFalse(f.Link.ReceiveBroadcast);

            // A board that had broadcasts on keeps them on.
            DhcpFixture g = new DhcpFixture();
            g.Link.ReceiveBroadcast = true;
            g.StartAndBind();
            Assert.IsTrue(g.Link.ReceiveBroadcast);
            g.Dhcp.Stop();
            Assert.IsTrue(g.Link.ReceiveBroadcast);
        }

        [TestMethod]
        public void DhcpHonoursConsistentT1T2AndIgnoresInconsistentOnes()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 1000;
            f.Server.T1Seconds = 100;
            f.Server.T2Seconds = 200;
            f.StartAndBind();
            long start = f.Dhcp.LeaseObtainedMs;
            Assert.AreEqual(start + 100000, f.Dhcp.RenewAtMs);
            Assert.AreEqual(start + 200000, f.Dhcp.RebindAtMs);

            DhcpFixture g = new DhcpFixture();
            g.Server.LeaseSeconds = 1000;
            g.Server.T1Seconds = 900;
            g.Server.T2Seconds = 1200;
            g.StartAndBind();
            start = g.Dhcp.LeaseObtainedMs;
            Assert.AreEqual(start + 500000, g.Dhcp.RenewAtMs);
            Assert.AreEqual(start + 875000, g.Dhcp.RebindAtMs);
        }

        [TestMethod]
        public void DhcpInfiniteLeaseHasNoTimers()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 0xFFFFFFFF;
            f.StartAndBind();
            Assert.AreEqual(long.MaxValue, f.Dhcp.RenewAtMs);
            Assert.AreEqual(long.MaxValue, f.Dhcp.LeaseExpiresMs);
            Assert.AreEqual(long.MaxValue, f.Dhcp.RemainingMs(f.Now));
            Assert.AreEqual(long.MaxValue, f.Dhcp.Poll(f.Now));
        }

        [TestMethod]
        public void DhcpATinyLeaseIsStretchedToTheMinimum()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 0;
            f.StartAndBind();
            Assert.AreEqual(10u, f.Dhcp.LeaseSeconds);
            Assert.AreEqual(f.Dhcp.LeaseObtainedMs + 5000, f.Dhcp.RenewAtMs);
        }

        [TestMethod]
        public void DhcpPolledLateSkipsWhatIsAlreadyOver()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 1000;
            f.StartAndBind();
            long start = f.Dhcp.LeaseObtainedMs;
            int requests = f.Server.CountOf(DhcpMessage.Request);
            // Nobody polls the client between T1 and past T2: it goes straight to rebinding.
            f.Net.Now = start + 900000;
            f.Dhcp.Poll(f.Now);
            Assert.AreEqual(DhcpState.Rebinding, f.Dhcp.State);
            f.PollAll();
            Assert.AreEqual(requests + 1, f.Server.CountOf(DhcpMessage.Request));
            Assert.AreEqual(0xFFFFFFFFu, f.Server.Last.IpDestination);

            DhcpFixture g = new DhcpFixture();
            g.StartAndBind();
            g.Net.Now = g.Dhcp.LeaseExpiresMs + 5000;
            g.Dhcp.Poll(g.Now);
            Assert.IsFalse(g.Stack.Configured);
            Assert.AreEqual(DhcpState.Selecting, g.Dhcp.State);
            Assert.AreEqual(1, g.CountEvents(DhcpEvent.Lost));
            Assert.AreEqual(1, g.Server.CountOf(DhcpMessage.Request));
        }

        [TestMethod]
        public void DhcpRenewCommandRenewsAtOnce()
        {
            DhcpFixture f = new DhcpFixture();
            f.StartAndBind();
            f.RunFor(10000);
            long at = f.Now;
            f.Dhcp.Renew(at);
            Assert.AreEqual(DhcpState.Renewing, f.Dhcp.State);
            Assert.IsTrue(f.RunUntil(delegate { return f.Dhcp.State == DhcpState.Bound; }, 10000));
            Assert.AreEqual(at, f.Dhcp.LeaseObtainedMs);
            Assert.AreEqual(DhcpFixture.ServerIp, f.Server.Last.IpDestination);
        }
    }
}
