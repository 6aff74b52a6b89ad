using nanoFramework.TestFramework;
using NanoIP.Services.Apps;
using NanoIP.Sockets;
using NanoIP.UnitTests.Sockets;

namespace NanoIP.UnitTests.Services
{
    /// <summary>Fixed connection slots, the listen backlog, idle timeouts, resets and disabled services.</summary>
    [TestClass]
    public class ServiceLimitTests
    {
        private static bool Echoes(Socket c, byte value, int waitMs)
        {
            byte[] one = new byte[] { value };
            c.Send(one);
            if (!c.Poll(waitMs * 1000, SelectMode.SelectRead))
            {
                return false;
            }

            byte[] got = new byte[1];
            return c.Receive(got) == 1 && got[0] == value;
        }

        [TestMethod]
        public void ThirdClientWaitsInTheBacklogUntilASlotFrees()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Echo);
            Socket c1 = rig.Connect(7);
            Socket c2 = rig.Connect(7);
            Assert.IsTrue(Echoes(c1, 1, 1000));
            Assert.IsTrue(Echoes(c2, 2, 1000));
            Socket c3 = rig.Connect(7); // The handshake completes into the accept queue.
            Assert.IsFalse(Echoes(c3, 3, 2000));
            TcpService echo = rig.Host.Find("echo");
            Assert.AreEqual(2, echo.ActiveConnections);
            Assert.AreEqual(2, echo.Accepted);

            c1.Close();
            Assert.IsTrue(c3.Poll(1000000, SelectMode.SelectRead)); // Served as soon as c1's slot is free.
            byte[] got = new byte[1];
            Assert.AreEqual(1, c3.Receive(got));
            Assert.AreEqual(3, (int)got[0]);
            Assert.AreEqual(3, echo.Accepted);
            Assert.IsTrue(Echoes(c2, 4, 1000));
        }

        [TestMethod]
        public void SilentClientIsClosedAtTheIdleTimeout()
        {
            ServiceOptions o = ServiceRig.Make(ServiceSet.Echo);
            o.IdleTimeoutMs = 5000;
            ServiceRig rig = new ServiceRig(o, null);
            Socket c = rig.Connect(7);
            Assert.IsTrue(Echoes(c, 9, 1000));
            long t0 = rig.NowMs;
            c.ReceiveTimeout = 20000;
            Assert.AreEqual(0, c.Receive(new byte[1])); // FIN
            long took = rig.NowMs - t0;
            OutputHelper.WriteLine("closed after " + took.ToString() + " virtual ms");
            Assert.IsTrue(took >= 4990 && took <= 5100, took.ToString());
            Assert.AreEqual(1, rig.Host.Find("echo").IdleClosed);
            Assert.AreEqual(0, rig.Host.Find("echo").ActiveConnections);
        }

        [TestMethod]
        public void EchoClientThatNeverReadsIsClosedAfterTheIdleTimeout()
        {
            ServiceOptions o = ServiceRig.Make(ServiceSet.Echo);
            o.IdleTimeoutMs = 5000;
            ServiceRig rig = new ServiceRig(o, null);
            Socket c = rig.Connect(7);
            c.Blocking = false;
            byte[] block = SocketRig.Pattern(1024, 1);
            int sent = 0;
            for (int i = 0; i < 100; i++)
            {
                SocketError e;
                int n = c.Send(block, 0, block.Length, out e);
                if (e == SocketError.Success)
                {
                    sent += n;
                }

                rig.Run(10);
            }

            OutputHelper.WriteLine("queued " + sent.ToString() + " bytes before the buffers filled");
            Assert.IsTrue(sent < 100 * 1024); // Backpressure: buffers filled up.
            TcpService echo = rig.Host.Find("echo");
            Assert.AreEqual(1, echo.ActiveConnections);
            rig.Run(4000);
            Assert.AreEqual(1, echo.ActiveConnections); // 5 s since the last byte moved: not yet.
            rig.Run(1100);
            Assert.AreEqual(0, echo.ActiveConnections);
            Assert.AreEqual(1, echo.IdleClosed);
        }

        [TestMethod]
        public void ResetClientFreesItsSlot()
        {
            ServiceOptions o = ServiceRig.Make(ServiceSet.Echo);
            o.ConnectionsPerService = 1;
            ServiceRig rig = new ServiceRig(o, null);
            Socket c1 = rig.Connect(7);
            Assert.IsTrue(Echoes(c1, 1, 1000));
            Socket c2 = rig.Connect(7);
            Assert.IsFalse(Echoes(c2, 2, 500));
            c1.Abort(); // RST: the client is gone.
            Assert.IsTrue(c2.Poll(1000000, SelectMode.SelectRead));
            byte[] got = new byte[1];
            Assert.AreEqual(1, c2.Receive(got));
            Assert.AreEqual(2, (int)got[0]);
            Assert.AreEqual(1, rig.Host.Find("echo").Errors); // ConnectionReset ended the first.
        }

        [TestMethod]
        public void DisabledServiceRefusesConnections()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Echo);
            Assert.IsNull(rig.Host.Find("chargen"));
            foreach (int port in new int[] { 9, 19, 80, 5001 })
            {
                Socket c = rig.A.CreateSocket(SocketType.Stream);
                Expect.Error(SocketError.ConnectionRefused, delegate { c.Connect(new IPEndPoint(ServiceRig.IpB, port)); });
                c.Close();
            }

            Socket ok = rig.Connect(7);
            Assert.IsTrue(Echoes(ok, 5, 1000));
        }

        [TestMethod]
        public void StopClosesListenersAndConnections()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Echo);
            Socket c = rig.Connect(7);
            rig.Run(10); // Accepted (before that it sits in the accept queue: closing the listener resets it).
            rig.Host.Stop();
            Assert.AreEqual(0, c.Receive(new byte[1]));
            Socket d = rig.A.CreateSocket(SocketType.Stream);
            Expect.Error(SocketError.ConnectionRefused, delegate { d.Connect(new IPEndPoint(ServiceRig.IpB, 7)); });
        }
    }
}
