using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.App.Console.Commands;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Console
{
    /// <summary>netstat, tcp and udp against the peer's socket layer on the virtual wire.</summary>
    [TestClass]
    public class ConsoleSocketTests
    {
        private static byte[] Ascii(string s)
        {
            return TextFormat.Ascii(s);
        }

        [TestMethod]
        public void ConsoleNetstatListsListenersConnectionsTimeWaitAndUdp()
        {
            ConsoleRig rig = new ConsoleRig();
            Socket listener = rig.Network.CreateSocket(SocketType.Stream);
            listener.Bind(new IPEndPoint(IPEndPoint.Any, 80));
            listener.Listen(3);
            Socket udp = rig.Network.CreateSocket(SocketType.Dgram);
            udp.Bind(new IPEndPoint(IPEndPoint.Any, 5353));
            Assert.AreEqual(NetstatCommand.Header + "\r\n"
                + "tcp   LISTEN     0      3      0.0.0.0:80             0.0.0.0:*\r\n"
                + "udp   UNCONN     0      0      0.0.0.0:5353           0.0.0.0:*\r\n", rig.Output("netstat"));

            // The peer connects and sends 5 bytes nobody reads yet: the accepted connection shows them in Recv-Q.
            Socket client = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            client.Blocking = false;
            try
            {
                client.Connect(new IPEndPoint(ConsoleRig.StackIp, 80));
            }
            catch (SocketException e)
            {
                Assert.AreEqual(SocketError.InProgress, e.ErrorCode);
            }

            rig.Step(50);
            Assert.IsTrue(client.Connected);
            client.Send(Ascii("hello"));
            rig.Step(50);
            int clientPort = client.LocalEndPoint.Port;
            string peer = "192.168.1.20:" + clientPort.ToString();
            string[] lines = ConsoleRig.Lines(rig.Output("netstat -t"));
            Assert.AreEqual(3, lines.Length);
            Assert.AreEqual("tcp   LISTEN     1      3      0.0.0.0:80             0.0.0.0:*", lines[1]);
            Assert.AreEqual("tcp   ESTAB      5      0      192.168.1.10:80        " + peer, lines[2]);

            // Accepted, read and closed by us first: our side ends in TIME-WAIT after the peer closes too.
            Socket server = listener.Accept();
            Assert.AreEqual(5, server.Receive(new byte[16]));
            server.Close();
            rig.Step(50);
            client.Close();
            rig.Step(50);
            lines = ConsoleRig.Lines(rig.Output("netstat -t"));
            Assert.AreEqual("tcp   TIME-WAIT  0      0      192.168.1.10:80        " + peer, lines[2]);

            // -l keeps only listeners and unconnected UDP; -u only UDP.
            lines = ConsoleRig.Lines(rig.Output("netstat -tl"));
            Assert.AreEqual(2, lines.Length);
            lines = ConsoleRig.Lines(rig.Output("netstat -u"));
            Assert.AreEqual(2, lines.Length);
            Assert.IsTrue(lines[1].StartsWith("udp   UNCONN"));
            listener.Close();
            udp.Close();
        }

        [TestMethod]
        public void ConsoleTcpConnectSendsALineAndPrintsTheReply()
        {
            ConsoleRig rig = new ConsoleRig();
            Socket listener = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            listener.Bind(new IPEndPoint(IPEndPoint.Any, 7));
            listener.Listen(1);
            listener.Blocking = false;
            string s = rig.Output("tcp connect 192.168.1.20 7 \"hi there\"");
            Assert.AreEqual("connecting to 192.168.1.20:7\r\n", s);
            Assert.IsTrue(rig.Shell.JobRunning);

            Socket server = null;
            byte[] got = new byte[64];
            int n = 0;
            for (int i = 0; i < 500 && n < 10; i++)
            {
                rig.Step(1);
                if (server == null && listener.Poll(0, SelectMode.SelectRead))
                {
                    server = listener.Accept();
                    server.Blocking = false;
                }

                if (server != null && server.Available > 0)
                {
                    n += server.Receive(got, n, got.Length - n);
                }
            }

            Assert.AreEqual(10, n);
            Assert.AreEqual("hi there", TextFormat.Printable(got, 0, 8));
            Assert.AreEqual((byte)'\r', got[8]);
            Assert.AreEqual((byte)'\n', got[9]);
            server.Send(Ascii("pong\nbye\x01\n"));
            server.Close();
            Assert.IsTrue(rig.StepUntilIdle(2000));
            string[] lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.IsTrue(lines[0].StartsWith("connected from 192.168.1.10:"), lines[0]);
            Assert.AreEqual("pong", lines[1]);
            Assert.AreEqual("bye.", lines[2]);
            Assert.AreEqual("connection closed by peer", lines[3]);
            Assert.AreEqual(ConsoleShell.Prompt, lines[4]);
            // The console's socket went back to the table.
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));
            listener.Close();
        }

        [TestMethod]
        public void ConsoleTcpConnectReportsRefusedAndCtrlCCloses()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Run("tcp connect 192.168.1.20 9");
            Assert.IsTrue(rig.StepUntilIdle(2000));
            string[] lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.AreEqual("tcp: connect: Connection refused", lines[0]);
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));

            Assert.AreEqual("listening on 0.0.0.0:8080\r\n", rig.Output("tcp listen 8080"));
            // While the job runs, typed lines are discarded (only Ctrl-C counts).
            Assert.AreEqual(string.Empty, rig.Output("netstat -l"));
            Assert.AreEqual(1, rig.Network.SocketsInUse(SocketType.Stream));
            bool listening = false;
            for (int i = 0; i < rig.Stack.Tcp.ConnectionCapacity; i++)
            {
                uint la, ra;
                int lp, rp, rq, sq;
                listening |= rig.Stack.Tcp.GetConnectionRow(i, out la, out lp, out ra, out rp, out rq, out sq) == NanoIP.Transport.Tcp.TcpState.Listen && lp == 8080 && sq == 1;
            }

            Assert.IsTrue(listening);
            rig.Step(100);
            Assert.IsTrue(rig.Shell.JobRunning);
            Assert.AreEqual("^C\r\nclosed\r\n" + ConsoleShell.Prompt, rig.Type("\x03"));
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));
            Assert.AreEqual(1, ConsoleRig.Lines(rig.Output("netstat -t")).Length);
        }

        /// <summary>Resolves "peer.lan" to the peer after 20 ms; any other name fails as NXDOMAIN does.</summary>
        private sealed class PeerNameResolver : IHostResolver
        {
            public ConsoleRig Rig;
            public int Begun;
            public int Ended;
            private long _started;

            public int Begin(string name, long nowMs)
            {
                Begun++;
                _started = nowMs;
                return name == "peer.lan" ? 1 : 2;
            }

            public ResolveStatus GetStatus(int handle, out uint address)
            {
                address = 0;
                if (Rig.Now - _started < 20)
                {
                    return ResolveStatus.Pending;
                }

                if (handle == 2)
                {
                    return ResolveStatus.Failed;
                }

                address = ConsoleRig.PeerIp;
                return ResolveStatus.Resolved;
            }

            public string FailureText(int handle)
            {
                return "Name or service not known";
            }

            public void End(int handle)
            {
                Ended++;
            }
        }

        private static Socket AcceptOne(ConsoleRig rig, Socket listener, int maxMs)
        {
            for (int i = 0; i < maxMs; i++)
            {
                rig.Step(1);
                if (listener.Poll(0, SelectMode.SelectRead))
                {
                    Socket s = listener.Accept();
                    s.Blocking = false;
                    return s;
                }
            }

            return null;
        }

        [TestMethod]
        public void ConsoleTcpOpenKeepsTheConnectionForNetstatSendRecvAndClose()
        {
            ConsoleRig rig = new ConsoleRig();
            Socket listener = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            listener.Bind(new IPEndPoint(IPEndPoint.Any, 7000));
            listener.Listen(1);
            listener.Blocking = false;
            Assert.AreEqual("tcp: no open connection ('tcp open HOST PORT' first)\r\n", rig.Output("tcp send hi"));
            Assert.AreEqual("connecting to 192.168.1.20:7000\r\n", rig.Output("tcp open 192.168.1.20 7000"));
            Socket server = AcceptOne(rig, listener, 500);
            Assert.IsNotNull(server);
            Assert.IsTrue(rig.StepUntilIdle(500));
            string[] lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.IsTrue(lines[0].StartsWith("connected from 192.168.1.10:"), lines[0]);
            Assert.AreEqual(ConsoleShell.Prompt, lines[1]);

            // The prompt is back and the connection stays: netstat shows it established.
            lines = ConsoleRig.Lines(rig.Output("netstat -t"));
            Assert.AreEqual(2, lines.Length);
            Assert.IsTrue(lines[1].StartsWith("tcp   ESTAB      0      0      192.168.1.10:"), lines[1]);
            Assert.IsTrue(lines[1].EndsWith("192.168.1.20:7000"), lines[1]);
            Assert.AreEqual("tcp: a connection is already open ('tcp close' first)\r\n", rig.Output("tcp open 192.168.1.20 7000"));

            Assert.AreEqual("sent 7 bytes\r\n", rig.Output("tcp send hello"));
            rig.Step(50);
            byte[] got = new byte[16];
            Assert.AreEqual(7, server.Receive(got, 0, got.Length));
            Assert.AreEqual("hello", TextFormat.Printable(got, 0, 5));
            Assert.AreEqual(string.Empty, rig.Output("tcp recv"));
            server.Send(Ascii("world\n"));
            rig.Step(50);
            Assert.AreEqual("world\r\n", rig.Output("tcp recv"));

            Assert.AreEqual("closed\r\n", rig.Output("tcp close"));
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));
            server.Close();
            rig.Step(100);
            Assert.AreEqual("tcp: no open connection ('tcp open HOST PORT' first)\r\n", rig.Output("tcp close"));
            listener.Close();
        }

        [TestMethod]
        public void ConsoleTcpShutdownHalfClosesAndAbortResets()
        {
            ConsoleRig rig = new ConsoleRig();
            Socket listener = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            listener.Bind(new IPEndPoint(IPEndPoint.Any, 7002));
            listener.Listen(2);
            listener.Blocking = false;
            Assert.AreEqual("tcp: no open connection ('tcp open HOST PORT' first)\r\n", rig.Output("tcp shutdown"));
            rig.Run("tcp open 192.168.1.20 7002");
            Socket server = AcceptOne(rig, listener, 500);
            Assert.IsNotNull(server);
            Assert.IsTrue(rig.StepUntilIdle(500));
            rig.Port.Take();

            // Half-close: the peer reads end of stream, then still sends, and the board still reads it.
            Assert.AreEqual("shut down sending (FIN sent); 'tcp recv' still reads\r\n", rig.Output("tcp shutdown"));
            rig.Step(50);
            byte[] got = new byte[16];
            Assert.AreEqual(0, server.Receive(got, 0, got.Length));
            server.Send(Ascii("late\n"));
            rig.Step(50);
            Assert.AreEqual("late\r\n", rig.Output("tcp recv"));
            Assert.AreEqual("tcp: send: Cannot send after transport endpoint shutdown\r\n", rig.Output("tcp send more"));
            Assert.AreEqual("tcp: unexpected argument 'now'", ConsoleRig.Lines(rig.Output("tcp abort now"))[0]);
            server.Close();
            rig.Step(50);
            Assert.AreEqual("connection closed by peer\r\n", rig.Output("tcp recv"));

            // Abort: RST, the peer's next receive fails with a reset and the board's socket is free at once.
            rig.Run("tcp open 192.168.1.20 7002");
            server = AcceptOne(rig, listener, 500);
            Assert.IsNotNull(server);
            Assert.IsTrue(rig.StepUntilIdle(500));
            rig.Port.Take();
            long resetsBefore = rig.Stack.Tcp.Counters.ResetsSent;
            Assert.AreEqual("reset\r\n", rig.Output("tcp abort"));
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));
            rig.Step(50);
            Assert.AreEqual(resetsBefore + 1, rig.Stack.Tcp.Counters.ResetsSent);
            SocketException error = null;
            try
            {
                server.Receive(got, 0, got.Length);
            }
            catch (SocketException e)
            {
                error = e;
            }

            Assert.IsNotNull(error);
            Assert.AreEqual(SocketError.ConnectionReset, error.ErrorCode);
            server.Close();
            listener.Close();
        }

        [TestMethod]
        public void ConsoleTcpRecvReportsThePeerClosingAndFreesTheSocket()
        {
            ConsoleRig rig = new ConsoleRig();
            Socket listener = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            listener.Bind(new IPEndPoint(IPEndPoint.Any, 7001));
            listener.Listen(1);
            listener.Blocking = false;
            rig.Run("tcp open 192.168.1.20 7001 first");
            Socket server = AcceptOne(rig, listener, 500);
            Assert.IsTrue(rig.StepUntilIdle(500));
            rig.Port.Take();
            rig.Step(50);
            // TEXT went out with the open; read it so the peer's close is a FIN, not a reset.
            byte[] got = new byte[16];
            Assert.AreEqual(7, server.Receive(got, 0, got.Length));
            Assert.AreEqual("first", TextFormat.Printable(got, 0, 5));
            server.Send(Ascii("bye\n"));
            server.Close();
            rig.Step(50);
            Assert.AreEqual("bye\r\nconnection closed by peer\r\n", rig.Output("tcp recv"));
            Assert.AreEqual("tcp: no open connection ('tcp open HOST PORT' first)\r\n", rig.Output("tcp recv"));
            rig.Step(50);
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));
            listener.Close();
        }

        [TestMethod]
        public void ConsoleTcpConnectsByName()
        {
            ConsoleRig rig = new ConsoleRig();
            PeerNameResolver resolver = new PeerNameResolver();
            resolver.Rig = rig;
            Socket listener = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            listener.Bind(new IPEndPoint(IPEndPoint.Any, 7));
            listener.Listen(1);
            listener.Blocking = false;

            // Without a resolver a name is a syntax error, as before.
            Assert.AreEqual("tcp: invalid address 'peer.lan' (names need a DNS resolver)", ConsoleRig.Lines(rig.Output("tcp connect peer.lan 7"))[0]);
            rig.Shell.Context.Resolver = resolver;

            rig.Run("tcp connect nope.lan 7");
            Assert.IsTrue(rig.StepUntilIdle(500));
            Assert.AreEqual("tcp: nope.lan: Name or service not known", ConsoleRig.Lines(rig.Port.Take())[0]);
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Stream));

            Assert.AreEqual(string.Empty, rig.Output("tcp connect peer.lan 7 hi"));
            Socket server = AcceptOne(rig, listener, 500);
            Assert.IsNotNull(server);
            rig.Step(50);
            byte[] got = new byte[16];
            Assert.AreEqual(4, server.Receive(got, 0, got.Length));
            server.Close();
            Assert.IsTrue(rig.StepUntilIdle(2000));
            string[] lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.AreEqual("connecting to 192.168.1.20:7", lines[0]);
            Assert.IsTrue(lines[1].StartsWith("connected from 192.168.1.10:"), lines[1]);
            Assert.AreEqual("connection closed by peer", lines[2]);
            Assert.AreEqual(2, resolver.Begun);
            Assert.AreEqual(2, resolver.Ended);
            listener.Close();
        }

        [TestMethod]
        public void ConsoleTcpListenAcceptsOneConnection()
        {
            ConsoleRig rig = new ConsoleRig();
            Assert.AreEqual("listening on 0.0.0.0:2323\r\n", rig.Output("tcp listen 2323"));
            Socket client = rig.PeerNetwork.CreateSocket(SocketType.Stream);
            client.Blocking = false;
            try
            {
                client.Connect(new IPEndPoint(ConsoleRig.StackIp, 2323));
            }
            catch (SocketException e)
            {
                Assert.AreEqual(SocketError.InProgress, e.ErrorCode);
            }

            rig.Step(50);
            int port = client.LocalEndPoint.Port;
            client.Send(Ascii("GET /\r\n"));
            rig.Step(50);
            client.Close();
            Assert.IsTrue(rig.StepUntilIdle(2000));
            string[] lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.AreEqual("connection from 192.168.1.20:" + port.ToString(), lines[0]);
            Assert.AreEqual("GET /", lines[1]);
            Assert.AreEqual("connection closed by peer", lines[2]);
        }

        [TestMethod]
        public void ConsoleUdpSendAndListen()
        {
            ConsoleRig rig = new ConsoleRig();
            Socket peer = rig.PeerNetwork.CreateSocket(SocketType.Dgram);
            peer.Bind(new IPEndPoint(IPEndPoint.Any, 9999));
            peer.Blocking = false;
            Assert.AreEqual("sent 11 bytes to 192.168.1.20:9999\r\n", rig.Output("udp send 192.168.1.20 9999 'hello world'"));
            rig.Step(50);
            byte[] got = new byte[64];
            IPEndPoint from = new IPEndPoint(0, 0);
            int n = peer.ReceiveFrom(got, ref from);
            Assert.AreEqual("hello world", TextFormat.Printable(got, 0, n));
            Assert.AreEqual(ConsoleRig.StackIp, from.Address);
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Dgram));

            Assert.AreEqual("listening on 0.0.0.0:5000\r\n", rig.Output("udp listen 5000"));
            peer.SendTo(Ascii("one"), new IPEndPoint(ConsoleRig.StackIp, 5000));
            peer.SendTo(Ascii("two\n"), new IPEndPoint(ConsoleRig.StackIp, 5000));
            rig.Step(50);
            string[] lines = ConsoleRig.Lines(rig.Port.Take());
            Assert.AreEqual("from 192.168.1.20:9999 (3 bytes): one", lines[0]);
            Assert.AreEqual("from 192.168.1.20:9999 (4 bytes): two", lines[1]);
            Assert.AreEqual(string.Empty, lines[2]);
            Assert.AreEqual("^C\r\n" + ConsoleShell.Prompt, rig.Type("\x03"));
            Assert.AreEqual(0, rig.Network.SocketsInUse(SocketType.Dgram));
            peer.Close();
        }

        [TestMethod]
        public void ConsoleSocketCommandsWithoutASocketLayerOrWithBadArguments()
        {
            ConsoleRig rig = new ConsoleRig();
            rig.Shell.Context.Network = null;
            Assert.AreEqual("tcp: no socket layer on this firmware\r\n", rig.Output("tcp connect 192.168.1.20 7"));
            Assert.AreEqual("udp: no socket layer on this firmware\r\n", rig.Output("udp listen 7"));
            string[] lines = ConsoleRig.Lines(rig.Output("tcp connect 192.168.1.20 0"));
            Assert.AreEqual("tcp: invalid port '0' (1..65535)", lines[0]);
            Assert.AreEqual("usage: tcp connect HOST PORT [TEXT]", lines[1]);
            Assert.AreEqual("tcp: missing sub-command", ConsoleRig.Lines(rig.Output("tcp"))[0]);
            Assert.AreEqual("udp: send needs ADDR, PORT and TEXT", ConsoleRig.Lines(rig.Output("udp send 192.168.1.20 7"))[0]);
            Assert.AreEqual("netstat: invalid option '-x'", ConsoleRig.Lines(rig.Output("netstat -tx"))[0]);
            Assert.AreEqual("netstat: unexpected argument 'all'", ConsoleRig.Lines(rig.Output("netstat all"))[0]);
            Assert.IsFalse(rig.Shell.JobRunning);
        }
    }
}
