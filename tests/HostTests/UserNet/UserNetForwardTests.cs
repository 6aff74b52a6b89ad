using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.UserNet;

namespace NanoIP.HostTests.UserNet;

/// <summary>
/// --forward in-process: host sockets on 127.0.0.1 relayed by the user-mode gateway to the firmware's services
/// on the virtual board, in real time (localhost only: no namespace needed). Time limits are hang guards.
/// </summary>
[TestClass]
public class UserNetForwardTests
{
    [TestMethod]
    public void ForwardedConnectionEchoesOneMegabyteByteExactAndCarriesTheHostsHalfClose()
    {
        int port = UserNetBoard.FreePort();
        using var rig = new UserNetBoard(new PortForward(port, 7));
        const int total = 1 << 20;
        var data = new byte[total];
        for (int i = 0; i < total; i++) data[i] = UserNetBoard.Pattern(i);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 10_000, SendTimeout = 10_000 };
        var wall = Stopwatch.StartNew();
        client.Connect(IPAddress.Loopback, port);
        var writer = Task.Run(() =>
        {
            for (int sent = 0; sent < total;) sent += client.Send(data, sent, Math.Min(16384, total - sent), SocketFlags.None);
            client.Shutdown(SocketShutdown.Send); // half-close: the echo must still come back in full, then EOF
        });

        var back = new byte[total];
        int got = 0;
        long firstByteMs = -1;
        bool eof = false;
        for (int guard = 0; guard < 1_000_000 && wall.ElapsedMilliseconds < 30_000; guard++)
        {
            int n = client.Receive(back, got, Math.Max(1, Math.Min(65536, total - got)), SocketFlags.None);
            if (n == 0)
            {
                eof = true;
                break;
            }

            if (firstByteMs < 0) firstByteMs = wall.ElapsedMilliseconds;
            got += n;
            if (got == total)
            {
                var extra = new byte[1];
                eof = client.Receive(extra) == 0;
                break;
            }
        }

        long ms = wall.ElapsedMilliseconds;
        Assert.IsTrue(writer.Wait(5000), "the host could not send everything");
        OutputHelper.WriteLine("1 MiB echoed through the forward in " + ms + " ms (" + (total / 1024.0 / (ms / 1000.0)).ToString("F0")
            + " KiB/s each way), first byte after " + firstByteMs + " ms; gateway: " + rig.Gateway.BytesToBoard + " to board, "
            + rig.Gateway.BytesToHost + " to host");
        Assert.AreEqual(total, got);
        Assert.IsTrue(back.AsSpan().SequenceEqual(data), "the echo differs from what was sent");
        Assert.IsTrue(eof, "the board's FIN did not reach the host after the echo");
        Assert.IsTrue(WaitFor(() => rig.Gateway.RelaysClosed == 1 && rig.Gateway.RelaysInUse == 0, 5000), "the relay did not end gracefully");
        Assert.AreEqual(0L, rig.Gateway.Resets);
    }

    [TestMethod]
    public void ForwardToAClosedBoardPortClosesTheHostConnectionQuickly()
    {
        int port = UserNetBoard.FreePort();
        using var rig = new UserNetBoard(new PortForward(port, 4444));
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        var wall = Stopwatch.StartNew();
        client.Connect(IPAddress.Loopback, port); // the host listener accepts; the board then refuses the gateway
        bool closed;
        try
        {
            closed = client.Receive(new byte[16]) == 0;
        }
        catch (SocketException e)
        {
            closed = e.SocketErrorCode == SocketError.ConnectionReset;
        }

        OutputHelper.WriteLine("host connection closed " + wall.ElapsedMilliseconds + " ms after connect");
        Assert.IsTrue(closed, "the host connection was not closed or reset");
        Assert.IsTrue(wall.ElapsedMilliseconds < 2000, "closing took " + wall.ElapsedMilliseconds + " ms");
        Assert.IsTrue(WaitFor(() => rig.Gateway.BoardConnectFailures == 1, 2000), "the gateway did not count the refused board connect");
    }

    [TestMethod]
    public void TwoForwardsServeConcurrentConnectionsIndependently()
    {
        int echoPort = UserNetBoard.FreePort();
        int httpPort = UserNetBoard.FreePort();
        using var rig = new UserNetBoard(new PortForward(echoPort, 7), new PortForward(httpPort, 80));
        using var echo = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        echo.Connect(IPAddress.Loopback, echoPort);
        using var http = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        http.Connect(IPAddress.Loopback, httpPort);
        http.Send(System.Text.Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: board\r\n\r\n"));
        echo.Send(new byte[] { 1, 2, 3 });
        var three = new byte[3];
        for (int got = 0, guard = 0; got < 3 && guard < 3; guard++) got += echo.Receive(three, got, 3 - got, SocketFlags.None);
        string page = ReadToEnd(http, 5000);
        Assert.AreEqual("010203", Convert.ToHexString(three));
        Assert.StartsWith("HTTP/1.", page);
        Assert.Contains(" 200 ", page);
        Assert.Contains("198.18.0.2", page);
        Assert.AreEqual(2, rig.Gateway.RelaysInUse + (int)rig.Gateway.RelaysClosed);
    }

    [TestMethod]
    public void AHostConnectionBeyondTheRelaySlotsWaitsInTheBacklogUntilASlotFrees()
    {
        int port = UserNetBoard.FreePort();
        using var rig = new UserNetBoard(1, new PortForward(port, 7));
        using var first = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        first.Connect(IPAddress.Loopback, port);
        first.Send(new byte[] { 1 });
        Assert.AreEqual(1, first.Receive(new byte[1]), "the first connection is relayed");

        using var second = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        second.Connect(IPAddress.Loopback, port); // completes in the host backlog
        second.Send(new byte[] { 2 });
        Assert.IsFalse(second.Poll(300_000, SelectMode.SelectRead), "a second connection was relayed with one slot");
        Assert.AreEqual(1, rig.Gateway.RelaysInUse);
        Assert.IsTrue(rig.Gateway.HostConnectionsWaiting > 0);

        first.Shutdown(SocketShutdown.Send); // the echo ends, the slot frees
        Assert.AreEqual(0, first.Receive(new byte[1]));
        var b = new byte[1];
        Assert.AreEqual(1, second.Receive(b), "the waiting connection was not relayed once the slot freed");
        Assert.AreEqual((byte)2, b[0]);
    }

    [TestMethod]
    public void AHostResetAbortsTheBoardsConnection()
    {
        int port = UserNetBoard.FreePort();
        using var rig = new UserNetBoard(new PortForward(port, 7));
        int idle = BoardFreeSockets(rig);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        client.Connect(IPAddress.Loopback, port);
        client.Send(new byte[] { 7 });
        Assert.AreEqual(1, client.Receive(new byte[1]));
        Assert.AreEqual(idle - 1, BoardFreeSockets(rig), "the echo connection holds a block on the board");
        client.LingerState = new LingerOption(true, 0);
        client.Close(); // RST
        Assert.IsTrue(WaitFor(() => rig.Gateway.Resets == 1, 2000), "the gateway did not see the host's reset");
        Assert.IsTrue(WaitFor(() => BoardFreeSockets(rig) == idle, 2000), "the board still holds the connection: no RST reached it");
    }

    private static int BoardFreeSockets(UserNetBoard rig)
    {
        lock (rig.Firmware.Network.SyncRoot) return rig.Firmware.Stack.Tcp.FreeSockets;
    }

    internal static string ReadToEnd(Socket s, int maxMs)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        var wall = Stopwatch.StartNew();
        while (wall.ElapsedMilliseconds < maxMs)
        {
            int n = s.Receive(buffer);
            if (n == 0) break;
            text.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    internal static bool WaitFor(Func<bool> condition, int maxMs)
    {
        var wall = Stopwatch.StartNew();
        while (!condition())
        {
            if (wall.ElapsedMilliseconds > maxMs) return false;
            Thread.Sleep(10);
        }

        return true;
    }
}
