using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>Datagram sockets through the facade: endpoints, broadcast, ICMP errors, timeouts, truncation.</summary>
    [TestClass]
    public class UdpSocketTests
    {
        [TestMethod]
        public void SendToAndReceiveFromCarryTheEndpoints()
        {
            SocketRig rig = new SocketRig();
            Socket b = rig.B.CreateSocket(SocketType.Dgram);
            b.Bind(new IPEndPoint(IPEndPoint.Any, 5000));
            Socket a = rig.A.CreateSocket(SocketType.Dgram);
            a.Bind(new IPEndPoint(IPEndPoint.Any, 6000));
            byte[] hello = SocketRig.Pattern(300, 1);
            Assert.AreEqual(300, a.SendTo(hello, new IPEndPoint(SocketRig.IpB, 5000)));

            b.ReceiveTimeout = 2000;
            byte[] got = new byte[1500];
            IPEndPoint from = new IPEndPoint(0, 0);
            IPEndPoint keep = from;
            Assert.AreEqual(300, b.ReceiveFrom(got, ref from));
            Assert.AreSame(keep, from); // Filled in place.
            Assert.IsTrue(SocketRig.Same(hello, got, 300));
            Assert.AreEqual(SocketRig.IpA, from.Address);
            Assert.AreEqual(6000, from.Port);

            b.SendTo(got, 0, 5, from);
            a.ReceiveTimeout = 2000;
            IPEndPoint back = null;
            Assert.AreEqual(5, a.ReceiveFrom(got, ref back)); // A null endpoint is made for the caller.
            Assert.AreEqual(SocketRig.IpB, back.Address);
            Assert.AreEqual(5000, back.Port);
        }

        [TestMethod]
        public void AnUnboundSenderGetsAnEphemeralPort()
        {
            SocketRig rig = new SocketRig();
            Socket b = rig.B.CreateSocket(SocketType.Dgram);
            b.Bind(new IPEndPoint(IPEndPoint.Any, 5000));
            Socket a = rig.A.CreateSocket(SocketType.Dgram);
            Assert.IsNull(a.LocalEndPoint);
            a.SendTo(new byte[3], new IPEndPoint(SocketRig.IpB, 5000));
            int port = a.LocalEndPoint.Port;
            Assert.IsTrue(port >= rig.Config.EphemeralPortFirst);
            IPEndPoint from = new IPEndPoint(0, 0);
            b.ReceiveTimeout = 1000;
            b.ReceiveFrom(new byte[8], ref from);
            Assert.AreEqual(port, from.Port);
        }

        [TestMethod]
        public void BroadcastNeedsTheBroadcastOption()
        {
            SocketRig rig = new SocketRig();
            Socket b = rig.B.CreateSocket(SocketType.Dgram);
            b.Bind(new IPEndPoint(IPEndPoint.Any, 5000));
            Socket a = rig.A.CreateSocket(SocketType.Dgram);
            IPEndPoint all = new IPEndPoint(IPEndPoint.Broadcast, 5000);
            IPEndPoint subnet = new IPEndPoint(IPv4.FromBytes(192, 168, 1, 255), 5000);
            Expect.Error(SocketError.AccessDenied, delegate { a.SendTo(new byte[4], all); });
            Expect.Error(SocketError.AccessDenied, delegate { a.SendTo(new byte[4], subnet); });
            Assert.IsFalse(a.Broadcast);
            a.Broadcast = true;
            Assert.IsTrue(a.Broadcast);
            a.SendTo(new byte[] { 1 }, all);
            a.SendTo(new byte[] { 2, 2 }, subnet);

            b.ReceiveTimeout = 1000;
            IPEndPoint from = new IPEndPoint(0, 0);
            byte[] got = new byte[8];
            Assert.AreEqual(1, b.ReceiveFrom(got, ref from));
            Assert.AreEqual(SocketRig.IpA, from.Address);
            Assert.AreEqual(2, b.ReceiveFrom(got, ref from));
        }

        [TestMethod]
        public void IcmpPortUnreachableIsConnectionRefusedOnAConnectedSocket()
        {
            SocketRig rig = new SocketRig();
            Socket a = rig.A.CreateSocket(SocketType.Dgram);
            a.Connect(new IPEndPoint(SocketRig.IpB, 9999)); // Nothing listens there.
            Assert.IsTrue(a.Connected);
            Assert.AreEqual(9999, a.RemoteEndPoint.Port);
            a.Send(new byte[] { 1, 2, 3 });
            a.ReceiveTimeout = 2000;
            long t0 = rig.NowMs;
            Expect.Error(SocketError.ConnectionRefused, delegate { a.Receive(new byte[8]); }); // Woken by the ICMP error.
            Assert.IsTrue(rig.NowMs - t0 < 100);
            rig.Net.RunFor(200); // B rate-limits its ICMP errors (NetConfig.IcmpErrorIntervalMs).
            a.Send(new byte[] { 4 }); // Reported once, then cleared: this one goes out.
            Assert.IsTrue(a.Poll(1000000, SelectMode.SelectError));
            Assert.AreEqual(SocketException.Describe(SocketError.ConnectionRefused), SocketException.Describe(a.Error));
            Expect.Error(SocketError.ConnectionRefused, delegate { a.Send(new byte[] { 5 }); });
        }

        [TestMethod]
        public void ReceiveFromTimesOutOrWouldBlock()
        {
            SocketRig rig = new SocketRig();
            Socket b = rig.B.CreateSocket(SocketType.Dgram);
            b.Bind(new IPEndPoint(IPEndPoint.Any, 5000));
            b.ReceiveTimeout = 700;
            IPEndPoint from = new IPEndPoint(0, 0);
            long t0 = rig.NowMs;
            Expect.Error(SocketError.TimedOut, delegate { b.ReceiveFrom(new byte[8], ref from); });
            Assert.AreEqual(700L, rig.NowMs - t0);
            b.Blocking = false;
            Expect.Error(SocketError.WouldBlock, delegate { b.ReceiveFrom(new byte[8], ref from); });
            Assert.IsFalse(b.Poll(0, SelectMode.SelectRead));
            Assert.IsTrue(b.Poll(0, SelectMode.SelectWrite));
        }

        [TestMethod]
        public void ATruncatedDatagramIsMessageSize()
        {
            SocketRig rig = new SocketRig();
            Socket b = rig.B.CreateSocket(SocketType.Dgram);
            b.Bind(new IPEndPoint(IPEndPoint.Any, 5000));
            Socket a = rig.A.CreateSocket(SocketType.Dgram);
            byte[] data = SocketRig.Pattern(100, 4);
            a.SendTo(data, new IPEndPoint(SocketRig.IpB, 5000));
            a.SendTo(data, 0, 40, new IPEndPoint(SocketRig.IpB, 5000));
            Assert.IsTrue(b.Poll(1000000, SelectMode.SelectRead));
            Assert.AreEqual(100, b.Available); // The next datagram's length.
            byte[] small = new byte[10];
            SocketError e;
            Assert.AreEqual(10, b.Receive(small, 0, 10, out e));
            Assert.AreEqual(SocketException.Describe(SocketError.MessageSize), SocketException.Describe(e));
            Assert.IsTrue(SocketRig.Same(data, small, 10));
            Assert.AreEqual(40, b.Available); // The rest of the first was discarded.
            Expect.Error(SocketError.MessageSize, delegate { b.Receive(small); });
        }

        [TestMethod]
        public void DatagramCallsOnTheWrongSocketType()
        {
            SocketRig rig = new SocketRig();
            Socket s = rig.A.CreateSocket(SocketType.Stream);
            IPEndPoint ep = new IPEndPoint(SocketRig.IpB, 1);
            Expect.Error(SocketError.OperationNotSupported, delegate { s.SendTo(new byte[1], ep); });
            Expect.Error(SocketError.OperationNotSupported, delegate { s.ReceiveFrom(new byte[1], ref ep); });
            Socket u = rig.A.CreateSocket(SocketType.Dgram);
            Expect.Error(SocketError.DestinationAddressRequired, delegate { u.Send(new byte[1]); });
            Expect.Error(SocketError.NotConnected, delegate { u.Shutdown(SocketShutdown.Send); });
            u.Connect(ep);
            u.Shutdown(SocketShutdown.Both);
            Expect.Error(SocketError.Shutdown, delegate { u.Send(new byte[1]); });
            Assert.AreEqual(0, u.Receive(new byte[1]));
        }
    }
}
