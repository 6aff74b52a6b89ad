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
}
