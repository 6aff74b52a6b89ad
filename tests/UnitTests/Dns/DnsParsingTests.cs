using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Services.Dns;

namespace NanoIP.UnitTests.Dns
{
    [TestClass]
    public class DnsParsingTests
    {
        private static readonly uint Target = IPv4.FromBytes(203, 0, 113, 7);

        /// <summary>Short timeouts and one try, so a dropped response ends the query quickly.</summary>
        private static DnsFixture Quick()
        {
            NetConfig c = new NetConfig();
            c.DnsRetries = 0;
            c.DnsTimeoutMs = 300;
            return new DnsFixture(c);
        }

        [TestMethod]
        public void DnsFollowsACnameChainInOrder()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.AddCname("www.example.com", "edge.cdn.example.net", 300);
            f.Server1.AddCname("edge.cdn.example.net", "node7.cdn.example.net", 120);
            f.Server1.AddA("node7.cdn.example.net", Target, 600);
            int slot = f.Resolve("www.example.com");
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.AreEqual(Target, f.Resolver.GetAddress(slot));
            // The answer lives as long as the shortest link of the chain.
            Assert.AreEqual(120u, f.Resolver.GetTtl(slot));
        }

        [TestMethod]
        public void DnsFollowsACnameChainOutOfOrder()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                int o = DnsTestServer.Begin(q, len, r, 0x8180);
                // A record first, then the CNAMEs leading to it, last link first.
                o = DnsTestServer.WriteName(r, o, "c.example");
                o = DnsTestServer.Record(r, o, 1, 50, 4);
                NetOrder.WriteUInt32(r, o, Target);
                o += 4;
                o = DnsTestServer.WriteName(r, o, "b.example");
                int rd = DnsTestServer.Record(r, o, 5, 40, 0);
                o = DnsTestServer.WriteName(r, rd, "c.example");
                NetOrder.WriteUInt16(r, rd - 2, o - rd);
                r[o++] = 0xC0;
                r[o++] = 12;
                rd = DnsTestServer.Record(r, o, 5, 30, 0);
                o = DnsTestServer.WriteName(r, rd, "b.example");
                NetOrder.WriteUInt16(r, rd - 2, o - rd);
                NetOrder.WriteUInt16(r, 6, 3);
                return o;
            };
            int slot = f.Resolve("a.example");
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.AreEqual(Target, f.Resolver.GetAddress(slot));
            Assert.AreEqual(30u, f.Resolver.GetTtl(slot));
        }

        [TestMethod]
        public void DnsReadsChainedCompressionPointers()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                int o = DnsTestServer.Begin(q, len, r, 0x8180);
                // www.example.com CNAME cdn.<ptr to "example.com" in the question>
                r[o++] = 0xC0;
                r[o++] = 12;
                int rd = DnsTestServer.Record(r, o, 5, 300, 6);
                int cdn = rd;
                r[rd] = 3;
                r[rd + 1] = (byte)'c';
                r[rd + 2] = (byte)'D';
                r[rd + 3] = (byte)'n';
                r[rd + 4] = 0xC0;
                r[rd + 5] = 16;
                o = rd + 6;
                // cdn.example.com (pointer to the pointer-ended name above) A
                r[o++] = 0xC0;
                r[o++] = (byte)cdn;
                o = DnsTestServer.Record(r, o, 1, 300, 4);
                NetOrder.WriteUInt32(r, o, Target);
                o += 4;
                NetOrder.WriteUInt16(r, 6, 2);
                return o;
            };
            int slot = f.Resolve("www.example.com");
            Assert.AreEqual(DnsStatus.Resolved, f.Resolver.GetStatus(slot));
            Assert.AreEqual(Target, f.Resolver.GetAddress(slot));
        }

        [TestMethod]
        public void DnsNameReaderRejectsLoopsAndBadPointers()
        {
            byte[] dst = new byte[255];
            byte[] m = new byte[64];
            int next;
            // 12: "abc" then a pointer back to 12: a loop through a label.
            m[12] = 3;
            m[13] = (byte)'a';
            m[14] = (byte)'b';
            m[15] = (byte)'c';
            m[16] = 0xC0;
            m[17] = 12;
            Assert.AreEqual(-1, DnsName.Read(m, 18, 12, dst, out next));
            // A pointer to itself.
            m[20] = 0xC0;
            m[21] = 20;
            Assert.AreEqual(-1, DnsName.Read(m, 22, 20, dst, out next));
            // Two pointers at each other: 30 → 24 → 30.
            m[24] = 0xC0;
            m[25] = 30;
            m[30] = 0xC0;
            m[31] = 24;
            Assert.AreEqual(-1, DnsName.Read(m, 32, 30, dst, out next));
            // Forward, past the end, into the header.
            m[40] = 0xC0;
            m[41] = 50;
            Assert.AreEqual(-1, DnsName.Read(m, 60, 40, dst, out next));
            m[41] = 0xFF;
            Assert.AreEqual(-1, DnsName.Read(m, 42, 40, dst, out next));
            m[41] = 5;
            Assert.AreEqual(-1, DnsName.Read(m, 42, 40, dst, out next));
            // A label running past the end, an extended label type, no terminating zero.
            m[44] = 10;
            Assert.AreEqual(-1, DnsName.Read(m, 50, 44, dst, out next));
            m[44] = 0x41;
            Assert.AreEqual(-1, DnsName.Read(m, 50, 44, dst, out next));
            m[44] = 1;
            m[45] = (byte)'x';
            Assert.AreEqual(-1, DnsName.Read(m, 46, 44, dst, out next));
            Assert.AreEqual(-1, next);

            // A good one: "x" + pointer to "abc" + root at 12.
            m[16] = 0;
            m[46] = 0xC0;
            m[47] = 12;
            Assert.AreEqual(2 + 4 + 1, DnsName.Read(m, 48, 44, dst, out next));
            Assert.AreEqual(48, next);
            Assert.AreEqual("x.abc", DnsName.ToString(dst, 0, 7));
        }

        [TestMethod]
        public void DnsNameReaderBoundsTheNameLength()
        {
            // 5 labels of 63 in a message: 320 bytes of name, over the 255 limit.
            byte[] m = new byte[400];
            int o = 12;
            for (int l = 0; l < 5; l++)
            {
                m[o++] = 63;
                for (int k = 0; k < 63; k++)
                {
                    m[o++] = (byte)'a';
                }
            }

            m[o++] = 0;
            byte[] dst = new byte[255];
            int next;
            Assert.AreEqual(-1, DnsName.Read(m, o, 12, dst, out next));
        }

        [TestMethod]
        public void DnsPointerLoopInAResponseIsDroppedAndCounted()
        {
            DnsFixture f = Quick();
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                int o = DnsTestServer.Begin(q, len, r, 0x8180);
                // The answer's owner name points at itself.
                r[o] = 0xC0;
                r[o + 1] = (byte)o;
                o = DnsTestServer.Record(r, o + 2, 1, 60, 4);
                NetOrder.WriteUInt32(r, o, Target);
                NetOrder.WriteUInt16(r, 6, 1);
                return o + 4;
            };
            int slot = f.Resolve("www.example.com");
            Assert.AreEqual(DnsStatus.TimedOut, f.Resolver.GetStatus(slot));
            Assert.AreEqual(1L, f.Resolver.Counters.Malformed);
        }

        [TestMethod]
        public void DnsCnameLoopEndsInAnError()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                int o = DnsTestServer.Begin(q, len, r, 0x8180);
                o = DnsTestServer.WriteName(r, o, "a.example");
                int rd = DnsTestServer.Record(r, o, 5, 60, 0);
                o = DnsTestServer.WriteName(r, rd, "b.example");
                NetOrder.WriteUInt16(r, rd - 2, o - rd);
                o = DnsTestServer.WriteName(r, o, "b.example");
                rd = DnsTestServer.Record(r, o, 5, 60, 0);
                o = DnsTestServer.WriteName(r, rd, "a.example");
                NetOrder.WriteUInt16(r, rd - 2, o - rd);
                NetOrder.WriteUInt16(r, 6, 2);
                return o;
            };
            int slot = f.Resolve("a.example");
            Assert.AreEqual(DnsStatus.Error, f.Resolver.GetStatus(slot));
            Assert.AreEqual(DnsError.ChainTooLong, f.Resolver.GetError(slot));
        }

        [TestMethod]
        public void DnsMalformedResponsesAreCounted()
        {
            DnsFixture f = Quick();
            f.Server1.AddA("www.example.com", Target, 60);
            int mode = 0;
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                int n = f.Server1.Answer(q, len, r);
                switch (mode)
                {
                    case 0:
                        return 11; // shorter than a header
                    case 1:
                        r[2] &= 0x7F; // QR clear: a query, not a response
                        return n;
                    case 2:
                        NetOrder.WriteUInt16(r, n - 6, 40); // rdlength past the end
                        return n;
                    case 3:
                        NetOrder.WriteUInt16(r, n - 6, 3); // A with 3 bytes
                        return n - 1;
                    case 4:
                        return n - 2; // cut inside the address
                    case 5:
                        r[13] = (byte)'x'; // another question name
                        return n;
                    case 6:
                        NetOrder.WriteUInt16(r, 4, 2); // two questions
                        return n;
                    default:
                        r[len - 3] = 28; // question type AAAA
                        return n;
                }
            };
            for (mode = 0; mode < 8; mode++)
            {
                int slot = f.Resolve("www.example.com");
                Assert.AreEqual(DnsStatus.TimedOut, f.Resolver.GetStatus(slot), "mode " + mode.ToString());
                f.Resolver.Release(slot);
            }

            Assert.AreEqual(5L, f.Resolver.Counters.Malformed);
            Assert.AreEqual(3L, f.Resolver.Counters.QuestionMismatch);
            Assert.AreEqual(0L, f.Resolver.Counters.Resolved);
        }

        [TestMethod]
        public void DnsTruncatedWithoutAnswerIsAnError()
        {
            DnsFixture f = new DnsFixture();
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                return DnsTestServer.Begin(q, len, r, 0x8380);
            };
            int slot = f.Resolve("big.example");
            Assert.AreEqual(DnsStatus.Error, f.Resolver.GetStatus(slot));
            Assert.AreEqual(DnsError.Truncated, f.Resolver.GetError(slot));
        }

        [TestMethod]
        public void DnsAnswerLongerThan512BytesIsDropped()
        {
            DnsFixture f = Quick();
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                return 600;
            };
            int slot = f.Resolve("big.example");
            Assert.AreEqual(DnsStatus.TimedOut, f.Resolver.GetStatus(slot));
            Assert.AreEqual(1L, f.Resolver.Counters.Oversized);
        }

        [TestMethod]
        public void DnsFuzzedResponsesNeverThrow()
        {
            DnsFixture f = Quick();
            f.Server1.AddCname("www.example.com", "edge.example.net", 300);
            f.Server1.AddA("edge.example.net", Target, 300);
            System.Random rnd = new System.Random(1035);
            f.Server1.Responder = delegate(byte[] q, int len, byte[] r)
            {
                int n = f.Server1.Answer(q, len, r);
                int flips = 1 + rnd.Next(4);
                for (int k = 0; k < flips; k++)
                {
                    // Mostly past the id, so the parser sees most of them.
                    int at = rnd.Next(8) == 0 ? rnd.Next(n) : 2 + rnd.Next(n - 2);
                    r[at] = (byte)rnd.Next(256);
                }

                if (rnd.Next(6) == 0)
                {
                    n = rnd.Next(n + 1);
                }

                return n;
            };
            int resolved = 0;
            int ended = 0;
            for (int i = 0; i < 1500; i++)
            {
                f.Resolver.FlushCache();
                int slot = f.Resolve("www.example.com");
                DnsStatus s = f.Resolver.GetStatus(slot);
                Assert.IsTrue(s != DnsStatus.Pending && s != DnsStatus.Free);
                if (s == DnsStatus.Resolved)
                {
                    resolved++;
                }
                else
                {
                    ended++;
                }

                f.Resolver.Release(slot);
            }

            DnsCounters c = f.Resolver.Counters;
            OutputHelper.WriteLine("fuzz: resolved " + resolved.ToString() + ", other " + ended.ToString() + ", malformed " + c.Malformed.ToString()
                + ", mismatch " + c.QuestionMismatch.ToString() + ", unknown id " + c.UnknownId.ToString());
            Assert.AreEqual(1500, resolved + ended);
            Assert.IsTrue(c.Malformed > 50);
            Assert.IsTrue(c.QuestionMismatch > 50);
            Assert.IsTrue(resolved > 50);
            Assert.AreEqual(0L, f.Stack.EthernetCounters.ProcessingFaults);
        }
    }
}
