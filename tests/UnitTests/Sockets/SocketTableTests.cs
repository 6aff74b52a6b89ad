using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>socket(), bind() and listen() bookkeeping: the fixed table, ports, addresses, calls on closed sockets.</summary>
    [TestClass]
    public class SocketTableTests
    {
        [TestMethod]
        public void TheTableRunsOutAndClosedSlotsAreReused()
        {
            NetConfig config = new NetConfig();
            config.TcpSockets = 3;
            config.UdpSockets = 2;
            SocketRig rig = new SocketRig(config, 1);
            Assert.AreEqual(3, rig.A.Capacity(SocketType.Stream));
            Socket[] s = new Socket[3];
            for (int i = 0; i < 3; i++)
            {
                s[i] = rig.A.CreateSocket(SocketType.Stream);
            }

            Assert.AreEqual(3, rig.A.SocketsInUse(SocketType.Stream));
            Expect.Error(SocketError.TooManyOpenSockets, delegate { rig.A.CreateSocket(SocketType.Stream); });
            s[1].Close();
            Socket again = rig.A.CreateSocket(SocketType.Stream);
            Assert.AreSame(s[1], again); // The same pooled object: socket() allocates nothing.
            Assert.IsTrue(again.IsOpen);

            Socket u1 = rig.A.CreateSocket(SocketType.Dgram);
            rig.A.CreateSocket(SocketType.Dgram);
            Expect.Error(SocketError.TooManyOpenSockets, delegate { rig.A.CreateSocket(SocketType.Dgram); });
            u1.Close();
            Assert.AreEqual(1, rig.A.SocketsInUse(SocketType.Dgram));
            Assert.IsNotNull(rig.A.CreateSocket(SocketType.Dgram));
            Expect.Error(SocketError.ProtocolNotSupported, delegate { rig.A.CreateSocket((SocketType)7); });
        }

        [TestMethod]
        public void ClosedSocketsFailWithNotSocket()
        {
            SocketRig rig = new SocketRig();
            Socket s = rig.A.CreateSocket(SocketType.Stream);
            s.Close();
            s.Close(); // Closing twice does nothing.
            Assert.IsFalse(s.IsOpen);
            Expect.Error(SocketError.NotSocket, delegate { s.Bind(new IPEndPoint(IPEndPoint.Any, 1234)); });
            Expect.Error(SocketError.NotSocket, delegate { s.Listen(1); });
            Expect.Error(SocketError.NotSocket, delegate { s.Connect(new IPEndPoint(SocketRig.IpB, 80)); });
            Expect.Error(SocketError.NotSocket, delegate { s.Send(new byte[1]); });
            Expect.Error(SocketError.NotSocket, delegate { s.Receive(new byte[1]); });
            Expect.Error(SocketError.NotSocket, delegate { s.Poll(0, SelectMode.SelectRead); });
            Expect.Error(SocketError.NotSocket, delegate { s.Accept(); });
            Assert.IsFalse(s.Connected);
        }

        [TestMethod]
        public void BindToAPortInUseIsAddressAlreadyInUse()
        {
            SocketRig rig = new SocketRig();
            SocketRig.Listener(rig.B, 80, 1);
            Socket other = rig.B.CreateSocket(SocketType.Stream);
            Expect.Error(SocketError.AddressAlreadyInUse, delegate { other.Bind(new IPEndPoint(IPEndPoint.Any, 80)); });
            Expect.Error(SocketError.AddressAlreadyInUse, delegate { other.Bind(new IPEndPoint(SocketRig.IpB, 80)); });
            other.Bind(new IPEndPoint(IPEndPoint.Any, 81)); // Another port is fine.
            Expect.Error(SocketError.InvalidArgument, delegate { other.Bind(new IPEndPoint(IPEndPoint.Any, 82)); }); // Already bound.

            Socket u1 = rig.B.CreateSocket(SocketType.Dgram);
            Socket u2 = rig.B.CreateSocket(SocketType.Dgram);
            u1.Bind(new IPEndPoint(IPEndPoint.Any, 53));
            Expect.Error(SocketError.AddressAlreadyInUse, delegate { u2.Bind(new IPEndPoint(IPEndPoint.Any, 53)); });
        }

        [TestMethod]
        public void BindToAForeignAddressIsAddressNotAvailable()
        {
            SocketRig rig = new SocketRig();
            Socket s = rig.A.CreateSocket(SocketType.Stream);
            Expect.Error(SocketError.AddressNotAvailable, delegate { s.Bind(new IPEndPoint(SocketRig.IpB, 80)); });
            Socket u = rig.A.CreateSocket(SocketType.Dgram);
            Expect.Error(SocketError.AddressNotAvailable, delegate { u.Bind(new IPEndPoint(IPv4.FromBytes(10, 0, 0, 1), 80)); });
            Assert.ThrowsException(typeof(System.ArgumentNullException), delegate { s.Bind(null); });
        }

        [TestMethod]
        public void PortZeroAndListenWithoutBindPickEphemeralPorts()
        {
            SocketRig rig = new SocketRig();
            Socket s1 = rig.B.CreateSocket(SocketType.Stream);
            Assert.IsNull(s1.LocalEndPoint); // Unbound.
            s1.Bind(new IPEndPoint(IPEndPoint.Any, 0));
            Socket s2 = rig.B.CreateSocket(SocketType.Stream);
            s2.Bind(new IPEndPoint(IPEndPoint.Any, 0));
            int p1 = s1.LocalEndPoint.Port;
            int p2 = s2.LocalEndPoint.Port;
            Assert.IsTrue(p1 >= rig.Config.EphemeralPortFirst && p1 <= rig.Config.EphemeralPortLast);
            Assert.IsTrue(p2 >= rig.Config.EphemeralPortFirst && p2 <= rig.Config.EphemeralPortLast);
            Assert.AreNotEqual(p1, p2);

            Socket listener = rig.B.CreateSocket(SocketType.Stream);
            listener.Listen(); // Unbound: gets an ephemeral port.
            int port = listener.LocalEndPoint.Port;
            Assert.IsTrue(port >= rig.Config.EphemeralPortFirst);
            Socket client = rig.A.CreateSocket(SocketType.Stream);
            client.Connect(new IPEndPoint(SocketRig.IpB, port));
            Assert.AreEqual(port, listener.Accept().LocalEndPoint.Port);

            Socket u = rig.A.CreateSocket(SocketType.Dgram);
            u.Bind(new IPEndPoint(IPEndPoint.Any, 0));
            Assert.IsTrue(u.LocalEndPoint.Port >= rig.Config.EphemeralPortFirst);
            Assert.AreEqual(IPEndPoint.Any, u.LocalEndPoint.Address);
        }

        [TestMethod]
        public void ListenIsForUnconnectedStreamsOnly()
        {
            SocketRig rig = new SocketRig();
            Socket u = rig.A.CreateSocket(SocketType.Dgram);
            Expect.Error(SocketError.OperationNotSupported, delegate { u.Listen(1); });
            Expect.Error(SocketError.OperationNotSupported, delegate { u.Accept(); });
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            Expect.Error(SocketError.InvalidArgument, delegate { client.Listen(1); });
            Expect.Error(SocketError.InvalidArgument, delegate { client.Accept(); });
        }
    }
}
