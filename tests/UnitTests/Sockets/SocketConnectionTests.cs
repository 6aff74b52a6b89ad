using nanoFramework.TestFramework;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>
    /// The seed document's stream scenarios through the facade, two stacks on the virtual
    /// wire: handshake, request and answer, close from either side, half-close, end of stream.
    /// </summary>
    [TestClass]
    public class SocketConnectionTests
    {
        [TestMethod]
        public void HandshakeGivesBothEndsTheirEndPoints()
        {
            SocketRig rig = new SocketRig();
            Socket listener = SocketRig.Listener(rig.B, 80, 4);
            Socket client;
            Socket server;
            rig.Connect(listener, 80, out client, out server);

            Assert.IsTrue(client.Connected);
            Assert.IsTrue(server.Connected);
            Assert.IsFalse(listener.Connected);
            Assert.AreEqual(SocketRig.IpB, client.RemoteEndPoint.Address);
            Assert.AreEqual(80, client.RemoteEndPoint.Port);
            Assert.AreEqual(SocketRig.IpA, client.LocalEndPoint.Address);
            int clientPort = client.LocalEndPoint.Port;
            Assert.IsTrue(clientPort >= rig.Config.EphemeralPortFirst && clientPort <= rig.Config.EphemeralPortLast);
            Assert.AreEqual(SocketRig.IpA, server.RemoteEndPoint.Address);
            Assert.AreEqual(clientPort, server.RemoteEndPoint.Port);
            Assert.AreEqual(SocketRig.IpB, server.LocalEndPoint.Address);
            Assert.AreEqual(80, server.LocalEndPoint.Port);
            Assert.AreEqual(IPEndPoint.Any, listener.LocalEndPoint.Address);
            Assert.AreEqual(80, listener.LocalEndPoint.Port);
            Assert.IsNull(listener.RemoteEndPoint);
            Assert.AreEqual(2, rig.B.SocketsInUse(SocketType.Stream));
        }

        [TestMethod]
        public void RequestAndAnswer()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);

            byte[] request = SocketRig.Pattern(120, 1);
            Assert.AreEqual(120, client.Send(request));
            byte[] got = new byte[2000];
            Assert.AreEqual(120, SocketRig.ReceiveAll(server, got, 120));
            Assert.IsTrue(SocketRig.Same(request, got, 120));

            byte[] answer = SocketRig.Pattern(6000, 2); // More than one ring's worth: Send waits for room.
            Assert.AreEqual(6000, server.Send(answer));
            byte[] back = new byte[6000];
            Assert.AreEqual(6000, SocketRig.ReceiveAll(client, back, 6000));
            Assert.IsTrue(SocketRig.Same(answer, back, 6000));
        }

        [TestMethod]
        public void ClientCloseGivesTheServerEndOfStream()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);

            client.Send(SocketRig.Pattern(10, 3));
            client.Close();
            Assert.IsFalse(client.IsOpen);
            Assert.AreEqual(0, rig.A.SocketsInUse(SocketType.Stream));
            byte[] buffer = new byte[64];
            Assert.AreEqual(10, server.Receive(buffer));
            Assert.AreEqual(0, server.Receive(buffer));
            server.Close();
            rig.Net.RunFor(1000);
            Assert.AreEqual(1, rig.StackA.Tcp.TimeWaitCount); // The active closer holds TIME-WAIT, in the table, not in a slot.
            Assert.AreEqual(rig.Config.TcpSockets, rig.StackA.Tcp.FreeSockets);
            Assert.AreEqual(1, rig.B.SocketsInUse(SocketType.Stream));
        }

        [TestMethod]
        public void ServerCloseGivesTheClientDataThenEndOfStream()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);

            byte[] data = SocketRig.Pattern(3000, 4);
            server.Send(data);
            server.Close();
            byte[] got = new byte[3000];
            Assert.AreEqual(3000, SocketRig.ReceiveAll(client, got, 3000));
            Assert.IsTrue(SocketRig.Same(data, got, 3000));
            Assert.AreEqual(0, client.Receive(got));
            Assert.AreEqual(0, client.Receive(got)); // End of stream stays.
            Assert.AreEqual(0, client.Available);
            client.Close();
            rig.Net.RunFor(1000);
            Assert.AreEqual(1, rig.StackB.Tcp.TimeWaitCount);
        }

        [TestMethod]
        public void HalfCloseLetsThePeerKeepSending()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);

            byte[] request = SocketRig.Pattern(200, 5);
            client.Send(request);
            client.Shutdown(SocketShutdown.Send);
            Expect.Error(SocketError.Shutdown, delegate { client.Send(request); });

            byte[] got = new byte[8000];
            Assert.AreEqual(200, SocketRig.ReceiveAll(server, got, 8000)); // Stops at the FIN.
            Assert.AreEqual(0, server.Receive(got));
            Assert.IsTrue(server.Connected); // CLOSE-WAIT: it may still send.

            byte[] answer = SocketRig.Pattern(7000, 6);
            Assert.AreEqual(7000, server.Send(answer));
            server.Close();
            Assert.AreEqual(7000, SocketRig.ReceiveAll(client, got, 8000));
            Assert.IsTrue(SocketRig.Same(answer, got, 7000));
            Assert.AreEqual(0, client.Receive(got));
        }

        [TestMethod]
        public void ShutdownReceiveMakesReceiveReturnZero()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);

            server.Shutdown(SocketShutdown.Receive);
            client.Send(SocketRig.Pattern(100, 7));
            rig.Net.RunFor(500);
            byte[] got = new byte[100];
            Assert.AreEqual(0, server.Receive(got));
            Assert.AreEqual(0, server.Available);
            Expect.Error(SocketError.NotConnected, delegate { rig.A.CreateSocket(SocketType.Stream).Shutdown(SocketShutdown.Both); });
        }
    }
}
