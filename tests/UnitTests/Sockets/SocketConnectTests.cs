using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>
    /// connect() outcomes, each distinct as BSD reports them: refused, timed out (our
    /// timeout or TCP's), host unreachable, network unreachable; and non-blocking connect
    /// with Poll and SO_ERROR.
    /// </summary>
    [TestClass]
    public class SocketConnectTests
    {
        private static readonly uint Silent = IPv4.FromBytes(192, 168, 1, 30);

        [TestMethod]
        public void ConnectToAClosedPortIsRefused()
        {
            SocketRig rig = new SocketRig();
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            long t0 = rig.NowMs;
            Expect.Error(SocketError.ConnectionRefused, delegate { c.Connect(new IPEndPoint(SocketRig.IpB, 81)); });
            Assert.IsTrue(rig.NowMs - t0 < 100); // One round trip, no retries.
            Assert.IsFalse(c.Connected);
            Assert.AreEqual(1, rig.StackB.Tcp.Counters.NoSocket);
        }

        [TestMethod]
        public void ConnectToASilentHostTimesOutAfterConnectTimeoutAndTheSocketCanTryAgain()
        {
            SocketRig rig = new SocketRig();
            ScriptedPeer peer = rig.Net.AddPeer(3, Silent);
            peer.AnswerArp = true; // ARP answers, TCP never does.
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            c.Bind(new IPEndPoint(IPEndPoint.Any, 40000));
            c.ConnectTimeout = 5000;
            long t0 = rig.NowMs;
            Expect.Error(SocketError.TimedOut, delegate { c.Connect(new IPEndPoint(Silent, 80)); });
            Assert.AreEqual(5000L, rig.NowMs - t0);
            Assert.IsTrue(peer.ArpAnswered > 0);

            // The attempt was dropped; the same socket, still bound, connects elsewhere.
            Assert.AreEqual(40000, c.LocalEndPoint.Port);
            Socket listener = SocketRig.Listener(rig.B, 80, 2);
            c.Connect(new IPEndPoint(SocketRig.IpB, 80));
            Assert.IsTrue(c.Connected);
            Assert.AreEqual(40000, listener.Accept().RemoteEndPoint.Port);
        }

        [TestMethod]
        public void ConnectToASilentHostWithoutTimeoutEndsWhenTcpGivesUp()
        {
            SocketRig rig = new SocketRig();
            ScriptedPeer peer = rig.Net.AddPeer(3, Silent);
            peer.AnswerArp = true;
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            long t0 = rig.NowMs;
            Expect.Error(SocketError.TimedOut, delegate { c.Connect(new IPEndPoint(Silent, 80)); });
            long took = rig.NowMs - t0;
            OutputHelper.WriteLine("TCP gave up after " + took.ToString() + " virtual ms");
            Assert.IsTrue(took >= 60000 && took <= 130000); // SYN retries 1+2+4+8+16+32 s.
            Assert.AreEqual(SocketException.Describe(SocketError.TimedOut), SocketException.Describe(c.Error));
        }

        [TestMethod]
        public void ConnectWithoutArpAnswerIsHostUnreachable()
        {
            SocketRig rig = new SocketRig();
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            long t0 = rig.NowMs;
            Expect.Error(SocketError.HostUnreachable, delegate { c.Connect(new IPEndPoint(SocketRig.Nobody, 80)); });
            long took = rig.NowMs - t0;
            Assert.IsTrue(took >= 1000 && took < 10000); // ARP's retries, not TCP's minute of SYNs.
        }

        [TestMethod]
        public void ConnectOffSubnetWithoutGatewayIsNetworkUnreachableAtOnce()
        {
            SocketRig rig = new SocketRig();
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            long t0 = rig.NowMs;
            Expect.Error(SocketError.NetworkUnreachable, delegate { c.Connect(new IPEndPoint(IPv4.FromBytes(10, 1, 2, 3), 80)); });
            Assert.AreEqual(t0, rig.NowMs);
        }

        [TestMethod]
        public void NonBlockingConnectIsInProgressThenWritable()
        {
            SocketRig rig = new SocketRig(new NetConfig(), 10);
            Socket listener = SocketRig.Listener(rig.B, 80, 2);
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            c.Blocking = false;
            IPEndPoint server = new IPEndPoint(SocketRig.IpB, 80);
            Expect.Error(SocketError.InProgress, delegate { c.Connect(server); });
            Expect.Error(SocketError.AlreadyInProgress, delegate { c.Connect(server); });
            Assert.IsFalse(c.Poll(0, SelectMode.SelectWrite));
            Assert.IsFalse(c.Connected);
            long t0 = rig.NowMs;
            Assert.IsTrue(c.Poll(1000000, SelectMode.SelectWrite));
            Assert.AreEqual(20L, rig.NowMs - t0); // One round trip on the 10 ms wire.
            Assert.IsFalse(c.Poll(0, SelectMode.SelectError));
            Assert.AreEqual(SocketException.Describe(SocketError.Success), SocketException.Describe(c.Error));
            Assert.IsTrue(c.Connected);
            Expect.Error(SocketError.IsConnected, delegate { c.Connect(server); });
            Assert.IsTrue(listener.Poll(100000, SelectMode.SelectRead)); // The final ACK reaches the listener 10 ms later.
        }

        [TestMethod]
        public void NonBlockingConnectToAClosedPortShowsInSelectError()
        {
            SocketRig rig = new SocketRig();
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            c.Blocking = false;
            Expect.Error(SocketError.InProgress, delegate { c.Connect(new IPEndPoint(SocketRig.IpB, 81)); });
            Assert.IsTrue(c.Poll(1000000, SelectMode.SelectError));
            Assert.IsTrue(c.Poll(0, SelectMode.SelectWrite)); // BSD: a finished connect is writable, check SO_ERROR.
            Assert.AreEqual(SocketException.Describe(SocketError.ConnectionRefused), SocketException.Describe(c.Error));
            Assert.IsFalse(c.Connected);
        }

        [TestMethod]
        public void SendTimeoutBoundsConnectWhenConnectTimeoutIsUnset()
        {
            SocketRig rig = new SocketRig();
            ScriptedPeer peer = rig.Net.AddPeer(3, Silent);
            peer.AnswerArp = true;
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            c.SendTimeout = 2500;
            long t0 = rig.NowMs;
            Expect.Error(SocketError.TimedOut, delegate { c.Connect(new IPEndPoint(Silent, 80)); });
            Assert.AreEqual(2500L, rig.NowMs - t0);
        }
    }
}
