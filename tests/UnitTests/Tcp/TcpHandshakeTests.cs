using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Opening connections both ways, MSS negotiation, request/answer.</summary>
    [TestClass]
    public class TcpHandshakeTests
    {
        [TestMethod]
        public void PassiveOpenAnswersSynAckWithMssAndAccepts()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Accept(listener, out h, out addr, out port));

            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 1000);
            SentSegment synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(p.PeerIss + 1, synAck.Ack);
            Assert.AreEqual(1460, synAck.Mss);
            Assert.AreEqual(4096, synAck.Window);
            Assert.AreEqual(0, p.Layer.Status(listener) & TcpStatus.Readable);
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Accept(listener, out h, out addr, out port));

            p.Send(p.PeerIss + 1, synAck.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            p.ExpectNothing();
            Assert.AreEqual(TcpStatus.Readable, p.Layer.Status(listener) & TcpStatus.Readable);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(ScriptedPeer.PeerIp, addr);
            Assert.AreEqual(p.PeerPort, port);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            TcpInfo info = new TcpInfo();
            Assert.IsTrue(p.Layer.GetInfo(h, info));
            Assert.AreEqual(1000, info.SendMss); // min(peer 1000, ours 1460)
            Assert.AreEqual(1, p.Layer.Counters.PassiveOpens);
            uint la;
            int lp;
            p.Layer.GetLocalEndPoint(h, out la, out lp);
            Assert.AreEqual(ScriptedPeer.LocalIp, la);
            Assert.AreEqual(80, lp);
        }

        [TestMethod]
        public void ActiveOpenSendsSynWithMssAndCompletes()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h;
            p.Layer.Open(out h);
            Assert.AreEqual((int)SocketError.InProgress, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now));
            Assert.AreEqual((int)TcpState.SynSent, (int)p.Layer.GetState(h));
            Assert.AreEqual(0, p.Layer.Status(h) & TcpStatus.Writable);
            SentSegment syn = p.Expect(TcpFlags.Syn);
            Assert.AreEqual(1460, syn.Mss);
            Assert.AreEqual(4096, syn.Window);
            Assert.IsTrue(syn.SourcePort >= p.Config.EphemeralPortFirst && syn.SourcePort <= p.Config.EphemeralPortLast);
            p.LocalPort = syn.SourcePort;
            Assert.AreEqual((int)SocketError.AlreadyInProgress, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now));

            p.Send(p.PeerIss, syn.Seq + 1, TcpFlags.Syn | TcpFlags.Ack, 6000, null, 700);
            p.ExpectAck(p.PeerIss + 1);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            Assert.AreEqual(TcpStatus.Writable, p.Layer.Status(h) & TcpStatus.Writable);
            TcpInfo info = new TcpInfo();
            p.Layer.GetInfo(h, info);
            Assert.AreEqual(700, info.SendMss);
            Assert.AreEqual(6000, info.SndWnd);
            Assert.AreEqual((int)SocketError.IsConnected, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now));
        }

        [TestMethod]
        public void MssDefaultsTo536AndIsCappedByTheLink()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.Ip.MaxTransportLength = 576 - 20; // a 576-byte IP MTU
            int listener = p.OpenListener(2);
            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 0); // no MSS option
            SentSegment synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(536, synAck.Mss); // 576 − 40
            p.Send(p.PeerIss + 1, synAck.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            int h;
            uint a;
            int port;
            p.Layer.Accept(listener, out h, out a, out port);
            TcpInfo info = new TcpInfo();
            p.Layer.GetInfo(h, info);
            Assert.AreEqual(536, info.SendMss);

            // Peer offers more than our link allows: we still send at most our MSS.
            ScriptedPeer q = new ScriptedPeer();
            q.Ip.MaxTransportLength = 1000;
            int hq = q.ActiveOpen(1460);
            q.Layer.GetInfo(hq, info);
            Assert.AreEqual(980, info.SendMss);
            q.Write(hq, ScriptedPeer.Bytes(3000, 1));
            q.Poll();
            SentSegment first = q.Expect(TcpFlags.Ack);
            Assert.AreEqual(980, first.Data.Length);
        }

        [TestMethod]
        public void RequestAndAnswerPiggybackTheAck()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            byte[] request = ScriptedPeer.Bytes(100, 3);
            p.SendData(request);
            p.ExpectNothing(); // delayed ACK
            Assert.AreEqual(100, p.Layer.Available(h));
            Bytes.AreEqual(request, p.Read(h, 1000));
            byte[] answer = ScriptedPeer.Bytes(300, 9);
            p.Write(h, answer);
            Assert.IsTrue(p.Layer.PollNeeded);
            p.Poll();
            SentSegment s = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(p.PeerNxt, s.Ack); // ACK of the request rides on the answer
            Assert.AreEqual(p.LayerIss + 1, s.Seq);
            Assert.IsTrue(s.Has(TcpFlags.Psh));
            Bytes.AreEqual(answer, s.Data);
            p.ExpectNothing();
            p.PeerAck += 300;
            p.Send(TcpFlags.Ack);
            p.ExpectNothing();
            TcpInfo info = new TcpInfo();
            p.Layer.GetInfo(h, info);
            Assert.AreEqual(0, info.SendQueued);
            Assert.AreEqual(long.MaxValue, info.RetransmitAt);
        }

        [TestMethod]
        public void SimultaneousOpenGoesThroughSynReceived()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h;
            p.Layer.Open(out h);
            p.Layer.Bind(h, 0, p.LocalPort);
            p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now);
            SentSegment syn = p.Expect(TcpFlags.Syn);
            // The peer's own SYN crosses ours.
            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 1200);
            SentSegment synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(syn.Seq, synAck.Seq);
            Assert.AreEqual(p.PeerIss + 1, synAck.Ack);
            Assert.AreEqual((int)TcpState.SynReceived, (int)p.Layer.GetState(h));
            // Then the peer's SYN-ACK (answering our SYN) arrives.
            p.Send(p.PeerIss, syn.Seq + 1, TcpFlags.Syn | TcpFlags.Ack, 8192, null, 1200);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            p.ExpectAck(p.PeerIss + 1);
            TcpInfo info = new TcpInfo();
            p.Layer.GetInfo(h, info);
            Assert.AreEqual(1200, info.SendMss);
        }

        [TestMethod]
        public void SimultaneousOpenAlsoCompletesOnPlainAck()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h;
            p.Layer.Open(out h);
            p.Layer.Bind(h, 0, p.LocalPort);
            p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now);
            SentSegment syn = p.Expect(TcpFlags.Syn);
            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 0);
            p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            p.Send(p.PeerIss + 1, syn.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
        }
    }
}
