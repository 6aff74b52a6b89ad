using nanoFramework.TestFramework;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>NoDelay, KeepAlive and Linger reach TCP and change what it does; timeouts validate like .NET.</summary>
    [TestClass]
    public class SocketOptionTests
    {
        [TestMethod]
        public void OptionsReachTheControlBlockAndAcceptedSocketsInheritThem()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 1);
            listener.NoDelay = true;
            listener.KeepAlive = true;
            listener.LingerState = new LingerOption(true, 7);
            Socket client;
            Socket server;
            rig.Connect(listener, 80, out client, out server);

            bool on;
            rig.StackB.Tcp.GetNoDelay(server.Handle, out on);
            Assert.IsTrue(on);
            Assert.IsTrue(server.NoDelay);
            Assert.IsTrue(server.KeepAlive);
            Assert.IsTrue(server.LingerState.Enabled);
            Assert.AreEqual(7, server.LingerState.LingerTime);

            Assert.IsFalse(client.NoDelay);
            client.NoDelay = true;
            rig.StackA.Tcp.GetNoDelay(client.Handle, out on);
            Assert.IsTrue(on);
            client.KeepAlive = true;
            rig.StackA.Tcp.GetKeepAlive(client.Handle, out on);
            Assert.IsTrue(on);
            client.LingerState = new LingerOption(true, 3);
            bool enabled;
            int seconds;
            rig.StackA.Tcp.GetLinger(client.Handle, out enabled, out seconds);
            Assert.IsTrue(enabled);
            Assert.AreEqual(3, seconds);
            Expect.Error(SocketError.InvalidArgument, delegate { client.LingerState = new LingerOption(true, -1); });

            Socket u = rig.A.CreateSocket(SocketType.Dgram);
            Expect.Error(SocketError.OperationNotSupported, delegate { u.NoDelay = true; });
            Expect.Error(SocketError.OperationNotSupported, delegate { client.Broadcast = true; });
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { client.ReceiveTimeout = -2; });
            client.ReceiveTimeout = -1;
            Assert.AreEqual(0, client.ReceiveTimeout); // -1 and 0 both mean no limit.
        }

        [TestMethod]
        public void NoDelaySendsASmallSegmentWithoutWaitingForTheAck()
        {
            Assert.AreEqual(10, SecondSmallWriteArrived(false));
            Assert.AreEqual(20, SecondSmallWriteArrived(true));
        }

        /// <summary>Two 10-byte writes 5 ms apart on a 50 ms wire: bytes at the peer 60 ms after the first.</summary>
        private static int SecondSmallWriteArrived(bool noDelay)
        {
            SocketRig rig = new SocketRig(new NetConfig(), 50);
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            rig.Net.RunFor(1000);
            client.NoDelay = noDelay;
            client.Send(new byte[10]);
            rig.Net.RunFor(5);
            client.Send(new byte[10]); // Nagle holds it while the first is unacknowledged.
            rig.Net.RunFor(60);
            return server.Available;
        }

        [TestMethod]
        public void KeepAliveProbesAnIdleConnection()
        {
            NetConfig config = new NetConfig();
            config.KeepAliveIdleMs = 2000;
            config.KeepAliveIntervalMs = 1000;
            SocketRig rig = new SocketRig(config, 1);
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            client.KeepAlive = true;
            rig.Net.RunFor(5000);
            Assert.IsTrue(rig.StackA.Tcp.Counters.KeepAliveProbes >= 2);
            Assert.AreEqual(0, rig.StackB.Tcp.Counters.KeepAliveProbes); // Not enabled there.
            Assert.IsTrue(client.Connected); // Answered probes keep it up.
        }

        [TestMethod]
        public void LingerZeroMakesCloseReset()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            client.LingerState = new LingerOption(true, 0);
            client.Close();
            byte[] b = new byte[4];
            Expect.Error(SocketError.ConnectionReset, delegate { server.Receive(b); });
            Assert.AreEqual(0, rig.StackA.Tcp.TimeWaitCount); // No TIME-WAIT after a reset.
        }

        [TestMethod]
        public void LingerCloseWaitsUntilTheFinIsAcknowledged()
        {
            SocketRig rig = new SocketRig(new NetConfig(), 20);
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            client.LingerState = new LingerOption(true, 10);
            byte[] data = SocketRig.Pattern(3000, 8);
            client.Send(data);
            long t0 = rig.NowMs;
            client.Close();
            long took = rig.NowMs - t0;
            OutputHelper.WriteLine("linger close took " + took.ToString() + " ms");
            Assert.IsTrue(took >= 40); // At least a round trip on the 20 ms wire: it waited for the ACK.
            Assert.IsTrue(took < 10000);
            byte[] got = new byte[3000];
            Assert.AreEqual(3000, SocketRig.ReceiveAll(server, got, 3000));
            Assert.IsTrue(SocketRig.Same(data, got, 3000));
            Assert.AreEqual(0, server.Receive(got));
        }

        [TestMethod]
        public void LingerCloseResetsWhenThePeerNeverAcknowledges()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            rig.Net.LinkOf(rig.StackB).RefuseTransmit = true; // B goes mute.
            client.LingerState = new LingerOption(true, 2);
            client.Send(new byte[100]);
            int resets = rig.StackA.Tcp.Counters.ResetsSent;
            long t0 = rig.NowMs;
            client.Close();
            Assert.AreEqual(2000L, rig.NowMs - t0);
            Assert.AreEqual(resets + 1, rig.StackA.Tcp.Counters.ResetsSent);
            Assert.AreEqual(rig.Config.TcpSockets, rig.StackA.Tcp.FreeSockets);
        }
    }
}
