using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>RFC 5961 defences against blind RST, SYN and data injection.</summary>
    [TestClass]
    public class TcpRfc5961Tests
    {
        [TestMethod]
        public void ExactRstResetsTheConnection()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.SendData(ScriptedPeer.Bytes(10, 1));
            p.Send(p.PeerNxt, 0, TcpFlags.Rst, 0, null, 0);
            p.ExpectNothing();
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
            Assert.AreEqual(TcpStatus.Error, p.Layer.Status(h) & TcpStatus.Error);
            Assert.AreEqual(10, p.Read(h, 100).Length); // data that came before the reset is still read
            byte[] b = new byte[4];
            int n;
            Assert.AreEqual((int)SocketError.ConnectionReset, (int)p.Layer.Receive(h, b, 0, 4, out n));
            Assert.AreEqual((int)SocketError.ConnectionReset, (int)p.Layer.Send(h, b, 0, 4, out n));
            Assert.AreEqual(1, p.Layer.Counters.ConnectionsReset);
        }

        [TestMethod]
        public void InWindowRstGetsAChallengeAck()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Send(p.PeerNxt + 100, 0, TcpFlags.Rst, 0, null, 0);
            SentSegment challenge = p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(p.LayerIss + 1, challenge.Seq);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            Assert.AreEqual(1, p.Layer.Counters.ChallengeAcks);
        }

        [TestMethod]
        public void OutOfWindowRstIsIgnored()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Send(p.PeerNxt + 100000, 0, TcpFlags.Rst, 0, null, 0);
            p.Send(p.PeerNxt - 1, 0, TcpFlags.Rst, 0, null, 0);
            p.ExpectNothing();
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
        }

        [TestMethod]
        public void SynInEstablishedGetsAChallengeAck()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Send(p.PeerNxt + 10, 0, TcpFlags.Syn, 8192, null, 1460);
            p.ExpectAck(p.PeerNxt);
            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 1460); // the old SYN again
            p.ExpectAck(p.PeerNxt);
            Assert.AreEqual((int)TcpState.Established, (int)p.Layer.GetState(h));
            Assert.AreEqual(2, p.Layer.Counters.ChallengeAcks);
        }

        [TestMethod]
        public void AckOfUnsentDataOrTooOldIsAnsweredAndDropped()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            byte[] d = ScriptedPeer.Bytes(10, 1);
            p.Send(p.PeerNxt, p.LayerIss + 1000, TcpFlags.Ack, 8192, d, 0); // acknowledges the future
            p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(0, p.Layer.Available(h));
            p.Send(p.PeerNxt, p.LayerIss - 100000, TcpFlags.Ack, 8192, d, 0); // far in the past
            p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(0, p.Layer.Available(h));
            p.Send(p.PeerNxt, p.LayerIss, TcpFlags.Ack, 8192, d, 0); // old but plausible: data taken
            Assert.AreEqual(10, p.Layer.Available(h));
        }

        [TestMethod]
        public void ChallengeAcksAreRateLimited()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.ChallengeAckLimitPerSecond = 3;
            ScriptedPeer p = new ScriptedPeer(config);
            p.PassiveOpen();
            for (int i = 0; i < 5; i++)
            {
                p.Send(p.PeerNxt + 10 + (uint)i, 0, TcpFlags.Rst, 0, null, 0);
            }

            Assert.AreEqual(3, p.Ip.Count);
            Assert.AreEqual(2, p.Layer.Counters.ChallengeAcksSuppressed);
            p.Ip.Clear();
            p.Now += 1000;
            p.Send(p.PeerNxt + 10, 0, TcpFlags.Rst, 0, null, 0);
            p.ExpectAck(p.PeerNxt);
        }

        [TestMethod]
        public void RstInSynReceivedNeedsTheExactSequence()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 1460);
            SentSegment synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            p.Send(p.PeerIss + 50, 0, TcpFlags.Rst, 0, null, 0); // inexact: entry survives
            p.Send(p.PeerIss + 1, synAck.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            int h;
            uint a;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out a, out port));

            p.PeerPort = 40001;
            p.Send(p.PeerIss, 0, TcpFlags.Syn, 8192, null, 1460);
            synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            p.Send(p.PeerIss + 1, 0, TcpFlags.Rst, 0, null, 0); // exact: entry gone
            p.Send(p.PeerIss + 1, synAck.Seq + 1, TcpFlags.Ack, 8192, null, 0);
            Assert.AreEqual(synAck.Seq + 1, p.Expect(TcpFlags.Rst).Seq);
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Accept(listener, out h, out a, out port));
        }

        [TestMethod]
        public void TimeWaitRstRules()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Layer.Close(h, p.Now);
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            p.PeerAck = fin.Seq + 1;
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1);
            p.PeerNxt++;
            Assert.AreEqual(1, p.Layer.TimeWaitCount);
            p.Send(p.PeerNxt + 100000, 0, TcpFlags.Rst, 0, null, 0); // out of window
            p.ExpectNothing();
            p.Send(p.PeerNxt + 10, 0, TcpFlags.Rst, 0, null, 0); // in window: challenge
            p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(1, p.Layer.TimeWaitCount);
            p.Send(p.PeerNxt, 0, TcpFlags.Rst, 0, null, 0); // exact
            Assert.AreEqual(0, p.Layer.TimeWaitCount);
        }
    }
}
