using System.Diagnostics;
using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.UnitTests.Sockets;

namespace NanoIP.HostTests.Sockets;

/// <summary>
/// The device's threading model on the host: a network thread polls, application threads
/// block in Accept/Connect/Receive/Send and are woken by it. Wall-clock bounds are loose
/// upper limits (a hang fails the test), never speed targets.
/// </summary>
[TestClass]
public class ThreadedSocketTests
{
    private const int Port = 80;

    [TestMethod]
    public void BlockingCallsOnTwoThreadsMoveAStream()
    {
        using var rig = new ThreadedSocketRig();
        Socket listener = SocketRig.Listener(rig.B, Port, 2);
        listener.ReceiveTimeout = 5000;
        const int total = 256 * 1024;
        int received = -1;
        int errors = 0;
        Exception serverFailure = null;
        var server = new Thread(() =>
        {
            try
            {
                Socket s = listener.Accept();
                s.ReceiveTimeout = 5000;
                byte[] buffer = new byte[1500];
                int n = 0;
                while (true)
                {
                    int got = s.Receive(buffer);
                    if (got == 0) break;
                    for (int i = 0; i < got; i++)
                    {
                        if (buffer[i] != (byte)((n + i) * 13)) errors++;
                    }

                    n += got;
                }

                s.Send(BitConverter.GetBytes(n));
                s.Close();
                received = n;
            }
            catch (Exception e)
            {
                serverFailure = e;
            }
        });
        server.Start();

        var wall = Stopwatch.StartNew();
        Socket client = rig.A.CreateSocket(SocketType.Stream);
        client.ConnectTimeout = 5000;
        client.SendTimeout = 5000;
        client.ReceiveTimeout = 5000;
        client.Connect(new IPEndPoint(SocketRig.IpB, Port));
        byte[] chunk = new byte[3000];
        for (int sent = 0; sent < total;)
        {
            int n = Math.Min(chunk.Length, total - sent);
            for (int i = 0; i < n; i++) chunk[i] = (byte)((sent + i) * 13);
            sent += client.Send(chunk, 0, n);
        }

        client.Shutdown(SocketShutdown.Send);
        byte[] answer = new byte[4];
        Assert.AreEqual(4, SocketRig.ReceiveAll(client, answer, 4));
        Assert.AreEqual(0, client.Receive(answer));
        client.Close();
        Assert.IsTrue(server.Join(10000));
        OutputHelper.WriteLine($"{total} bytes in {wall.ElapsedMilliseconds} ms wall, {rig.Polls} polls, {rig.Wakes} wakes");
        Assert.IsNull(serverFailure);
        Assert.AreEqual(total, received);
        Assert.AreEqual(total, BitConverter.ToInt32(answer, 0));
        Assert.AreEqual(0, errors);
    }

    [TestMethod]
    public void AcceptTimesOutOnTheWallClock()
    {
        using var rig = new ThreadedSocketRig();
        Socket listener = SocketRig.Listener(rig.B, Port, 2);
        listener.ReceiveTimeout = 200;
        var wall = Stopwatch.StartNew();
        Expect.Error(SocketError.TimedOut, () => listener.Accept());
        long took = wall.ElapsedMilliseconds;
        OutputHelper.WriteLine($"timed out after {took} ms");
        Assert.IsTrue(took >= 190 && took < 2000);
    }

    [TestMethod]
    public void ABlockedReceiveWakesAsSoonAsDataArrives()
    {
        using var rig = new ThreadedSocketRig();
        var (client, server) = Pair(rig);
        server.ReceiveTimeout = 5000;

        long waited = -1;
        int got = -1;
        var reader = new Thread(() =>
        {
            var sw = Stopwatch.StartNew();
            got = server.Receive(new byte[16]);
            waited = sw.ElapsedMilliseconds;
        });
        reader.Start();
        Thread.Sleep(150);
        client.Send(new byte[] { 1, 2, 3 });
        Assert.IsTrue(reader.Join(5000));
        OutputHelper.WriteLine($"receive returned after {waited} ms (data sent at ~150 ms)");
        Assert.AreEqual(3, got);
        // Woken by the network thread's signal, not by the waiter's 1 s safety slice.
        Assert.IsTrue(waited >= 140 && waited < 900);
    }

    [TestMethod]
    public void CloseFromAnotherThreadEndsABlockedReceive()
    {
        using var rig = new ThreadedSocketRig();
        var (client, server) = Pair(rig);
        server.ReceiveTimeout = 0; // No limit: only the close can end the wait.

        SocketError error = SocketError.Success;
        var reader = new Thread(() => error = Expect.ErrorOf(() => server.Receive(new byte[16])));
        reader.Start();
        Thread.Sleep(100);
        var sw = Stopwatch.StartNew();
        server.Close();
        Assert.IsTrue(reader.Join(5000));
        OutputHelper.WriteLine($"blocked receive ended {sw.ElapsedMilliseconds} ms after close");
        Assert.AreEqual(SocketError.NotSocket, error);
        Assert.IsTrue(sw.ElapsedMilliseconds < 900);
    }

    [TestMethod]
    public void OneThreadSendsWhileAnotherReceivesOnTheSameSocket()
    {
        using var rig = new ThreadedSocketRig();
        var (client, server) = Pair(rig);
        foreach (Socket s in new[] { client, server })
        {
            s.SendTimeout = 5000;
            s.ReceiveTimeout = 5000;
        }

        const int each = 64 * 1024;
        // Both ends send and receive at once, each direction on its own thread: the send ring
        // and the peer's window fill, so each thread blocks in turn and needs the other side's signal.
        int[] got = new int[2];
        var threads = new[]
        {
            new Thread(() => Pump(client, each)),
            new Thread(() => got[0] = Drain(client)),
            new Thread(() => Pump(server, each)),
            new Thread(() => got[1] = Drain(server)),
        };
        foreach (Thread t in threads) t.Start();
        foreach (Thread t in threads) Assert.IsTrue(t.Join(15000));
        Assert.AreEqual(each, got[0]);
        Assert.AreEqual(each, got[1]);
    }

    /// <summary>A client on A connected (blocking, 5 s limits) to a listener on B, and the accepted socket.</summary>
    private static (Socket Client, Socket Server) Pair(ThreadedSocketRig rig)
    {
        Socket listener = SocketRig.Listener(rig.B, Port, 2);
        listener.ReceiveTimeout = 5000;
        Socket client = rig.A.CreateSocket(SocketType.Stream);
        client.ConnectTimeout = 5000;
        client.Connect(new IPEndPoint(SocketRig.IpB, Port));
        return (client, listener.Accept());
    }

    private static void Pump(Socket s, int total)
    {
        byte[] chunk = new byte[2000];
        for (int sent = 0; sent < total;)
        {
            sent += s.Send(chunk, 0, Math.Min(chunk.Length, total - sent));
        }

        s.Shutdown(SocketShutdown.Send);
    }

    private static int Drain(Socket s)
    {
        byte[] buffer = new byte[1000];
        int n = 0;
        for (int got; (got = s.Receive(buffer)) > 0;) n += got;
        return n;
    }
}
