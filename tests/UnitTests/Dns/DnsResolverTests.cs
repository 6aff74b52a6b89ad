using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Services.Dns;

namespace NanoIP.UnitTests.Dns
{
    [TestClass]
    public class DnsResolverTests
    {
        private static readonly uint Www = IPv4.FromBytes(93, 184, 216, 34);

        [TestMethod]
        public void DnsResolvesAnARecordWithAnExactQuery()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.AddA("www.example.com", Www, 300);
            int slot = f.Resolver.Resolve("WWW.Example.com.", f.Now);
            Assert.IsTrue(slot >= 0);
            Assert.AreEqual(DnsStatus.Pending, f.Resolver.GetStatus(slot));
            Assert.IsTrue(f.RunUntil(delegate { return f.Resolver.GetStatus(slot) != DnsStatus.Pending; }, 10000));
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.AreEqual(Www, f.Resolver.GetAddress(slot));
            Assert.AreEqual(300u, f.Resolver.GetTtl(slot));
            Assert.AreEqual(DnsError.None, f.Resolver.GetError(slot));

            // The query as it left: id, RD, one question, lower-cased name, type A, class IN, to port 53.
            byte[] q = f.Server1.LastQuery;
            Assert.AreEqual(1, f.Server1.Queries);
            Assert.AreEqual(DnsFixture.StackIp, f.Server1.LastQuerySource);
            Assert.AreEqual(53, f.Server1.LastQueryDestinationPort);
            Assert.AreEqual(0x0100, (int)NetOrder.ReadUInt16(q, 2));
            Assert.AreEqual(1, (int)NetOrder.ReadUInt16(q, 4));
            Assert.AreEqual(0, (int)NetOrder.ReadUInt16(q, 6));
            byte[] expected = new byte[64];
            int e = DnsTestServer.WriteName(expected, 0, "www.example.com");
            Assert.AreEqual(12 + e + 4, f.Server1.LastQueryLength);
            for (int i = 0; i < e; i++)
            {
                Assert.AreEqual(expected[i], q[12 + i]);
            }

            Assert.AreEqual(1, (int)NetOrder.ReadUInt16(q, 12 + e));
            Assert.AreEqual(1, (int)NetOrder.ReadUInt16(q, 14 + e));
            Assert.AreEqual(1L, f.Resolver.Counters.QueriesOut);
            Assert.AreEqual(1L, f.Resolver.Counters.Resolved);

            f.Resolver.Release(slot);
            Assert.AreEqual(DnsStatus.Free, f.Resolver.GetStatus(slot));
            Assert.AreEqual(0u, f.Resolver.GetAddress(slot));
        }

        [TestMethod]
        public void DnsDottedQuadResolvesWithoutAQuery()
        {
            DnsFixture f = new DnsFixture();
            int slot = f.Resolver.Resolve("10.1.2.3", f.Now);
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.AreEqual(IPv4.FromBytes(10, 1, 2, 3), f.Resolver.GetAddress(slot));
            uint a;
            Assert.IsTrue(f.Resolver.TryGetCached("192.168.0.1", f.Now, out a));
            Assert.AreEqual(IPv4.FromBytes(192, 168, 0, 1), a);
            f.RunFor(5000);
            Assert.AreEqual(0, f.Server1.Queries);
            Assert.AreEqual(0L, f.Resolver.Counters.QueriesOut);
        }

        [TestMethod]
        public void DnsNamesAreValidated()
        {
            DnsFixture f = new DnsFixture();
            string label63 = new string('a', 63);
            string label64 = new string('a', 64);
            // 4 labels of 63 + 3 dots = 255 characters: too long; 253 is the most.
            string long255 = label63 + "." + label63 + "." + label63 + "." + label63;
            string long253 = label63 + "." + label63 + "." + label63 + "." + new string('b', 61);
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve(label64 + ".com", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve(long255, f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve("a..b", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve(".a", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve("", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve(".", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve("bad name.com", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve("a\u00e9.com", f.Now));
            Assert.AreEqual(DnsResolver.InvalidName, f.Resolver.Resolve(null, f.Now));
            Assert.AreEqual(0, f.Server1.Queries);
            int ok = f.Resolver.Resolve(label63 + ".com", f.Now);
            Assert.IsTrue(ok >= 0);
            int ok2 = f.Resolver.Resolve(long253, f.Now);
            Assert.IsTrue(ok2 >= 0);
            f.RunFor(100);
            Assert.AreEqual(2, f.Server1.Queries);
            Assert.AreEqual(12 + 255 + 4, f.Server1.LastQueryLength);
        }

        [TestMethod]
        public void DnsNxDomainIsNotFoundAndNoDataIsToo()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.Rcode = 3;
            int slot = f.Resolve("nothing.example");
            Assert.AreEqual(DnsStatus.NotFound, f.Resolver.GetStatus(slot));
            Assert.AreEqual(DnsError.NameError, f.Resolver.GetError(slot));
            Assert.AreEqual(1L, f.Resolver.Counters.NameErrors);
            Assert.AreEqual(1, f.Server1.Queries);

            f.Server1.Rcode = 0;
            int s2 = f.Resolve("empty.example");
            Assert.AreEqual(DnsStatus.NotFound, f.Resolver.GetStatus(s2));
            Assert.AreEqual(DnsError.NoData, f.Resolver.GetError(s2));
            Assert.AreEqual(1L, f.Resolver.Counters.NoData);
            uint a;
            Assert.IsFalse(f.Resolver.TryGetCached("nothing.example", f.Now, out a));
        }

        [TestMethod]
        public void DnsTimeoutMovesToTheSecondServer()
        {
            DnsFixture f = new DnsFixture();
            f.Resolver.SetServers(DnsFixture.Server1Ip, DnsFixture.Server2Ip);
            f.Server1.Silent = true;
            f.Server2.AddA("www.example.com", Www, 60);
            long start = f.Now;
            int slot = f.Resolve("www.example.com");
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.AreEqual(Www, f.Resolver.GetAddress(slot));
            Assert.AreEqual(1, f.Server1.Queries);
            Assert.AreEqual(1, f.Server2.Queries);
            // Wire latency is 1 ms: the second query left exactly one timeout after the first.
            Assert.AreEqual(start + 1, f.Server1.QueryTimes[0]);
            Assert.AreEqual(start + f.Config.DnsTimeoutMs + 1, f.Server2.QueryTimes[0]);
            Assert.AreEqual(1L, f.Resolver.Counters.Retransmissions);
        }

        [TestMethod]
        public void DnsRetriesAlternateServersThenTimeOut()
        {
            NetConfig c = new NetConfig();
            c.DnsRetries = 3;
            c.DnsTimeoutMs = 1500;
            DnsFixture f = new DnsFixture(c);
            f.Resolver.SetServers(DnsFixture.Server1Ip, DnsFixture.Server2Ip);
            f.Server1.Silent = true;
            f.Server2.Silent = true;
            long start = f.Now;
            int slot = f.Resolver.Resolve("www.example.com", f.Now);
            Assert.IsTrue(f.RunUntil(delegate { return f.Resolver.GetStatus(slot) != DnsStatus.Pending; }, 60000));
            Assert.AreEqual(DnsStatus.TimedOut, f.Resolver.GetStatus(slot));
            Assert.AreEqual(start + 4 * 1500, f.Now);
            Assert.AreEqual(2, f.Server1.Queries);
            Assert.AreEqual(2, f.Server2.Queries);
            Assert.AreEqual(start + 1, f.Server1.QueryTimes[0]);
            Assert.AreEqual(start + 1501, f.Server2.QueryTimes[0]);
            Assert.AreEqual(start + 3001, f.Server1.QueryTimes[1]);
            Assert.AreEqual(start + 4501, f.Server2.QueryTimes[1]);
            Assert.AreEqual(1L, f.Resolver.Counters.TimedOut);
            Assert.AreEqual(long.MaxValue, f.Resolver.Poll(f.Now));
        }

        [TestMethod]
        public void DnsServerFailureTriesTheOtherServerAtOnce()
        {
            DnsFixture f = new DnsFixture();
            f.Resolver.SetServers(DnsFixture.Server1Ip, DnsFixture.Server2Ip);
            f.Server1.Rcode = 2;
            f.Server2.AddA("www.example.com", Www, 60);
            long start = f.Now;
            int slot = f.Resolve("www.example.com");
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.IsTrue(f.Now - start < 10);
            Assert.AreEqual(1L, f.Resolver.Counters.ServerFailures);

            // Refused everywhere: an error once the tries are spent.
            f.Server2.Rcode = 5;
            int s2 = f.Resolve("other.example.com");
            Assert.AreEqual(DnsStatus.Error, f.Resolver.GetStatus(s2));
            Assert.AreEqual(DnsError.ServerFailure, f.Resolver.GetError(s2));
            Assert.AreEqual(2 + 1 + f.Config.DnsRetries, f.Server1.Queries + f.Server2.Queries);
        }

        [TestMethod]
        public void DnsIdMismatchIsIgnored()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.AddA("www.example.com", Www, 60);
            f.Server1.IdDelta = 1;
            int slot = f.Resolver.Resolve("www.example.com", f.Now);
            f.RunFor(500);
            Assert.AreEqual(DnsStatus.Pending, f.Resolver.GetStatus(slot));
            Assert.AreEqual(1L, f.Resolver.Counters.UnknownId);
            f.Server1.IdDelta = 0;
            Assert.IsTrue(f.RunUntil(delegate { return f.Resolver.GetStatus(slot) == DnsStatus.Resolved; }, 10000));
            Assert.AreEqual(2, f.Server1.Queries);
        }

        [TestMethod]
        public void DnsAnswersFromElsewhereAreIgnored()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.AddA("www.example.com", Www, 60);
            f.Server1.SourcePort = 5353;
            int slot = f.Resolver.Resolve("www.example.com", f.Now);
            f.RunFor(500);
            Assert.AreEqual(DnsStatus.Pending, f.Resolver.GetStatus(slot));
            Assert.AreEqual(1L, f.Resolver.Counters.WrongSource);
            f.Server1.SourcePort = 53;
            Assert.IsTrue(f.RunUntil(delegate { return f.Resolver.GetStatus(slot) == DnsStatus.Resolved; }, 10000));
        }

        [TestMethod]
        public void DnsAnswerFromAServerNotAskedIsIgnored()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.AddA("www.example.com", Www, 60);
            byte[] stackMac = new byte[6];
            f.Stack.GetMacAddress(stackMac, 0);
            byte[] forged = new byte[512];
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                // Server 2 answers a query it never saw (right id and question); server 1 stays silent.
                int n = f.Server1.Answer(q, len, forged);
                NetOrder.WriteUInt32(forged, n - 4, IPv4.FromBytes(6, 6, 6, 6));
                f.Server2.SendRaw(stackMac, DnsFixture.StackIp, f.Server1.LastQuerySourcePort, forged, n);
                return 0;
            };
            int slot = f.Resolver.Resolve("www.example.com", f.Now);
            f.RunFor(500);
            Assert.AreEqual(DnsStatus.Pending, f.Resolver.GetStatus(slot));
            Assert.AreEqual(1L, f.Resolver.Counters.WrongSource);
            f.Server1.Responder = null;
            Assert.IsTrue(f.RunUntil(delegate { return f.Resolver.GetStatus(slot) == DnsStatus.Resolved; }, 10000));
            Assert.AreEqual(Www, f.Resolver.GetAddress(slot));
        }

        [TestMethod]
        public void DnsCacheHonoursTheTtl()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.AddA("www.example.com", Www, 60);
            int slot = f.Resolve("www.example.com");
            long answeredAt = f.Now;
            f.Resolver.Release(slot);
            uint a;
            Assert.IsTrue(f.Resolver.TryGetCached("WWW.EXAMPLE.COM", f.Now, out a));
            Assert.AreEqual(Www, a);
            int s2 = f.Resolver.Resolve("www.example.com", f.Now);
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(s2));
            Assert.AreEqual(1, f.Server1.Queries);
            Assert.AreEqual(2L, f.Resolver.Counters.CacheHits);
            f.Resolver.Release(s2);
            uint addr;
            long left;
            Assert.AreEqual("www.example.com", f.Resolver.GetCacheEntry(0, f.Now, out addr, out left));
            Assert.AreEqual(Www, addr);
            Assert.AreEqual(60000L, left);

            f.RunFor(answeredAt + 59999 - f.Now);
            Assert.IsTrue(f.Resolver.TryGetCached("www.example.com", f.Now, out a));
            f.RunFor(1);
            Assert.IsFalse(f.Resolver.TryGetCached("www.example.com", f.Now, out a));
            Assert.IsNull(f.Resolver.GetCacheEntry(0, f.Now, out addr, out left));
            int s3 = f.Resolve("www.example.com");
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(s3));
            Assert.AreEqual(2, f.Server1.Queries);
        }

        [TestMethod]
        public void DnsTtlZeroIsNotCachedAndHugeTtlIsCapped()
        {
            NetConfig c = new NetConfig();
            c.DnsMaxTtlSeconds = 100;
            DnsFixture f = new DnsFixture(c);
            f.Server1.AddA("zero.example", Www, 0);
            f.Server1.AddA("huge.example", Www, 0x7FFFFFFF);
            f.Server1.AddA("negative.example", Www, 0x80000000);
            uint a;
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(f.Resolve("zero.example")));
            Assert.IsFalse(f.Resolver.TryGetCached("zero.example", f.Now, out a));
            int n = f.Resolve("negative.example");
            Assert.AreEqual(0u, f.Resolver.GetTtl(n));
            Assert.IsFalse(f.Resolver.TryGetCached("negative.example", f.Now, out a));
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(f.Resolve("huge.example")));
            f.RunFor(99000);
            Assert.IsTrue(f.Resolver.TryGetCached("huge.example", f.Now, out a));
            f.RunFor(2000);
            Assert.IsFalse(f.Resolver.TryGetCached("huge.example", f.Now, out a));
        }

        [TestMethod]
        public void DnsCacheEvictsTheLeastRecentlyUsed()
        {
            NetConfig c = new NetConfig();
            c.DnsCacheEntries = 2;
            DnsFixture f = new DnsFixture(c);
            f.Server1.AddA("a.example", 1, 600);
            f.Server1.AddA("b.example", 2, 600);
            f.Server1.AddA("c.example", 3, 600);
            uint x;
            f.Resolver.Release(f.Resolve("a.example"));
            f.Resolver.Release(f.Resolve("b.example"));
            f.RunFor(10);
            Assert.IsTrue(f.Resolver.TryGetCached("a.example", f.Now, out x));
            f.Resolver.Release(f.Resolve("c.example"));
            Assert.IsTrue(f.Resolver.TryGetCached("a.example", f.Now, out x));
            Assert.IsFalse(f.Resolver.TryGetCached("b.example", f.Now, out x));
            Assert.IsTrue(f.Resolver.TryGetCached("c.example", f.Now, out x));
            Assert.AreEqual(3u, x);
            f.Resolver.FlushCache();
            Assert.IsFalse(f.Resolver.TryGetCached("a.example", f.Now, out x));
        }

        [TestMethod]
        public void DnsSlotsAreFixedAndReleased()
        {
            NetConfig c = new NetConfig();
            c.DnsQuerySlots = 2;
            DnsFixture f = new DnsFixture(c);
            f.Server1.Silent = true;
            int a = f.Resolver.Resolve("a.example", f.Now);
            int b = f.Resolver.Resolve("b.example", f.Now);
            Assert.AreNotEqual(a, b);
            Assert.AreEqual(DnsResolver.NoFreeSlot, f.Resolver.Resolve("c.example", f.Now));
            Assert.AreEqual(DnsResolver.NoFreeSlot, f.Resolver.Resolve("1.2.3.4", f.Now));
            f.RunFor(100);
            // Two queries in flight: distinct ids.
            Assert.AreEqual(2, f.Server1.Queries);
            f.Resolver.Release(a);
            Assert.AreEqual(a, f.Resolver.Resolve("c.example", f.Now));
            Assert.AreEqual(DnsStatus.Free, f.Resolver.GetStatus(-1));
            Assert.AreEqual(DnsStatus.Free, f.Resolver.GetStatus(99));
        }

        [TestMethod]
        public void DnsServersComeFromSetServersThenTheSourceThenTheStack()
        {
            DnsFixture f = new DnsFixture();
            f.Resolver.SetServers(0, 0);
            Assert.AreEqual(0, f.Resolver.ServerCount);
            int none = f.Resolver.Resolve("www.example.com", f.Now);
            Assert.AreEqual(DnsStatus.Error, f.Resolver.GetStatus(none));
            Assert.AreEqual(DnsError.NoServer, f.Resolver.GetError(none));
            f.Resolver.Release(none);

            f.Stack.DnsServer = DnsFixture.Server2Ip;
            Assert.AreEqual(1, f.Resolver.ServerCount);
            Assert.AreEqual(DnsFixture.Server2Ip, f.Resolver.GetServer(0));
            FixedSource src = new FixedSource();
            src.A = DnsFixture.Server1Ip;
            src.B = DnsFixture.Server2Ip;
            f.Resolver.ServerSource = src;
            Assert.AreEqual(2, f.Resolver.ServerCount);
            Assert.AreEqual(DnsFixture.Server1Ip, f.Resolver.GetServer(0));
            f.Resolver.SetServers(DnsFixture.Server2Ip, DnsFixture.Server2Ip);
            Assert.AreEqual(1, f.Resolver.ServerCount);
            Assert.AreEqual(DnsFixture.Server2Ip, f.Resolver.GetServer(0));
            Assert.AreEqual(0u, f.Resolver.GetServer(1));
        }

        [TestMethod]
        public void DnsWithoutAnAddressFailsAtOnce()
        {
            DnsFixture f = new DnsFixture();
            f.Stack.Unconfigure();
            int slot = f.Resolver.Resolve("www.example.com", f.Now);
            Assert.AreEqual(DnsStatus.Error, f.Resolver.GetStatus(slot));
            Assert.AreEqual(DnsError.NoRoute, f.Resolver.GetError(slot));
        }

        [TestMethod]
        public void DnsNamesForTheConsoleAreDistinct()
        {
            string[] seen = new string[32];
            int n = 0;
            for (int i = 0; i <= 5; i++)
            {
                seen[n++] = DnsResolver.StatusName((DnsStatus)i);
            }

            for (int i = 0; i <= 9; i++)
            {
                seen[n++] = DnsResolver.ErrorName((DnsError)i);
            }

            for (int i = 0; i < n; i++)
            {
                Assert.AreNotEqual("?", seen[i]);
                for (int j = 0; j < i; j++)
                {
                    Assert.AreNotEqual(seen[j], seen[i]);
                }
            }

            Assert.AreEqual("?", DnsResolver.StatusName((DnsStatus)99));
        }

        private sealed class FixedSource : IDnsServerSource
        {
            public uint A;
            public uint B;

            public int DnsServerCount
            {
                get { return (A != 0 ? 1 : 0) + (B != 0 ? 1 : 0); }
            }

            public uint GetDnsServer(int index)
            {
                return index == 0 ? A : (index == 1 ? B : 0);
            }
        }
    }
}
