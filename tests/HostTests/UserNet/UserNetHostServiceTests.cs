using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using BoardSocket = NanoIP.Sockets.Socket;
using BoardSocketError = NanoIP.Sockets.SocketError;
using BoardSocketException = NanoIP.Sockets.SocketException;
using BoardSocketShutdown = NanoIP.Sockets.SocketShutdown;
using BoardSocketType = NanoIP.Sockets.SocketType;

namespace NanoIP.HostTests.UserNet;

/// <summary>
/// The board reaching host services through the user-mode gateway: the firmware's socket API connects to
/// 198.18.0.1:PORT and talks to a listener on the host's 127.0.0.1:PORT. Real time, localhost only.
/// </summary>
[TestClass]
public class UserNetHostServiceTests
{
    [TestMethod]
    public void BoardConnectsToAHostListenerThroughTheGatewayByteExactWithHalfClose()
    {
        int port = UserNetBoard.FreePort();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            using var rig = new UserNetBoard();
            const int up = 200_000;
            const int down = 150_000;
            long hostReceived = -1;
            string hostError = null;
            var host = Task.Run(() =>
            {
                try
                {
                    using Socket s = listener.AcceptSocket();
                    s.ReceiveTimeout = 10_000;
                    s.SendTimeout = 10_000;
                    var buffer = new byte[8192];
                    long n = 0;
                    bool ok = true;
                    for (int guard = 0; guard < 100_000; guard++)
                    {
                        int got = s.Receive(buffer);
                        if (got == 0) break; // the board's half-close
                        for (int i = 0; i < got; i++) ok &= buffer[i] == UserNetBoard.Pattern(n + i);
                        n += got;
                    }

                    hostReceived = ok ? n : -n;
                    var reply = new byte[down];
                    for (int i = 0; i < down; i++) reply[i] = UserNetBoard.Pattern(i + 11);
                    s.Send(reply); // after the board's FIN: the other direction still flows
                    s.Shutdown(SocketShutdown.Send);
                }
                catch (Exception e)
                {
                    hostError = e.GetType().Name + ": " + e.Message;
                }
            });

            var wall = Stopwatch.StartNew();
            BoardSocket b = rig.Firmware.Network.CreateSocket(BoardSocketType.Stream);
            b.ConnectTimeout = 5000;
            b.SendTimeout = 10_000;
            b.ReceiveTimeout = 10_000;
            b.Connect(new NanoIP.Sockets.IPEndPoint(UserNetBoard.GatewayAddress, port));
            long connectMs = wall.ElapsedMilliseconds;
            var chunk = new byte[4096];
            for (int sent = 0; sent < up;)
            {
                int n = Math.Min(chunk.Length, up - sent);
                for (int i = 0; i < n; i++) chunk[i] = UserNetBoard.Pattern(sent + i);
                int done = 0;
                for (int guard = 0; done < n && guard < 1000; guard++) done += b.Send(chunk, done, n - done);
                sent += n;
            }

            b.Shutdown(BoardSocketShutdown.Send);
            var back = new byte[down];
            int received = 0;
            bool eof = false;
            for (int guard = 0; guard < 100_000; guard++)
            {
                int got = b.Receive(back, received, Math.Max(1, Math.Min(4096, down - received)));
                if (got == 0)
                {
                    eof = true;
                    break;
                }

                received += got;
                if (received == down)
                {
                    eof = b.Receive(new byte[1], 0, 1) == 0;
                    break;
                }
            }

            b.Close();
            Assert.IsTrue(host.Wait(10_000), "the host side did not finish");
            OutputHelper.WriteLine("board connect " + connectMs + " ms; " + up + " bytes up, " + received + " down in " + wall.ElapsedMilliseconds + " ms; " + hostError);
            Assert.IsNull(hostError, hostError);
            Assert.AreEqual((long)up, hostReceived, "the host got a different stream (negative: a byte differed)");
            Assert.AreEqual(down, received);
            for (int i = 0; i < down; i++)
            {
                if (back[i] != UserNetBoard.Pattern(i + 11)) Assert.AreEqual(UserNetBoard.Pattern(i + 11), back[i], "byte " + i);
            }

            Assert.IsTrue(eof, "the host's FIN did not reach the board");
            Assert.AreEqual(1L, rig.Gateway.HostServices.HostConnects);
        }
        finally
        {
            listener.Stop();
        }
    }

    [TestMethod]
    public void ABoardAbortResetsTheHostConnection()
    {
        int port = UserNetBoard.FreePort();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        try
        {
            using var rig = new UserNetBoard();
            BoardSocket b = rig.Firmware.Network.CreateSocket(BoardSocketType.Stream);
            b.ConnectTimeout = 5000;
            b.Connect(new NanoIP.Sockets.IPEndPoint(UserNetBoard.GatewayAddress, port));
            Assert.IsTrue(listener.Server.Poll(5_000_000, SelectMode.SelectRead), "the host service saw no connection");
            using Socket host = listener.AcceptSocket();
            host.ReceiveTimeout = 5000;
            b.Abort(); // RST from the board
            SocketError seen = SocketError.Success;
            int n = -1;
            try
            {
                n = host.Receive(new byte[16]);
            }
            catch (SocketException e)
            {
                seen = e.SocketErrorCode;
            }

            Assert.AreEqual(SocketError.ConnectionReset, seen, "the host read " + n + " instead of a reset");
            // Counted once: by the relay, or (the board's ACK and RST handled in one poll) before the accept.
            Assert.IsTrue(UserNetForwardTests.WaitFor(() => rig.Gateway.Resets + rig.Gateway.HostServices.ResetBeforeAccept == 1, 2000));
        }
        finally
        {
            listener.Stop();
        }
    }

    [TestMethod]
    public void ConnectingToAHostPortNobodyListensOnIsRefusedOnTheBoard()
    {
        int port = UserNetBoard.FreePort();
        using var rig = new UserNetBoard();
        BoardSocket b = rig.Firmware.Network.CreateSocket(BoardSocketType.Stream);
        b.ConnectTimeout = 10_000;
        var wall = Stopwatch.StartNew();
        BoardSocketError error = BoardSocketError.Success;
        try
        {
            b.Connect(new NanoIP.Sockets.IPEndPoint(UserNetBoard.GatewayAddress, port));
        }
        catch (BoardSocketException e)
        {
            error = e.SocketErrorCode;
        }

        b.Close();
        OutputHelper.WriteLine("refused after " + wall.ElapsedMilliseconds + " ms");
        Assert.AreEqual(BoardSocketError.ConnectionRefused, error);
        Assert.IsTrue(wall.ElapsedMilliseconds < 3000, "refusal took " + wall.ElapsedMilliseconds + " ms (a SYN retransmission?)");
        Assert.AreEqual(1L, rig.Gateway.HostServices.HostRefused);
    }
    [TestMethod]
    public void BoardUdpReachesAHostServiceThroughTheGatewayAndEachSocketGetsItsAnswers()
    {
        using var host = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        host.Client.ReceiveTimeout = 10_000;
        int port = ((IPEndPoint)host.Client.LocalEndPoint).Port;
        const int Rounds = 5;
        var seenFrom = new HashSet<int>();
        Task echo = AnswerReversed(host, 2 * Rounds, seenFrom);

        using var rig = new UserNetBoard();
        BoardSocket a = rig.Firmware.Network.CreateSocket(BoardSocketType.Dgram);
        BoardSocket b = rig.Firmware.Network.CreateSocket(BoardSocketType.Dgram);
        a.ReceiveTimeout = 5000;
        b.ReceiveTimeout = 5000;
        var gateway = new NanoIP.Sockets.IPEndPoint(UserNetBoard.GatewayAddress, port);
        var random = new Random(5);
        var answer = new byte[2048];
        for (int i = 0; i < Rounds; i++)
        {
            foreach (BoardSocket s in new[] { a, b })
            {
                var request = new byte[1 + random.Next(1472)];
                random.NextBytes(request);
                Assert.AreEqual(request.Length, s.SendTo(request, gateway));
                var from = new NanoIP.Sockets.IPEndPoint(0, 0);
                int n = s.ReceiveFrom(answer, ref from);
                Array.Reverse(request);
                CollectionAssert.AreEqual(request, answer.AsSpan(0, n).ToArray(), "round " + i + ": the answer to this socket's own request");
                Assert.AreEqual(UserNetBoard.GatewayAddress, from.Address, "answers come from the gateway");
                Assert.AreEqual(port, from.Port);
            }
        }

        Assert.IsTrue(echo.Wait(5000), "the host service saw every datagram");
        a.Close();
        b.Close();
        Assert.AreEqual(2, seenFrom.Count, "one host socket per board socket");
        Assert.AreEqual(2L * Rounds, rig.Gateway.UdpRelay.DatagramsToHost);
        Assert.AreEqual(2L * Rounds, rig.Gateway.UdpRelay.DatagramsToBoard);
        Assert.AreEqual(0L, rig.Gateway.UdpRelay.Dropped);
    }
    [TestMethod]
    public void AnIdleUdpFlowEndsAndItsGatewayPortIsFreedThenReopensOnDemand()
    {
        using var host = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        host.Client.ReceiveTimeout = 10_000;
        int port = ((IPEndPoint)host.Client.LocalEndPoint).Port;
        Task echo = AnswerReversed(host, 2, new HashSet<int>());

        using var rig = new UserNetBoard(16, 300);
        BoardSocket s = rig.Firmware.Network.CreateSocket(BoardSocketType.Dgram);
        s.ReceiveTimeout = 5000;
        var gateway = new NanoIP.Sockets.IPEndPoint(UserNetBoard.GatewayAddress, port);
        var answer = new byte[64];
        for (int round = 0; round < 2; round++)
        {
            byte[] request = { (byte)round, 1, 2, 3 };
            s.SendTo(request, gateway);
            var from = new NanoIP.Sockets.IPEndPoint(0, 0);
            Assert.AreEqual(4, s.ReceiveFrom(answer, ref from), "round " + round);
            Assert.AreEqual((byte)round, answer[3], "the answer is the request reversed");
            Assert.AreEqual(1, rig.Gateway.UdpRelay.FlowsInUse);
            Assert.AreEqual(1, rig.Gateway.UdpRelay.PortsInUse);
            Assert.IsTrue(UserNetForwardTests.WaitFor(() => rig.Gateway.UdpRelay.FlowsInUse == 0 && rig.Gateway.UdpRelay.PortsInUse == 0, 3000), "the flow idled out");
        }

        Assert.IsTrue(echo.Wait(5000));
        s.Close();
    }
    /// <summary>
    /// A host UDP service for <paramref name="count"/> datagrams: answers each to whoever sent it, reversed (so an
    /// answer cannot be the request looped back by mistake), noting the sender's port.
    /// </summary>
    private static Task AnswerReversed(UdpClient host, int count, HashSet<int> senders)
    {
        return Task.Run(() =>
        {
            for (int i = 0; i < count; i++)
            {
                var from = new IPEndPoint(IPAddress.Any, 0);
                byte[] d = host.Receive(ref from);
                lock (senders) senders.Add(from.Port);
                Array.Reverse(d);
                host.Send(d, d.Length, from);
            }
        });
    }
}
