using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>How a non-blocking connect fails, each way distinct.</summary>
    [TestClass]
    public class TcpConnectErrorTests
    {
        private static int Connect(ScriptedPeer p, out SentSegment syn)
        {
            int h;
            p.Layer.Open(out h);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(h, 0, p.LocalPort));
            Assert.AreEqual((int)SocketError.InProgress, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now));
            syn = p.Expect(TcpFlags.Syn);
            return h;
        }

        [TestMethod]
        public void RstToSynMeansConnectionRefused()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = Connect(p, out syn);
            p.Send(0, syn.Seq + 1, TcpFlags.Rst, 0, null, 0); // no ACK bit: not acceptable
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            p.Send(0, syn.Seq + 5, TcpFlags.Rst | TcpFlags.Ack, 0, null, 0); // wrong ACK: ignored
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            p.ExpectNothing();
            p.Send(0, syn.Seq + 1, TcpFlags.Rst | TcpFlags.Ack, 0, null, 0);
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual((int)SocketError.ConnectionRefused, (int)p.Layer.GetError(h));
            Assert.AreEqual(TcpStatus.Error, p.Layer.Status(h) & TcpStatus.Error);
            byte[] b = new byte[4];
            int n;
            Assert.AreEqual((int)SocketError.ConnectionRefused, (int)p.Layer.Receive(h, b, 0, 4, out n));
            Assert.AreEqual((int)SocketError.ConnectionRefused, (int)p.Layer.Send(h, b, 0, 4, out n));
            p.ExpectNothing();
        }

        [TestMethod]
        public void BadAckToSynIsAnsweredWithReset()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = Connect(p, out syn);
            p.Send(5000, syn.Seq + 77, TcpFlags.Syn | TcpFlags.Ack, 8192, null, 0);
            SentSegment rst = p.Expect(TcpFlags.Rst);
            Assert.AreEqual(syn.Seq + 77, rst.Seq);
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
        }

        [TestMethod]
        public void SilentHostTimesOutAfterSynRetriesWithDoublingIntervals()
        {
            ScriptedPeer p = new ScriptedPeer();
            long t0 = p.Now;
            SentSegment syn;
            int h = Connect(p, out syn);
            // RTO 1 s doubling (RFC 6298 §5.5): retries at +1, +3, +7, +15, +31 s.
            long previous = t0;
            long interval = p.Config.InitialRtoMs;
            for (int i = 0; i < p.Config.SynRetries; i++)
            {
                Assert.IsTrue(p.RunUntilSegment(t0 + 200000));
                SentSegment again = p.Expect(TcpFlags.Syn);
                Assert.AreEqual(syn.Seq, again.Seq);
                Assert.AreEqual(previous + interval, again.TimeMs);
                previous = again.TimeMs;
                interval *= 2;
                Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            }

            Assert.IsFalse(p.RunUntilSegment(previous + interval - 1));
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            p.AdvanceTo(previous + interval);
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual((int)SocketError.TimedOut, (int)p.Layer.GetError(h));
            Assert.AreEqual(63000, previous + interval - t0);
            p.ExpectNothing(); // no RST to a host that never answered
        }

        [TestMethod]
        [DataRow(3, 1, (int)SocketError.HostUnreachable)]
        [DataRow(3, 3, (int)SocketError.ConnectionRefused)]
        [DataRow(3, 2, (int)SocketError.ConnectionRefused)]
        [DataRow(3, 0, (int)SocketError.NetworkUnreachable)]
        [DataRow(3, 13, (int)SocketError.HostUnreachable)]
        [DataRow(11, 0, (int)SocketError.HostUnreachable)]
        public void IcmpErrorDuringSynSentEndsTheConnect(int type, int code, int expected)
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = Connect(p, out syn);
            byte[] quoted = Quote(p, syn.Seq + 1); // wrong sequence: ignored (RFC 5927)
            p.Layer.IcmpError(type, code, ScriptedPeer.PeerIp, quoted, 20, 8, p.Now);
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            quoted = Quote(p, syn.Seq);
            p.Layer.IcmpError(type, code, ScriptedPeer.PeerIp, quoted, 20, 8, p.Now);
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual(expected, (int)p.Layer.GetError(h));
        }

        [TestMethod]
        public void FragmentationNeededIsIgnored()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = Connect(p, out syn);
            p.Layer.IcmpError(3, 4, ScriptedPeer.PeerIp, Quote(p, syn.Seq), 20, 8, p.Now);
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
        }

        [TestMethod]
        public void IcmpInEstablishedIsASoftErrorReportedOnTimeout()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.DataRetries = 2;
            ScriptedPeer p = new ScriptedPeer(config);
            int h = p.ActiveOpen(1460);
            p.Write(h, ScriptedPeer.Bytes(10, 1));
            p.Poll();
            SentSegment d = p.Expect(TcpFlags.Ack);
            p.Layer.IcmpError(3, 1, ScriptedPeer.PeerIp, Quote(p, d.Seq), 20, 8, p.Now);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.GetError(h));
            Assert.AreEqual((int)SocketError.HostUnreachable, (int)p.Layer.GetSoftError(h));
            for (int i = 0; i < 10 && p.Layer.GetState(h) != TcpState.Closed; i++)
            {
                p.RunUntilSegment(p.Now + 100000);
                p.Ip.Clear();
            }

            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual((int)SocketError.HostUnreachable, (int)p.Layer.GetError(h));
        }

        [TestMethod]
        public void ArpFailureAfterPendingGivesHostUnreachable()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.Ip.SendResult = IpSendResult.Pending;
            p.Ip.Route = IpSendResult.Pending;
            SentSegment syn;
            int h = Connect(p, out syn);
            p.AdvanceTo(p.Now + 500);
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            p.Ip.Route = IpSendResult.HostUnreachable; // ARP gave up
            p.AdvanceTo(p.Now + 1);
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual((int)SocketError.HostUnreachable, (int)p.Layer.GetError(h));
        }

        [TestMethod]
        public void UnreachableOnTheFirstSynFailsConnectAtOnce()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.Ip.SendResult = IpSendResult.HostUnreachable;
            int h;
            p.Layer.Open(out h);
            Assert.AreEqual((int)SocketError.HostUnreachable, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, 80, p.Now));
            Assert.AreEqual((int)SocketError.HostUnreachable, (int)p.Layer.GetError(h));
            // The socket can try again.
            p.Ip.SendResult = IpSendResult.Sent;
            Assert.AreEqual((int)SocketError.InProgress, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, 80, p.Now));
        }

        [TestMethod]
        public void NoRouteIsNetworkUnreachableAtOnce()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.Ip.Route = IpSendResult.NetworkUnreachable;
            int h;
            p.Layer.Open(out h);
            Assert.AreEqual((int)SocketError.NetworkUnreachable, (int)p.Layer.Connect(h, 0x0B000001, 80, p.Now));
            p.ExpectNothing();
            p.Ip.Route = IpSendResult.Sent;
            p.Ip.LocalAddress = 0; // unconfigured interface
            Assert.AreEqual((int)SocketError.NetworkUnreachable, (int)p.Layer.Connect(h, 0x0B000001, 80, p.Now));
            Assert.AreEqual((int)SocketError.InvalidArgument, (int)p.Layer.Connect(h, 0xFFFFFFFF, 80, p.Now));
        }

        /// <summary>An ICMP quote: IPv4 header (20 bytes) + our TCP header's first 8 bytes.</summary>
        private static byte[] Quote(ScriptedPeer p, uint seq)
        {
            byte[] q = new byte[28];
            q[0] = 0x45;
            NetOrder.WriteUInt32(q, 12, ScriptedPeer.LocalIp);
            NetOrder.WriteUInt32(q, 16, ScriptedPeer.PeerIp);
            NetOrder.WriteUInt16(q, 20, p.LocalPort);
            NetOrder.WriteUInt16(q, 22, p.PeerPort);
            NetOrder.WriteUInt32(q, 24, seq);
            return q;
        }
    }
}
