using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>RFC 7323 timestamps: negotiation, the option on every segment, RTTM, TS.Recent, PAWS.</summary>
    [TestClass]
    public class TcpTimestampTests
    {
        /// <summary>connect() with timestamps answered: returns the handle; the peer's TSval is 5000 on the SYN-ACK.</summary>
        private static int ActiveOpenWithTimestamps(ScriptedPeer p, int rttMs, out SentSegment syn)
        {
            int h;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Open(out h));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(h, 0, p.LocalPort));
            Assert.AreEqual((int)SocketError.InProgress, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now));
            syn = p.Expect(TcpFlags.Syn);
            p.LayerIss = syn.Seq;
            p.Now += rttMs;
            p.PeerTimestamps = true;
            p.PeerTsVal = 5000;
            p.PeerTsEcr = syn.TsVal;
            p.Send(p.PeerIss, p.LayerIss + 1, TcpFlags.Syn | TcpFlags.Ack, p.PeerWindow, null, 1460);
            p.PeerNxt = p.PeerIss + 1;
            p.PeerAck = p.LayerIss + 1;
            return h;
        }

        [TestMethod]
        public void ActiveOpenOffersTimestampsAndKeepsThemWhenTheSynAckCarriesThem()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = ActiveOpenWithTimestamps(p, 40, out syn);
            Assert.IsTrue(syn.HasTimestamp, "the SYN offers timestamps");
            Assert.AreEqual(0u, syn.TsEcr, "no ACK on the SYN: TSecr is zero");
            Assert.AreEqual(1460, syn.Mss, "the MSS option is still there");

            SentSegment ack = p.ExpectAck(p.PeerNxt);
            Assert.IsTrue(ack.HasTimestamp);
            Assert.AreEqual(5000u, ack.TsEcr, "the ACK echoes the SYN-ACK's TSval");
            Assert.AreEqual(40u, ack.TsVal - syn.TsVal, "TSval runs on the millisecond clock");
            TcpInfo info = p.Info(h);
            Assert.IsTrue(info.Timestamps);
            Assert.AreEqual(40, info.Srtt, "RTT from the SYN-ACK's echo");
            Assert.AreEqual(1448, info.SendMss, "1460 less the 12 bytes of the option in every segment");

            p.Write(h, ScriptedPeer.Bytes(3000, 1));
            p.Poll();
            SentSegment first = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(1448, first.Data.Length);
            Assert.AreEqual(32, first.HeaderLength);
            Assert.IsTrue(first.HasTimestamp && first.TsEcr == 5000);
        }

        [TestMethod]
        public void NoTimestampsWhenThePeerDoesNotAnswerTheOffer()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1460); // SYN-ACK without the option
            TcpInfo info = p.Info(h);
            Assert.IsFalse(info.Timestamps);
            Assert.AreEqual(1460, info.SendMss);
            p.Write(h, ScriptedPeer.Bytes(100, 1));
            p.Poll();
            SentSegment s = p.Expect(TcpFlags.Ack);
            Assert.IsFalse(s.HasTimestamp);
            Assert.AreEqual(20, s.HeaderLength);
        }

        [TestMethod]
        public void PassiveOpenAnswersTheOfferOnlyWhenMadeAndEnabled()
        {
            ScriptedPeer p = new ScriptedPeer();
            p.OpenListener(4);
            p.PeerTimestamps = true;
            p.PeerTsVal = 777;
            p.Send(p.PeerIss, 0, TcpFlags.Syn, p.PeerWindow, null, 1460);
            SentSegment synAck = p.Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.IsTrue(synAck.HasTimestamp);
            Assert.AreEqual(777u, synAck.TsEcr);
            Assert.AreEqual(1460, synAck.Mss);

            ScriptedPeer plain = new ScriptedPeer();
            plain.OpenListener(4);
            plain.Send(plain.PeerIss, 0, TcpFlags.Syn, plain.PeerWindow, null, 1460);
            Assert.IsFalse(plain.Expect(TcpFlags.Syn | TcpFlags.Ack).HasTimestamp, "no offer, no option");

        }

        [TestMethod]
        public void ConfigurationSwitchesTimestampsOff()
        {
            NetConfig off = ScriptedPeer.DefaultConfig();
            off.TcpTimestamps = false;
            ScriptedPeer p = new ScriptedPeer(off);
            p.OpenListener(4);
            p.PeerTimestamps = true;
            p.Send(p.PeerIss, 0, TcpFlags.Syn, p.PeerWindow, null, 1460);
            Assert.IsFalse(p.Expect(TcpFlags.Syn | TcpFlags.Ack).HasTimestamp, "the offer is declined");

            int h;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Open(out h));
            Assert.AreEqual((int)SocketError.InProgress, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, p.PeerPort, p.Now));
            SentSegment syn = p.Expect(TcpFlags.Syn);
            Assert.IsFalse(syn.HasTimestamp, "and none is made");
            Assert.AreEqual(24, syn.HeaderLength);
        }

        [TestMethod]
        public void PassiveConnectionEchoesTheNewestTimestampOnData()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            p.PeerTimestamps = true;
            p.PeerTsVal = 100;
            p.PassiveHandshake(1460);
            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Accept(listener, out h, out addr, out port));
            Assert.IsTrue(p.Info(h).Timestamps);
            Assert.AreEqual(1448, p.Info(h).SendMss);
            p.PeerTsVal = 130;
            p.SendData(ScriptedPeer.Bytes(10, 1));
            p.AdvanceTo(p.Now + 500); // delayed ACK
            SentSegment ack = p.ExpectAck(p.PeerNxt);
            Assert.IsTrue(ack.HasTimestamp);
            Assert.AreEqual(130u, ack.TsEcr);
        }

        /// <summary>
        /// Timestamps agreed with a 100 ms RTT (RTO 300), 100 bytes written and sent twice more by
        /// the RTO (now 1200): returns the handle; first and last are the first and third copies.
        /// </summary>
        private static int TwoTimeoutsWithTimestamps(ScriptedPeer p, out SentSegment first, out SentSegment last)
        {
            SentSegment syn;
            int h = ActiveOpenWithTimestamps(p, 100, out syn);
            p.ExpectAck(p.PeerNxt);
            Assert.AreEqual(300, p.Info(h).Rto);
            p.Write(h, ScriptedPeer.Bytes(100, 1));
            p.Poll();
            first = p.Expect(TcpFlags.Ack);
            Assert.IsTrue(p.RunUntilSegment(first.TimeMs + 10000));
            p.Expect(TcpFlags.Ack);
            Assert.IsTrue(p.RunUntilSegment(first.TimeMs + 10000));
            last = p.Expect(TcpFlags.Ack);
            Assert.AreEqual(first.TimeMs + 900, last.TimeMs);
            Assert.AreEqual(1200, p.Info(h).Rto);
            return h;
        }

        [TestMethod]
        public void TimestampEchoEndsTheBackOffThatKarnWouldKeep()
        {
            // The same story as RtoDoublesAndKarnTakesNoSampleFromRetransmissions, with timestamps:
            // the ACK echoes the TSval of the retransmission that got through, an unambiguous sample.
            ScriptedPeer p = new ScriptedPeer();
            SentSegment first, last;
            int h = TwoTimeoutsWithTimestamps(p, out first, out last);
            p.Now = last.TimeMs + 50;
            p.PeerAck += 100;
            p.PeerTsVal = 6000;
            p.PeerTsEcr = last.TsVal;
            p.Send(TcpFlags.Ack);
            TcpInfo info = p.Info(h);
            Assert.AreEqual(93, info.Srtt); // 100 + (50 − 100)/8
            Assert.AreEqual(293, info.Rto, "the back-off ended with the sample");
            Assert.AreEqual(0, info.Retries);
        }

        [TestMethod]
        public void EchoOfAnEarlierCopyGivesNoSampleButEndsTheBackOff()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment first, last;
            int h = TwoTimeoutsWithTimestamps(p, out first, out last);

            // The first copy arrived but its ACK was lost; the peer's next segment, 2 s later,
            // acknowledges it and echoes the first copy's TSval: a lost-ACK wait, not an RTT.
            p.Now = first.TimeMs + 2000;
            p.PeerAck += 100;
            p.PeerTsVal = 6000;
            p.PeerTsEcr = first.TsVal;
            p.Send(TcpFlags.Ack);
            TcpInfo info = p.Info(h);
            Assert.AreEqual(100, info.Srtt, "no sample from an echo older than the latest retransmission");
            Assert.AreEqual(300, info.Rto, "but the back-off is over: later echoes will measure the path");
        }

        [TestMethod]
        public void PawsDropsAnOldTimestampAndAcknowledges()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = ActiveOpenWithTimestamps(p, 10, out syn);
            p.ExpectAck(p.PeerNxt);
            p.PeerTsVal = 5100;
            p.SendData(ScriptedPeer.Bytes(10, 1));
            p.AdvanceTo(p.Now + 500);
            Assert.AreEqual(5100u, p.ExpectAck(p.PeerNxt).TsEcr);

            // An old duplicate wrapped into the current sequence space: TSval behind TS.Recent.
            p.PeerTsVal = 5050;
            p.SendData(ScriptedPeer.Bytes(10, 2));
            SentSegment dup = p.ExpectAck(p.PeerNxt - 10);
            Assert.AreEqual(5100u, dup.TsEcr);
            Assert.AreEqual(1, p.Layer.Counters.PawsRejected);
            Assert.AreEqual(10, p.Read(h, 100).Length, "only the first segment's bytes were taken");

            // A RST is never judged by its timestamp (RFC 7323 §5.3 R1).
            p.PeerNxt -= 10;
            p.Send(TcpFlags.Rst);
            Assert.AreEqual((int)TcpState.Closed, (int)p.Layer.GetState(h));
        }

        [TestMethod]
        public void OutOfOrderSegmentDoesNotMoveTsRecent()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            ActiveOpenWithTimestamps(p, 10, out syn);
            p.ExpectAck(p.PeerNxt);
            uint hole = p.PeerNxt;

            // Beyond a hole (SEG.SEQ > Last.ACK.sent): its newer TSval must not be echoed (RFC 7323 §4.3).
            p.PeerTsVal = 5200;
            p.Send(hole + 100, p.PeerAck, TcpFlags.Ack, p.PeerWindow, ScriptedPeer.Bytes(100, 2), 0);
            Assert.AreEqual(5000u, p.ExpectAck(hole).TsEcr);

            // The hole filled: its TSval becomes TS.Recent.
            p.PeerTsVal = 5300;
            p.Send(hole, p.PeerAck, TcpFlags.Ack, p.PeerWindow, ScriptedPeer.Bytes(100, 1), 0);
            Assert.AreEqual(5300u, p.ExpectAck(hole + 200).TsEcr);
        }

        [TestMethod]
        public void TimeWaitAcknowledgmentsKeepTheTimestamps()
        {
            ScriptedPeer p = new ScriptedPeer();
            SentSegment syn;
            int h = ActiveOpenWithTimestamps(p, 10, out syn);
            p.ExpectAck(p.PeerNxt);
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Close(h, p.Now));
            SentSegment fin = p.Expect(TcpFlags.Fin | TcpFlags.Ack);
            Assert.IsTrue(fin.HasTimestamp);
            p.PeerAck = fin.Seq + 1;
            p.PeerTsVal = 5400;
            p.Send(TcpFlags.Fin | TcpFlags.Ack);
            Assert.AreEqual(5400u, p.ExpectAck(p.PeerNxt + 1).TsEcr);
            Assert.AreEqual(1, p.Layer.TimeWaitCount);

            p.Now += 1000;
            p.PeerTsVal = 6400;
            p.Send(TcpFlags.Fin | TcpFlags.Ack); // our ACK was lost: the table answers
            SentSegment again = p.ExpectAck(p.PeerNxt + 1);
            Assert.IsTrue(again.HasTimestamp, "RFC 7323 §3.2: on every segment, TIME-WAIT's too");
            Assert.AreEqual(6400u, again.TsEcr);
            Assert.AreEqual(fin.TsVal + 1000, again.TsVal, "the connection's clock carries on in the table");
        }
    }
}
