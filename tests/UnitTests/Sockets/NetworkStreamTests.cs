using nanoFramework.TestFramework;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>NetworkStream over connected stream sockets: read, write, end of stream, timeouts, dispose.</summary>
    [TestClass]
    public class NetworkStreamTests
    {
        [TestMethod]
        public void StreamsWriteAndReadThroughTheSockets()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            NetworkStream cs = new NetworkStream(client);
            NetworkStream ss = new NetworkStream(server);
            Assert.IsTrue(cs.CanRead && cs.CanWrite && cs.CanTimeout);
            Assert.IsFalse(cs.CanSeek);
            Assert.AreSame(client, cs.Socket);

            // One thread writes then reads: the write must fit the send ring plus the peer's window.
            byte[] data = SocketRig.Pattern(6000, 5);
            cs.Write(data, 0, data.Length);
            cs.WriteByte(77);
            cs.Flush();
            byte[] got = new byte[6000];
            int n = 0;
            for (int guard = 0; n < 6000 && guard < 1000; guard++)
            {
                n += ss.Read(got, n, 6000 - n);
            }

            Assert.AreEqual(6000, n);
            Assert.IsTrue(SocketRig.Same(data, got, 6000));
            Assert.AreEqual(77, ss.ReadByte());
            Assert.IsFalse(ss.DataAvailable);
            Assert.AreEqual(0, ss.Read(got, 0, 0)); // An empty read returns at once.
        }

        [TestMethod]
        public void ReadReturnsZeroAtEndOfStream()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            NetworkStream ss = new NetworkStream(server);
            client.Send(new byte[] { 5 });
            client.Shutdown(SocketShutdown.Send);
            byte[] b = new byte[4];
            Assert.AreEqual(1, ss.Read(b, 0, 4));
            Assert.AreEqual(0, ss.Read(b, 0, 4));
            Assert.AreEqual(-1, ss.ReadByte());
        }

        [TestMethod]
        public void SocketErrorsSurfaceAsIOExceptionWithTheSocketExceptionInside()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            NetworkStream ss = new NetworkStream(server);
            Assert.AreEqual(5000, ss.ReadTimeout); // Inherited from the listener (SocketRig.Connect sets 5 s there).
            server.ReceiveTimeout = 0;
            Assert.AreEqual(-1, ss.ReadTimeout);
            ss.ReadTimeout = 300;
            Assert.AreEqual(300, server.ReceiveTimeout);
            long t0 = rig.NowMs;
            SocketError inner = SocketError.Success;
            try
            {
                ss.Read(new byte[4], 0, 4);
            }
            catch (System.IO.IOException e)
            {
                SocketException se = e.InnerException as SocketException;
                Assert.IsNotNull(se);
                inner = se.ErrorCode;
            }

            Assert.AreEqual(SocketException.Describe(SocketError.TimedOut), SocketException.Describe(inner));
            Assert.AreEqual(300L, rig.NowMs - t0);
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), delegate { ss.ReadTimeout = 0; });
            Assert.ThrowsException(typeof(System.NotSupportedException), delegate { ss.Seek(0, System.IO.SeekOrigin.Begin); });
            Assert.ThrowsException(typeof(System.NotSupportedException), delegate { long l = ss.Length; });
        }

        [TestMethod]
        public void DisposeClosesTheSocketOnlyWhenTheStreamOwnsIt()
        {
            SocketRig rig = new SocketRig();
            Socket client;
            Socket server;
            rig.ConnectPair(out client, out server);
            NetworkStream borrowed = new NetworkStream(client);
            borrowed.Dispose();
            Assert.IsTrue(client.IsOpen);
            Assert.IsFalse(borrowed.CanRead);
            Assert.ThrowsException(typeof(System.ObjectDisposedException), delegate { borrowed.Read(new byte[1], 0, 1); });

            NetworkStream owner = new NetworkStream(client, true);
            owner.Close();
            Assert.IsFalse(client.IsOpen);
            Assert.AreEqual(0, server.Receive(new byte[1])); // The close reached the peer as FIN.

            Socket fresh = rig.A.CreateSocket(SocketType.Stream);
            Assert.ThrowsException(typeof(System.IO.IOException), delegate { new NetworkStream(fresh); });
        }
    }
}
