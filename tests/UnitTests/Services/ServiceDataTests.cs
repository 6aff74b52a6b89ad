using nanoFramework.TestFramework;
using NanoIP.Services.Apps;
using NanoIP.Sockets;
using NanoIP.UnitTests.Sockets;

namespace NanoIP.UnitTests.Services
{
    /// <summary>Echo, discard and chargen through two whole stacks on the virtual wire.</summary>
    [TestClass]
    public class ServiceDataTests
    {
        [TestMethod]
        [DataRow(1)]
        [DataRow(1000)]
        [DataRow(4096)]
        [DataRow(20000)]
        [DataRow(65536)]
        public void EchoReturnsEveryByte(int size)
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Echo);
            Socket c = rig.Connect(7);
            byte[] data = SocketRig.Pattern(size, size);
            byte[] got = new byte[size];
            int n = ServiceRig.EchoExchange(c, data, size, got);
            Assert.AreEqual(size, n);
            Assert.IsTrue(SocketRig.Same(data, got, size));
            Assert.AreEqual((long)size, ((EchoService)rig.Host.Find("echo")).BytesEchoed);

            // The client closes: the service echoes nothing more and closes its side (FIN).
            c.Shutdown(SocketShutdown.Send);
            Assert.AreEqual(0, c.Receive(got, 0, 1));
            c.Close();
            rig.Run(100);
            Assert.AreEqual(0, rig.Host.Find("echo").ActiveConnections);
        }

        [TestMethod]
        public void DiscardSwallows256KBAndKeepsTheConnection()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Discard);
            Socket c = rig.Connect(9);
            byte[] block = SocketRig.Pattern(4096, 3);
            for (int i = 0; i < 64; i++)
            {
                Assert.AreEqual(block.Length, c.Send(block));
            }

            Assert.IsFalse(c.Poll(500000, SelectMode.SelectRead)); // Nothing comes back, no FIN.
            Assert.IsTrue(c.Connected);
            Assert.AreEqual(1, rig.Host.Find("discard").ActiveConnections);
            Assert.AreEqual(1, c.Send(block, 0, 1)); // Still usable.

            // iperf2's port is the same service.
            Socket d = rig.Connect(5001);
            Assert.AreEqual(block.Length, d.Send(block));
            rig.Run(200);
            Assert.AreEqual(2, rig.Host.Find("discard").ActiveConnections);
            Assert.AreEqual(256L * 1024 + 1 + block.Length, rig.Host.Find("discard").BytesReceived);
            c.Close();
            d.Close();
            rig.Run(200);
            Assert.AreEqual(0, rig.Host.Find("discard").ActiveConnections);
            Assert.AreEqual(0, rig.Host.Find("discard").Errors);
        }

        [TestMethod]
        public void ChargenSendsTheRfc864Pattern()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Chargen);
            Socket c = rig.Connect(19);
            const int lines = 200; // More than one 95-line cycle.
            byte[] got = new byte[lines * 74];
            Assert.AreEqual(got.Length, SocketRig.ReceiveAll(c, got, got.Length));
            Assert.StartsWith("!\"#$%&'()*+,-./0123456789", ServiceRig.Text(got, 0, 30));
            Assert.StartsWith("\"#$%&'()*+,-./0123456789:", ServiceRig.Text(got, 74, 30));
            Assert.StartsWith(" !\"#$", ServiceRig.Text(got, 94 * 74, 5)); // Line 95 begins with the space.
            for (int line = 0; line < lines; line++)
            {
                int o = line * 74;
                for (int col = 0; col < 72; col++)
                {
                    int expected = 32 + (1 + line + col) % 95;
                    if (got[o + col] != expected)
                    {
                        Assert.AreEqual(expected, (int)got[o + col], "line " + line.ToString() + " column " + col.ToString());
                    }
                }

                Assert.AreEqual((int)'\r', (int)got[o + 72]);
                Assert.AreEqual((int)'\n', (int)got[o + 73]);
            }

            // It keeps sending while the client reads; the client's close ends it.
            Assert.IsTrue(c.Poll(1000000, SelectMode.SelectRead));
            c.Abort();
            rig.Run(200);
            Assert.AreEqual(0, rig.Host.Find("chargen").ActiveConnections);
        }

        [TestMethod]
        public void OptionsParseServiceLists()
        {
            ServiceSet s;
            Assert.IsTrue(ServiceOptions.TryParse("echo,discard,chargen,http", out s));
            Assert.AreEqual((int)ServiceSet.All, (int)s);
            Assert.IsTrue(ServiceOptions.TryParse(" Echo , http", out s));
            Assert.AreEqual((int)(ServiceSet.Echo | ServiceSet.Http), (int)s);
            Assert.IsTrue(ServiceOptions.TryParse("all", out s));
            Assert.AreEqual((int)ServiceSet.All, (int)s);
            Assert.IsTrue(ServiceOptions.TryParse("none", out s));
            Assert.AreEqual(0, (int)s);
            Assert.IsFalse(ServiceOptions.TryParse("echo,telnet", out s));
            ServiceOptions o = ServiceRig.Make(ServiceSet.All);
            Assert.AreEqual(5 + 4 * 2, o.TcpSocketsNeeded); // 5 listeners (discard has two) + 2 connections per service.
        }
    }
}
