using System;
using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Hostile and broken input: every malformed segment ends in a counted drop, nothing throws.</summary>
    [TestClass]
    public class TcpRobustnessTests
    {
        /// <summary>A raw segment from the peer with a correct checksum over whatever bytes it holds.</summary>
        private static bool Raw(ScriptedPeer p, byte[] seg, int length, bool fixChecksum)
        {
            if (fixChecksum && length >= 18)
            {
                seg[16] = 0;
                seg[17] = 0;
                uint sum = InternetChecksum.AddPseudoHeader(0, ScriptedPeer.PeerIp, ScriptedPeer.LocalIp, IpProtocol.Tcp, length);
                sum = InternetChecksum.Add(sum, seg, 0, length);
                NetOrder.WriteUInt16(seg, 16, InternetChecksum.Finish(sum));
            }

            return p.Layer.Receive(ScriptedPeer.PeerIp, ScriptedPeer.LocalIp, false, seg, 0, length, p.Now);
        }

        private static byte[] Header(ScriptedPeer p, int headerLength, int flags)
        {
            byte[] b = new byte[64];
            NetOrder.WriteUInt16(b, 0, p.PeerPort);
            NetOrder.WriteUInt16(b, 2, p.LocalPort);
            NetOrder.WriteUInt32(b, 4, 5000);
            b[12] = (byte)((headerLength / 4) << 4);
            b[13] = (byte)flags;
            NetOrder.WriteUInt16(b, 14, 8192);
            return b;
        }

        [TestMethod]
        public void MalformedSegmentsAreCountedAndDropped()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.OpenListener(4);
            TcpCounters c = p.Layer.Counters;

            Raw(p, Header(p, 20, TcpFlags.Syn), 12, true); // shorter than a header
            Assert.AreEqual(1, c.Malformed);
            Raw(p, Header(p, 16, TcpFlags.Syn), 20, true); // data offset 4
            Assert.AreEqual(2, c.Malformed);
            Raw(p, Header(p, 60, TcpFlags.Syn), 40, true); // data offset past the end
            Assert.AreEqual(3, c.Malformed);

            byte[] bad = Header(p, 20, TcpFlags.Syn);
            Raw(p, bad, 20, true);
            p.Expect(TcpFlags.Syn | TcpFlags.Ack); // the same SYN, intact, is answered
            bad[4] ^= 1;
            Raw(p, bad, 20, false); // one flipped bit
            Assert.AreEqual(1, c.BadChecksum);

            byte[] opt = Header(p, 24, TcpFlags.Syn);
            opt[20] = 5;
            opt[21] = 0; // option length 0
            Raw(p, opt, 24, true);
            opt[21] = 1; // option length 1
            Raw(p, opt, 24, true);
            opt[21] = 10; // runs past the header
            Raw(p, opt, 24, true);
            opt[20] = 2;
            opt[21] = 3; // MSS of the wrong length
            Raw(p, opt, 24, true);
            opt[20] = 8;
            opt[21] = 0; // kind with no room for its length byte
            opt[22] = 1;
            opt[23] = 8;
            Raw(p, opt, 24, true);
            Assert.AreEqual(8, c.Malformed);

            byte[] port0 = Header(p, 20, TcpFlags.Syn);
            port0[0] = 0;
            port0[1] = 0;
            Raw(p, port0, 20, true);
            Assert.AreEqual(9, c.Malformed);
            p.ExpectNothing();

            // Unknown options with good lengths, NOPs and EOL are fine.
            byte[] ok = Header(p, 32, TcpFlags.Syn);
            NetOrder.WriteUInt32(ok, 4, 9000);
            ok[20] = 1;
            ok[21] = 3;
            ok[22] = 3;
            ok[23] = 7; // window scale (ignored)
            ok[24] = 2;
            ok[25] = 4;
            NetOrder.WriteUInt16(ok, 26, 700);
            ok[28] = 4;
            ok[29] = 2; // SACK permitted (ignored)
            ok[30] = 0; // EOL
            p.PeerPort = 40001;
            NetOrder.WriteUInt16(ok, 0, 40001);
            Raw(p, ok, 32, true);
            SentSegment synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(20 + 4, synAck.HeaderLength); // we offer nothing but MSS
        }

        [TestMethod]
        public void BroadcastAndMulticastAreNeverAnswered()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.OpenListener(4);
            byte[] seg = Header(p, 20, TcpFlags.Syn);
            uint sum = InternetChecksum.AddPseudoHeader(0, ScriptedPeer.PeerIp, 0x0A0000FF, IpProtocol.Tcp, 20);
            seg[16] = 0;
            seg[17] = 0;
            NetOrder.WriteUInt16(seg, 16, InternetChecksum.Finish(InternetChecksum.Add(sum, seg, 0, 20)));
            p.Layer.Receive(ScriptedPeer.PeerIp, 0x0A0000FF, true, seg, 0, 20, p.Now);
            p.ExpectNothing();
            seg[16] = 0;
            seg[17] = 0;
            sum = InternetChecksum.AddPseudoHeader(0, ScriptedPeer.PeerIp, 0xE0000001, IpProtocol.Tcp, 20);
            NetOrder.WriteUInt16(seg, 16, InternetChecksum.Finish(InternetChecksum.Add(sum, seg, 0, 20)));
            p.Layer.Receive(ScriptedPeer.PeerIp, 0xE0000001, false, seg, 0, 20, p.Now);
            p.ExpectNothing();
            Assert.AreEqual(2, p.Layer.Counters.NotUnicast);
        }

        [TestMethod]
        public void IcmpQuotesThatAreTooShortAreIgnored()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1460);
            p.Layer.IcmpError(3, 1, ScriptedPeer.PeerIp, new byte[24], 20, 4, p.Now);
            p.Layer.IcmpError(3, 1, ScriptedPeer.PeerIp, new byte[10], 20, 8, p.Now);
            p.Layer.IcmpError(3, 1, ScriptedPeer.PeerIp, null, 20, 8, p.Now);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
        }

        [TestMethod]
        public void SeededFuzzNeverThrowsAndTheLayerKeepsWorking()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            p.PassiveHandshake(1460);
            int h;
            uint a;
            int port;
            p.Layer.Accept(listener, out h, out a, out port);
            p.Write(h, ScriptedPeer.Bytes(3000, 1));
            p.Poll();
            p.Ip.Clear();

            int receivedBefore = p.Layer.Counters.SegmentsReceived;
            Random rng = new Random(1234);
            byte[] seg = new byte[200];
            int handed = 0;
            for (int i = 0; i < TestScale.FuzzIterations; i++)
            {
                // Start from a plausible segment for the live connection, the listener or a closed port.
                int kind = rng.Next(3);
                int length = 20 + rng.Next(80);
                Array.Clear(seg, 0, seg.Length);
                NetOrder.WriteUInt16(seg, 0, kind == 0 ? p.PeerPort : 30000 + rng.Next(100));
                NetOrder.WriteUInt16(seg, 2, kind == 2 ? 81 : 80);
                NetOrder.WriteUInt32(seg, 4, p.PeerNxt + (uint)(rng.Next(20000) - 10000));
                NetOrder.WriteUInt32(seg, 8, p.PeerAck + (uint)(rng.Next(20000) - 10000));
                seg[12] = (byte)((5 + rng.Next(4)) << 4);
                seg[13] = (byte)rng.Next(64);
                NetOrder.WriteUInt16(seg, 14, rng.Next(65536));
                for (int k = 20; k < length; k++)
                {
                    seg[k] = (byte)rng.Next(256);
                }

                if (rng.Next(2) == 0)
                {
                    for (int k = 20; k < (seg[12] >> 4) * 4; k++)
                    {
                        seg[k] = 1; // NOP options: let more segments through to the state machine
                    }
                }

                int flips = rng.Next(4);
                for (int k = 0; k < flips; k++)
                {
                    seg[rng.Next(length)] ^= (byte)(1 << rng.Next(8));
                }

                if (rng.Next(10) == 0)
                {
                    length = rng.Next(length + 1);
                }

                Raw(p, seg, length, rng.Next(4) != 0); // mostly valid checksums, to reach the state machine
                handed++;
                if ((i & 63) == 0)
                {
                    p.Now += rng.Next(3000);
                    p.Poll();
                }

                p.Ip.Clear();
            }

            Assert.AreEqual(handed, p.Layer.Counters.SegmentsReceived - receivedBefore); // every one reached the layer and returned
            Assert.AreEqual(0, p.Ip.BadChecksums);
            OutputHelper.WriteLine("fuzz: " + handed.ToString() + " segments; malformed " + p.Layer.Counters.Malformed.ToString()
                + ", bad checksum " + p.Layer.Counters.BadChecksum.ToString() + ", RST sent " + p.Layer.Counters.ResetsSent.ToString()
                + ", challenge ACKs " + p.Layer.Counters.ChallengeAcks.ToString());

            // Whatever happened to the fuzzed connection, the layer still serves a fresh client.
            p.Layer.Abort(h, p.Now);
            p.Ip.Clear();
            p.Now += 1000000;
            p.Poll();
            p.Ip.Clear();
            p.PeerPort = 45000;
            p.PeerIss = 777;
            p.PassiveHandshake(1460);
            int h2;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h2, out a, out port));
            Assert.AreEqual(45000, port);
            p.SendData(ScriptedPeer.Bytes(10, 3));
            Assert.AreEqual(10, p.Read(h2, 100).Length);
        }
    }
}
