using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>The handle API's bookkeeping: stale handles, change counts, status bits, TIME-WAIT table.</summary>
    [TestClass]
    public class TcpHandleTests
    {
        [TestMethod]
        public void StaleHandleNeverReachesTheReusedSlot()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            config.TcpSockets = 1;
            ScriptedPeer p = new ScriptedPeer(config);
            int h1;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Open(out h1));
            p.Layer.Close(h1, p.Now);
            int h2;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Open(out h2));
            Assert.AreNotEqual(h1, h2);
            Assert.AreEqual((int)SocketError.NotSocket, (int)p.Layer.Bind(h1, 0, 80));
            Assert.AreEqual((int)SocketError.NotSocket, (int)p.Layer.Close(h1, p.Now));
            Assert.AreEqual(TcpStatus.Invalid, p.Layer.Status(h1));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Bind(h2, 0, 80));
            Assert.AreEqual((int)SocketError.NotSocket, (int)p.Layer.Bind(0, 0, 80));
            Assert.AreEqual((int)SocketError.NotSocket, (int)p.Layer.Bind(-5, 0, 80));
        }

        [TestMethod]
        public void ChangeCountsMoveWhenSomethingHappens()
        {
            ScriptedPeer p = new ScriptedPeer();
            int listener = p.OpenListener(4);
            int before = p.Layer.HandleChangeCount(listener);
            p.PassiveHandshake(1460);
            Assert.IsTrue(p.Layer.HandleChangeCount(listener) > before); // a connection to accept
            int h;
            uint a;
            int port;
            p.Layer.Accept(listener, out h, out a, out port);
            int c0 = p.Layer.HandleChangeCount(h);
            int layer0 = p.Layer.ChangeCount;
            p.SendData(ScriptedPeer.Bytes(5, 1));
            Assert.IsTrue(p.Layer.HandleChangeCount(h) > c0);
            Assert.IsTrue(p.Layer.ChangeCount > layer0);
            Assert.AreEqual(TcpStatus.Readable | TcpStatus.Writable, p.Layer.Status(h));
            p.Read(h, 10);
            Assert.AreEqual(TcpStatus.Writable, p.Layer.Status(h));
            Assert.AreEqual(-1, p.Layer.HandleChangeCount(12345));
        }

        [TestMethod]
        public void SendFillsTheRingThenWouldBlock()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h = p.ActiveOpen(1460, 0, 10); // the peer offers no window: nothing leaves
            byte[] big = ScriptedPeer.Bytes(10000, 1);
            int sent;
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Send(h, big, 0, big.Length, out sent));
            Assert.AreEqual(p.Config.TcpSendBufferSize, sent); // partial count
            Assert.AreEqual(0, p.Layer.Status(h) & TcpStatus.Writable);
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Send(h, big, 0, 10, out sent));
            Assert.AreEqual(0, sent);
            Assert.AreEqual((int)SocketError.InvalidArgument, (int)p.Layer.Send(h, big, 9000, 2000, out sent));
            byte[] b = new byte[4];
            int n;
            Assert.AreEqual((int)SocketError.WouldBlock, (int)p.Layer.Receive(h, b, 0, 4, out n));
        }

        [TestMethod]
        public void CallsOnTheWrongKindOfSocket()
        {
            ScriptedPeer p = new ScriptedPeer();
            int h;
            p.Layer.Open(out h);
            byte[] b = new byte[4];
            int n;
            Assert.AreEqual((int)SocketError.NotConnected, (int)p.Layer.Send(h, b, 0, 4, out n));
            Assert.AreEqual((int)SocketError.NotConnected, (int)p.Layer.Receive(h, b, 0, 4, out n));
            Assert.AreEqual((int)SocketError.NotConnected, (int)p.Layer.Shutdown(h, TcpShutdown.Send, p.Now));
            int nh;
            uint a;
            int port;
            Assert.AreEqual((int)SocketError.InvalidArgument, (int)p.Layer.Accept(h, out nh, out a, out port));
            Assert.AreEqual((int)SocketError.NotConnected, (int)p.Layer.GetRemoteEndPoint(h, out a, out port));
            Assert.AreEqual((int)SocketError.Success, (int)p.Layer.Listen(h, 1)); // unbound: ephemeral port
            uint la;
            int lp;
            p.Layer.GetLocalEndPoint(h, out la, out lp);
            Assert.IsTrue(lp >= p.Config.EphemeralPortFirst);
            Assert.AreEqual((int)SocketError.InvalidArgument, (int)p.Layer.Connect(h, ScriptedPeer.PeerIp, 80, p.Now));
            Assert.AreEqual((int)SocketError.NotConnected, (int)p.Layer.Receive(h, b, 0, 4, out n));
        }

        [TestMethod]
        public void FootprintIsDominatedByTheRings()
        {
            NetConfig config = ScriptedPeer.DefaultConfig();
            ScriptedPeer p = new ScriptedPeer(config);
            int rings = config.TcpSockets * (config.TcpSendBufferSize + config.TcpReceiveBufferSize);
            Assert.IsTrue(p.Layer.FootprintBytes > rings);
            Assert.IsTrue(p.Layer.FootprintBytes < rings + config.TcpSockets * 2048);
        }

        [TestMethod]
        public void TimeWaitTableEvictsTheOldestAndExpires()
        {
            TcpCounters counters = new TcpCounters();
            TestIpSender ip = new TestIpSender(ScriptedPeer.LocalIp);
            TcpEmitter emitter = new TcpEmitter(ip, counters);
            TimeWaitTable t = new TimeWaitTable(2, 60000, emitter, new ChallengeAckLimiter(10), counters);
            t.Add(1, 2, 1000, 80, 10, 20, 100, false, 0, 0, 0);
            t.Add(1, 2, 1001, 80, 10, 20, 100, false, 0, 0, 5);
            Assert.AreEqual(2, t.Count);
            t.Add(1, 2, 1002, 80, 10, 20, 100, false, 0, 0, 9); // full: the entry added at 0 goes
            Assert.AreEqual(2, t.Count);
            Assert.AreEqual(1, counters.TimeWaitEvictions);
            Assert.AreEqual(-1, t.Find(1, 2, 1000, 80));
            Assert.IsTrue(t.Find(1, 2, 1001, 80) >= 0);
            Assert.IsTrue(t.PortInUse(0, 1002));
            Assert.IsTrue(t.PortInUse(1, 1002));
            Assert.IsFalse(t.PortInUse(7, 1002));
            Assert.AreEqual(60005L, t.Expire(60004));
            Assert.AreEqual(60009L, t.Expire(60005));
            Assert.AreEqual(1, t.Count);
            Assert.AreEqual(long.MaxValue, t.Expire(60009));
            Assert.AreEqual(0, t.Count);
        }
    }
}
