using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;
using NanoIP.Sockets;
using NanoIP.UnitTests.Dhcp;

namespace NanoIP.UnitTests.Services
{
    /// <summary>
    /// Services enabled and disabled at run time (the console's "service"): listeners open and
    /// close, connections end with FIN rather than RST, the TCP blocks come back; and the
    /// status page's DHCP and DNS lines.
    /// </summary>
    [TestClass]
    public class ServiceControlTests
    {
        private static ServiceRig EchoWithAllAvailable()
        {
            ServiceOptions o = ServiceRig.Make(ServiceSet.Echo);
            o.Available = ServiceSet.All;
            NetConfig config = new NetConfig();
            config.TcpSockets = 2 + o.TcpSocketsNeeded; // The client's sockets on A, and everything the services may hold on B.
            return new ServiceRig(o, config);
        }

        private static SocketError ConnectError(ServiceRig rig, int port)
        {
            try
            {
                rig.Connect(port).Close();
                return SocketError.Success;
            }
            catch (SocketException e)
            {
                return e.ErrorCode;
            }
        }

        [TestMethod]
        public void AvailableServicesAreBuiltButOnlyEnabledOnesListen()
        {
            ServiceRig rig = EchoWithAllAvailable();
            Assert.AreEqual((int)ServiceSet.All, (int)rig.Host.Built);
            Assert.AreEqual((int)ServiceSet.Echo, (int)rig.Host.Enabled);
            Assert.AreEqual(13, rig.Options.TcpSocketsNeeded); // Echo 3, discard 4, chargen 3, http 3: reserved for all built services.
            Assert.AreEqual("running", rig.Host.StateName(0));
            Assert.AreEqual("disabled", rig.Host.StateName(3));
            Assert.AreEqual((int)SocketError.ConnectionRefused, (int)ConnectError(rig, 80));

            Assert.AreEqual(0, rig.Host.Enable(ServiceSet.Http));
            Assert.AreEqual("running", rig.Host.StateName(3));
            Socket c = rig.Connect(80);
            byte[] r = ServiceRig.Ascii("GET / HTTP/1.0\r\n\r\n");
            Assert.AreEqual(r.Length, c.Send(r));
            byte[] got = new byte[8192];
            string page = ServiceRig.Text(got, 0, ServiceRig.ReadToEnd(c, got));
            c.Close();
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", page);
            Assert.Contains("\necho 7 ", page);
            Assert.Contains("\nhttp 80 ", page);
            Assert.Contains("\nchargen 19 ", page);
            Assert.IsTrue(page.IndexOf("disabled") > 0, page); // discard and chargen are built, not running.
        }

        [TestMethod]
        public void DisableClosesConnectionsWithFinAndEnableListensAgain()
        {
            ServiceRig rig = EchoWithAllAvailable();
            int freeBefore = rig.StackB.Tcp.FreeSockets;
            Socket c = rig.Connect(7);
            byte[] data = ServiceRig.Ascii("hello");
            byte[] got = new byte[16];
            Assert.AreEqual(5, ServiceRig.EchoExchange(c, data, 5, got));
            // Bytes the service has not read when it is disabled are drained, so the close is a FIN.
            c.Blocking = false;
            Assert.AreEqual(5, c.Send(data));
            rig.Net.RunFor(50); // The stacks only: the bytes reach B's socket, the echo service does not read them.
            c.Blocking = true;
            Assert.AreEqual(1, rig.Host.Disable(ServiceSet.Echo));
            Assert.AreEqual("disabled", rig.Host.StateName(0));
            SocketError e;
            int n = 0;
            for (int i = 0; i < 20 && n >= 0; i++)
            {
                n = c.Receive(got, 0, got.Length, out e);
                Assert.AreEqual((int)SocketError.Success, (int)e, "the connection was reset, not closed");
                if (n == 0)
                {
                    break;
                }
            }

            Assert.AreEqual(0, n);
            c.Close();
            Assert.AreEqual((int)SocketError.ConnectionRefused, (int)ConnectError(rig, 7));
            Assert.AreEqual(0, rig.Host.Disable(ServiceSet.Echo)); // Already off: nothing to close.

            rig.Run(5000);
            Assert.AreEqual(freeBefore + 1, rig.StackB.Tcp.FreeSockets); // Listener and connection blocks are back.
            Assert.AreEqual(0, rig.Host.Enable(ServiceSet.Echo), "enable: " + ((int)rig.Host.GetService(0).StartError).ToString());
            c = rig.Connect(7);
            Assert.AreEqual(5, ServiceRig.EchoExchange(c, data, 5, got));
            c.Close();
            Assert.IsTrue(rig.Host.GetService(0).Closed >= 1);
        }

        [TestMethod]
        public void EnableReportsAPortInUseAndKeepsTheServiceEnabled()
        {
            ServiceRig rig = EchoWithAllAvailable();
            Socket squatter = rig.B.CreateSocket(SocketType.Stream);
            squatter.Bind(new IPEndPoint(IPEndPoint.Any, 19));
            squatter.Listen(1);
            Assert.AreEqual(1, rig.Host.Enable(ServiceSet.Chargen));
            Assert.AreEqual("failed", rig.Host.StateName(2));
            Assert.AreEqual((int)SocketError.AddressAlreadyInUse, (int)rig.Host.GetService(2).StartError);
            squatter.Close();
            Assert.AreEqual(0, rig.Host.Enable(ServiceSet.Chargen)); // Enabled: a second enable retries.
            Assert.AreEqual("running", rig.Host.StateName(2));
        }

        /// <summary>StatusPage over the DHCP fixture's stack: the page is written into text.</summary>
        private static string Page(DhcpFixture f, DhcpClient dhcp, DnsResolver dns)
        {
            FixtureClock clock = new FixtureClock(f);
            NetworkContext ctx = new NetworkContext(f.Config, f.Stack, clock, new PumpingSocketWaiter(clock));
            StatusPage page = new StatusPage(ctx);
            page.Dhcp = dhcp;
            page.Dns = dns;
            byte[] buffer = new byte[4096];
            AsciiWriter w = new AsciiWriter();
            w.Reset(buffer, 0, buffer.Length);
            page.Write(w, false, f.Now);
            return ServiceRig.Text(buffer, 0, w.Length);
        }

        [TestMethod]
        public void StatusPageShowsTheLeaseAndTheDnsServers()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.LeaseSeconds = 600;
            f.StartAndBind();
            DnsResolver dns = new DnsResolver(f.Config, f.Stack);
            dns.ServerSource = f.Dhcp;
            f.RunFor(100000); // 100 s into the lease: T1 at 300 s, T2 at 525 s (RFC 2131 §4.4.5 defaults).
            string text = Page(f, f.Dhcp, dns);
            OutputHelper.WriteLine(text);
            Assert.Contains("inet 192.168.7.50/24", text);
            long elapsed = (f.Now - f.Dhcp.LeaseObtainedMs + 999) / 1000;
            Assert.Contains("dhcp  bound  server 192.168.7.1  lease 600 s  t1 in " + (300 - elapsed).ToString() + " s  t2 in "
                + (525 - elapsed).ToString() + " s  expires in " + (600 - elapsed).ToString() + " s\n", text);
            Assert.Contains("\ndns   192.168.7.53 8.8.8.8\n", text);

            // Static servers win over the lease's; without a DHCP client the address is static.
            dns.SetServers(IPv4.FromBytes(198, 18, 0, 53), 0);
            f.Dhcp.Stop();
            text = Page(f, f.Dhcp, dns);
            Assert.Contains("\ndhcp  static\n", text);
            Assert.Contains("\ndns   198.18.0.53\n", text);
            text = Page(f, null, null);
            Assert.Contains("\ndhcp  static\ndns   none\n", text);
        }

        [TestMethod]
        public void StatusPageShowsTheClientStateWithoutALease()
        {
            DhcpFixture f = new DhcpFixture();
            f.Server.AnswerDiscover = false;
            f.Dhcp.Start(f.Now);
            f.RunFor(1000);
            string text = Page(f, f.Dhcp, null);
            Assert.Contains("\ndhcp  " + DhcpClient.StateName(f.Dhcp.State) + "  no lease\n", text);
            Assert.Contains("\ndns   none\n", text);
        }

        /// <summary>The fixture's clock as the socket layer's clock and pump (nothing blocks in these tests).</summary>
        private sealed class FixtureClock : IClock, INetworkPump
        {
            private readonly DhcpFixture _f;

            public FixtureClock(DhcpFixture f)
            {
                _f = f;
            }

            public long NowMs
            {
                get { return _f.Now; }
            }

            public long PollAll()
            {
                return _f.PollAll();
            }

            public void AdvanceTo(long timeMs)
            {
                _f.RunFor(timeMs - _f.Now);
            }
        }
    }
}
