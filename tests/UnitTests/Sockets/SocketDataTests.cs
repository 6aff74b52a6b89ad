using nanoFramework.TestFramework;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>Available, Poll for read/write/error, timeouts and non-blocking data calls, and Abort's reset.</summary>
    [TestClass]
    public class SocketDataTests
    {
        [TestMethod]
        public void AvailableCountsBufferedBytes()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            Assert.AreEqual(0, server.Available);
            client.Send(SocketRig.Pattern(700, 1));
            Assert.IsTrue(server.Poll(1000000, SelectMode.SelectRead));
            Assert.AreEqual(700, server.Available);
            byte[] b = new byte[200];
            Assert.AreEqual(200, server.Receive(b));
            Assert.AreEqual(500, server.Available);
        }

        [TestMethod]
        public void PollReportsReadWriteAndError()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);

            Assert.IsTrue(client.Poll(0, SelectMode.SelectWrite));
            Assert.IsFalse(server.Poll(0, SelectMode.SelectRead));
            Assert.IsFalse(server.Poll(0, SelectMode.SelectError));
            long t0 = rig.NowMs;
            Assert.IsFalse(server.Poll(250000, SelectMode.SelectRead)); // Waits the full 250 ms.
            Assert.AreEqual(250L, rig.NowMs - t0);

            client.Send(new byte[] { 1, 2, 3 });
            Assert.IsTrue(server.Poll(-1, SelectMode.SelectRead));
            client.Abort();
            Assert.IsTrue(server.Poll(1000000, SelectMode.SelectError));
            Assert.IsTrue(server.Poll(0, SelectMode.SelectRead));
            Assert.IsTrue(server.Poll(0, SelectMode.SelectWrite)); // Writable: the call would not block (it fails).
        }

        [TestMethod]
        public void AbortSendsRstAndThePeerSeesConnectionReset()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 1);
            Socket client;
            Socket server;
            rig.Connect(listener, 80, out client, out server);
            client.Send(new byte[] { 9, 8, 7 });
            rig.Net.RunFor(100);
            int resets = rig.StackA.Tcp.Counters.ResetsSent;
            client.Abort();
            Assert.IsFalse(client.IsOpen);
            rig.Net.RunFor(100);
            Assert.AreEqual(resets + 1, rig.StackA.Tcp.Counters.ResetsSent);

            byte[] b = new byte[16];
            Assert.AreEqual(3, server.Receive(b)); // What arrived before the reset comes first.
            Expect.Error(SocketError.ConnectionReset, delegate { server.Receive(b); });
            Expect.Error(SocketError.ConnectionReset, delegate { server.Send(b); });
            Assert.AreEqual(SocketException.Describe(SocketError.ConnectionReset), SocketException.Describe(server.Error));
            server.Close();
            Assert.AreEqual(rig.Config.TcpSockets - 1, rig.StackB.Tcp.FreeSockets); // Only the listener left.
        }

        [TestMethod]
        public void ReceiveTimesOutAfterReceiveTimeoutAndNonBlockingIsWouldBlock()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            server.ReceiveTimeout = 800;
            byte[] b = new byte[10];
            long t0 = rig.NowMs;
            Expect.Error(SocketError.TimedOut, delegate { server.Receive(b); });
            Assert.AreEqual(800L, rig.NowMs - t0);

            server.Blocking = false;
            SocketError e;
            Assert.AreEqual(0, server.Receive(b, 0, b.Length, out e));
            Assert.AreEqual(SocketException.Describe(SocketError.WouldBlock), SocketException.Describe(e));
            Assert.IsTrue(server.Connected); // A timeout does not end the connection.
            client.Send(new byte[] { 42 });
            Assert.IsTrue(server.Poll(1000000, SelectMode.SelectRead));
            Assert.AreEqual(1, server.Receive(b, 0, b.Length, out e));
            Assert.AreEqual(42, (int)b[0]);
        }

        [TestMethod]
        public void NonBlockingSendQueuesWhatFitsThenWouldBlock()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            client.Blocking = false;
            byte[] big = SocketRig.Pattern(rig.Config.TcpSendBufferSize * 3, 9);
            SocketError e;
            int queued = client.Send(big, 0, big.Length, out e);
            Assert.AreEqual(SocketException.Describe(SocketError.Success), SocketException.Describe(e));
            Assert.AreEqual(rig.Config.TcpSendBufferSize, queued); // A partial count, not an error.
            Assert.AreEqual(0, client.Send(big, queued, big.Length - queued, out e));
            Assert.AreEqual(SocketException.Describe(SocketError.WouldBlock), SocketException.Describe(e));
            Assert.IsFalse(client.Poll(0, SelectMode.SelectWrite));
            Assert.IsTrue(client.Poll(1000000, SelectMode.SelectWrite)); // The peer acknowledged: room again.
        }

        [TestMethod]
        public void BlockingSendReturnsThePartialCountWhenSendTimeoutPasses()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            client.SendTimeout = 3000;
            // Nobody reads on the server: its receive window and our send ring fill, then Send waits.
            int capacity = rig.Config.TcpSendBufferSize + rig.Config.TcpReceiveBufferSize;
            byte[] big = SocketRig.Pattern(capacity * 2, 3);
            long t0 = rig.NowMs;
            int n = client.Send(big);
            long took = rig.NowMs - t0;
            OutputHelper.WriteLine("queued " + n.ToString() + " of " + big.Length.ToString() + " in " + took.ToString() + " ms");
            Assert.IsTrue(n >= rig.Config.TcpSendBufferSize && n <= capacity); // Ring plus what the peer's window took.
            Assert.AreEqual(3000L, took);
            Expect.Error(SocketError.TimedOut, delegate { client.Send(big); }); // Nothing fits now: the timeout is the error.
        }
    }
}
