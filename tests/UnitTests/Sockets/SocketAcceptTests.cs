using nanoFramework.TestFramework;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>
    /// accept() on an empty queue (blocking, timing out, non-blocking) and listen queues under
    /// load: a full SYN queue drops SYNs and the clients get in on retry; a full accept queue
    /// holds clients back until the server accepts.
    /// </summary>
    [TestClass]
    public class SocketAcceptTests
    {
        /// <summary>Starts a non-blocking connect from rig's A to B:port; asserts it reports InProgress.</summary>
        private static Socket StartConnect(SocketRig rig, int port)
        {
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            c.Blocking = false;
            Expect.Error(SocketError.InProgress, delegate { c.Connect(new IPEndPoint(SocketRig.IpB, port)); });
            return c;
        }

        [TestMethod]
        public void AcceptBlocksUntilAClientArrives()
        {
            SocketRig rig = new SocketRig(new NetConfig(), 5);
            Socket listener = SocketRig.Listener(rig.B, 80, 2);
            Socket client = null;
            rig.At(500, delegate
            {
                client = StartConnect(rig, 80);
                return true;
            });

            long t0 = rig.NowMs;
            Socket server = listener.Accept();
            long took = rig.NowMs - t0;
            OutputHelper.WriteLine("accept returned after " + took.ToString() + " virtual ms");
            Assert.IsNotNull(client);
            Assert.IsTrue(took >= 500 + 10); // The client starts at +500; SYN and final ACK cross the 5 ms wire.
            Assert.IsTrue(took < 500 + 50);
            Assert.AreEqual(SocketRig.IpA, server.RemoteEndPoint.Address);
            Assert.AreEqual(client.LocalEndPoint.Port, server.RemoteEndPoint.Port);
            Assert.IsTrue(client.Poll(1000000, SelectMode.SelectWrite));
            Assert.IsTrue(server.Blocking); // Accepted sockets block, whatever the listener (Linux).
        }

        [TestMethod]
        public void AcceptTimesOutAfterReceiveTimeout()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 2);
            listener.ReceiveTimeout = 1500;
            long t0 = rig.NowMs;
            Expect.Error(SocketError.TimedOut, delegate { listener.Accept(); });
            Assert.AreEqual(1500L, rig.NowMs - t0);

            // The listener still works afterwards.
            Socket client;
            Socket server;
            rig.Connect(listener, 80, out client, out server);
            Assert.IsTrue(server.Connected);
        }

        [TestMethod]
        public void NonBlockingAcceptOnAnEmptyQueueIsWouldBlock()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 2);
            listener.Blocking = false;
            long t0 = rig.NowMs;
            Expect.Error(SocketError.WouldBlock, delegate { listener.Accept(); });
            Assert.AreEqual(t0, rig.NowMs); // Did not wait.
            Assert.IsFalse(listener.Poll(0, SelectMode.SelectRead));

            Socket client = rig.A.CreateSocket(SocketType.Stream);
            client.Connect(new IPEndPoint(SocketRig.IpB, 80)); // Blocking: the handshake completes without accept().
            Assert.IsTrue(listener.Poll(100000, SelectMode.SelectRead)); // The final ACK is a wire hop behind.
            Socket server = listener.Accept();
            Assert.AreEqual(client.LocalEndPoint.Port, server.RemoteEndPoint.Port);
            Expect.Error(SocketError.WouldBlock, delegate { listener.Accept(); });
        }

        [TestMethod]
        public void FullSynQueueDropsSynsAndTheClientsGetInOnRetry()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 1);
            listener.ReceiveTimeout = 30000;
            long t0 = rig.NowMs;
            Socket[] clients = new Socket[3];
            for (int i = 0; i < 3; i++)
            {
                clients[i] = StartConnect(rig, 80);
            }

            int[] ports = new int[3];
            long lastAccept = 0;
            for (int i = 0; i < 3; i++)
            {
                Socket s = listener.Accept();
                ports[i] = s.RemoteEndPoint.Port;
                lastAccept = rig.NowMs - t0;
            }

            int drops = rig.StackB.Tcp.Counters.SynQueueFullDrops;
            OutputHelper.WriteLine("SYN queue drops " + drops.ToString() + ", last accept after " + lastAccept.ToString() + " ms");
            Assert.IsTrue(drops >= 2); // Two of the three first SYNs found the queue (1) full.
            Assert.IsTrue(lastAccept >= 1000); // The dropped ones got in on their SYN retransmission (RTO 1 s).
            Assert.AreEqual(0, rig.StackA.Tcp.Counters.ResetsReceived); // Dropped silently, not refused.
            for (int i = 0; i < 3; i++)
            {
                Assert.IsTrue(clients[i].Poll(1000000, SelectMode.SelectWrite));
                Assert.AreEqual(SocketException.Describe(SocketError.Success), SocketException.Describe(clients[i].Error));
                int port = clients[i].LocalEndPoint.Port;
                Assert.IsTrue(port == ports[0] || port == ports[1] || port == ports[2]);
            }

            Assert.IsTrue(ports[0] != ports[1] && ports[1] != ports[2] && ports[0] != ports[2]);
        }

        [TestMethod]
        public void FullAcceptQueueHoldsClientsUntilTheServerAccepts()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 1);
            Socket first = rig.A.CreateSocket(SocketType.Stream);
            first.Connect(new IPEndPoint(SocketRig.IpB, 80)); // Fills the accept queue (1).
            Socket second = StartConnect(rig, 80);

            Assert.IsFalse(second.Poll(5000000, SelectMode.SelectWrite)); // 5 s: still not in.
            Assert.IsTrue(rig.StackB.Tcp.Counters.AcceptQueueFullSynDrops + rig.StackB.Tcp.Counters.AcceptQueueOverflows > 0);
            Assert.AreEqual(0, rig.StackA.Tcp.Counters.ResetsReceived);

            listener.ReceiveTimeout = 60000;
            Socket a = listener.Accept();
            Assert.AreEqual(first.LocalEndPoint.Port, a.RemoteEndPoint.Port);
            Socket b = listener.Accept(); // Room now: the second client's next SYN gets in.
            Assert.AreEqual(second.LocalEndPoint.Port, b.RemoteEndPoint.Port);
            Assert.IsTrue(second.Poll(1000000, SelectMode.SelectWrite));
            Assert.IsTrue(second.Connected);
        }
    }
}
