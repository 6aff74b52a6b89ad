using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Closing from either side, half-close, simultaneous close, TIME-WAIT, aborts and linger.</summary>
    [TestClass]
    public class TcpCloseTests
    {
        [TestMethod]
        public void ActiveCloseGoesThroughFinWaitToTimeWaitTable()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            int freeBefore = p.Layer.FreeSockets;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Close(h, p.Now));
            Assert.AreEqual(TcpStatus.Invalid, p.Layer.Status(h));
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            Assert.AreEqual(p.LayerIss + 1, fin.Seq);
            Assert.AreEqual(p.PeerNxt, fin.Ack);
            Assert.AreEqual(freeBefore, p.Layer.FreeSockets); // the orphan still finishes its close

            p.PeerAck = fin.Seq + 1;
            p.Send(TcpFlags.Ack); // FIN-WAIT-2
            p.ExpectNothing();
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1);
            Assert.AreEqual(1, p.Layer.TimeWaitCount);
            Assert.AreEqual(freeBefore + 1, p.Layer.FreeSockets); // slot freed on entering TIME-WAIT

            // The peer missed our ACK and sends FIN again: ACK again, from the table.
            p.Now += 1000;
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1);
            Assert.AreEqual(1, p.Layer.Counters.TimeWaitReacks);

            long twEnd = p.Now + 2L * p.Config.MslMs; // the re-ACK restarted 2 MSL
            p.AdvanceTo(twEnd - 1);
            Assert.AreEqual(1, p.Layer.TimeWaitCount);
            p.AdvanceTo(twEnd);
            Assert.AreEqual(0, p.Layer.TimeWaitCount);
        }

        [TestMethod]
        public void PeerCloseGivesEndOfStreamThenLastAck()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.SendData(ScriptedPeer.Bytes(10, 1));
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1); // FIN is acknowledged at once
            p.PeerNxt++;
            Assert.AreEqual((int)TcpState.CloseWait, (int)p.Layer.GetState(h));
            Assert.AreEqual(TcpStatus.RemoteClosed | TcpStatus.Readable | TcpStatus.Writable, p.Layer.Status(h));
            Assert.AreEqual(10, p.Read(h, 100).Length);
            byte[] b = new byte[10];
            int n;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Receive(h, b, 0, 10, out n));
            Assert.AreEqual(0, n); // end of stream
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Receive(h, b, 0, 10, out n));
            Assert.AreEqual(0, n);

            // Half-closed by the peer: we can still send.
            p.Write(h, ScriptedPeer.Bytes(20, 2));
            p.Poll();
            SentSegment data = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(20, data.Data.Length);
            p.PeerAck += 20;
            p.Send(TcpFlags.Ack);

            int freeBefore = p.Layer.FreeSockets;
            p.Layer.Close(h, p.Now);
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            Assert.AreEqual(p.PeerAck, fin.Seq);
            p.PeerAck++;
            p.Send(TcpFlags.Ack);
            Assert.AreEqual(freeBefore + 1, p.Layer.FreeSockets);
            Assert.AreEqual(0, p.Layer.TimeWaitCount); // the passive closer has no TIME-WAIT
        }

        [TestMethod]
        public void HalfCloseKeepsReceivingUntilPeerFin()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Shutdown(h, TcpShutdown.Send, p.Now));
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            Assert.AreEqual((int)TcpState.FinWait1, (int)p.Layer.GetState(h));
            int sent;
            Assert.AreEqual((int)SocketError.Shutdown, (int)p.Layer.Send(h, new byte[1], 0, 1, out sent));
            p.PeerAck = fin.Seq + 1;
            p.Send(TcpFlags.Ack);
            Assert.AreEqual((int)TcpState.FinWait2, (int)p.Layer.GetState(h));

            byte[] all = ScriptedPeer.Bytes(3000, 5);
            byte[] part = new byte[1000];
            for (int i = 0; i < 3; i++)
            {
                System.Array.Copy(all, i * 1000, part, 0, 1000);
                p.SendData(part);
            }

            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.Expect(TcpFlags.Ack); // ACK on the second segment
            p.ExpectAck(p.PeerNxt + 1); // and for the FIN
            Assert.AreEqual((int)TcpState.TimeWait, (int)p.Layer.GetState(h)); // the handle still reads
            Assert.AreEqual(1, p.Layer.TimeWaitCount);
            Bytes.AreEqual(all, p.Read(h, 5000));
            Assert.AreEqual(0, p.Read(h, 10).Length);
            p.Layer.Close(h, p.Now);
            Assert.AreEqual(p.Config.TcpSockets - 1, p.Layer.FreeSockets); // only the listener left
        }

        [TestMethod]
        public void DataAndFinInOneSegment()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            byte[] d = ScriptedPeer.Bytes(50, 4);
            p.Send(p.PeerNxt, p.PeerAck, TcpFlags.Ack | TcpFlags.Fin | TcpFlags.Psh, 8192, d, 0);
            p.ExpectAck(p.PeerNxt + 51);
            Bytes.AreEqual(d, p.Read(h, 100));
            Assert.AreEqual(0, p.Read(h, 100).Length);
        }

        [TestMethod]
        public void SimultaneousCloseGoesThroughClosing()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Layer.Shutdown(h, TcpShutdown.Send, p.Now);
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            // The peer's FIN crosses ours: it does not acknowledge our FIN yet.
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            p.ExpectAck(p.PeerNxt + 1);
            p.PeerNxt++;
            Assert.AreEqual((int)TcpState.Closing, (int)p.Layer.GetState(h));
            p.PeerAck = fin.Seq + 1;
            p.Send(TcpFlags.Ack);
            Assert.AreEqual((int)TcpState.TimeWait, (int)p.Layer.GetState(h));
            Assert.AreEqual(1, p.Layer.TimeWaitCount);
            p.ExpectNothing();
        }

        [TestMethod]
        public void CloseWithUnreadDataResets()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.SendData(ScriptedPeer.Bytes(10, 1));
            p.Layer.Close(h, p.Now);
            SentSegment rst = p.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(p.LayerIss + 1, rst.Seq);
            Assert.AreEqual(p.Config.TcpSockets - 1, p.Layer.FreeSockets);
        }

        [TestMethod]
        public void LingerZeroResetsAndAbortResets()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Layer.SetLinger(h, true, 0);
            p.Layer.Close(h, p.Now);
            p.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(0, p.Layer.TimeWaitCount);

            ScriptedPeer q = new ScriptedPeer();
            int h2 = q.ActiveOpen(1460);
            q.Write(h2, ScriptedPeer.Bytes(10, 1));
            q.Poll();
            q.Expect(TcpFlags.Ack);
            q.Layer.Abort(h2, q.Now);
            SentSegment rst = q.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(q.LayerIss + 11, rst.Seq); // <SEQ=SND.NXT>
            Assert.AreEqual(1, q.Layer.Counters.ConnectionsAborted);
            Assert.AreEqual(TcpStatus.Invalid, q.Layer.Status(h2));
        }

        [TestMethod]
        public void LingerTimeoutResetsWhenFinIsNotAcknowledged()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Layer.SetLinger(h, true, 2);
            p.Write(h, ScriptedPeer.Bytes(100, 1));
            long closedAt = p.Now;
            p.Layer.Close(h, p.Now);
            SentSegment s = p.Expect(TcpFlags.Ack | TcpFlags.Fin);
            Assert.AreEqual(100, s.Data.Length);
            // The peer never answers: retransmissions, then the RST at the linger deadline.
            SentSegment last = null;
            while (p.RunUntilSegment(closedAt + 10000))
            {
                last = p.Expect();
                if (last.IsRst)
                {
                    break;
                }
            }

            Assert.IsNotNull(last);
            Assert.IsTrue(last.IsRst);
            Assert.AreEqual(closedAt + 2000, last.TimeMs);
            Assert.AreEqual(p.Config.TcpSockets - 1, p.Layer.FreeSockets);
        }

        [TestMethod]
        public void OrphanInFinWait2EndsQuietlyAfterDefaultLinger()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Layer.Close(h, p.Now);
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            p.PeerAck = fin.Seq + 1;
            p.Send(TcpFlags.Ack);
            Assert.AreEqual(p.Config.TcpSockets - 2, p.Layer.FreeSockets);
            p.AdvanceTo(p.Now + p.Config.DefaultLingerMs);
            p.ExpectNothing();
            Assert.AreEqual(p.Config.TcpSockets - 1, p.Layer.FreeSockets);
        }

        [TestMethod]
        public void DataToAClosedSocketIsAnsweredWithReset()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.PassiveOpen();
            p.Layer.Close(h, p.Now);
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            p.PeerAck = fin.Seq + 1;
            p.SendData(ScriptedPeer.Bytes(10, 1));
            p.Expect(TcpFlags.Rst | TcpFlags.Ack);
            Assert.AreEqual(p.Config.TcpSockets - 1, p.Layer.FreeSockets);
        }

        [TestMethod]
        public void NewSynWithHigherSequenceReopensTimeWaitPair()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.PassiveOpen();
            // Find the accepted handle again by closing via the peer first: peer FIN, we close.
            ScriptedPeer q = new ScriptedPeer();
            int listener = q.OpenListener(4);
            q.PassiveHandshake(1460);
            int h;
            uint a;
            int port;
            q.Layer.Accept(listener, out h, out a, out port);
            q.Layer.Close(h, q.Now);
            SentSegment fin = q.Expect(TcpFlags.Fin | TcpFlags.Ack);
            q.PeerAck = fin.Seq + 1;
            q.Send(TcpFlags.Fin | TcpFlags.Ack);
            q.ExpectAck(q.PeerNxt + 1);
            Assert.AreEqual(1, q.Layer.TimeWaitCount);

            // An old-sequence SYN gets a challenge ACK; a newer one reaches the listener.
            q.Send(q.PeerIss, 0, TcpFlags.Syn, 8192, null, 1460);
            q.ExpectAck(q.PeerNxt + 1);
            q.Now += 5;
            q.Send(q.PeerNxt + 100000, 0, TcpFlags.Syn, 8192, null, 1460);
            SentSegment synAck = q.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(q.PeerNxt + 100001, synAck.Ack);
            Assert.AreEqual(0, q.Layer.TimeWaitCount);
        }
    }
}
