using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.UnitTests.Sockets;

namespace NanoIP.HostTests.Sockets;

/// <summary>
/// ARCHITECTURE §4 through the socket facade: after warm-up, a long transfer with blocking
/// Send/Receive, a hundred connect/accept/close cycles and a hundred UDP round trips
/// allocate zero bytes on the calling thread (single-threaded, PumpingSocketWaiter).
/// </summary>
[TestClass]
public class SocketAllocationTests
{
    [TestMethod]
    public void SteadyStateThroughTheFacadeAllocatesNothing()
    {
        var config = new NetConfig { TcpSockets = 4, UdpSockets = 2, TcpSendBufferSize = 8192, TcpReceiveBufferSize = 8192, TimeWaitEntries = 8 };
        var rig = new SocketRig(config, 1);
        Socket listener = SocketRig.Listener(rig.B, 80, 4);
        var server = new IPEndPoint(SocketRig.IpB, 80);
        Socket ua = rig.A.CreateSocket(SocketType.Dgram);
        Socket ub = rig.B.CreateSocket(SocketType.Dgram);
        ub.Bind(new IPEndPoint(IPEndPoint.Any, 7));
        ua.ReceiveTimeout = 1000;
        ub.ReceiveTimeout = 1000;
        var udpPeer = new IPEndPoint(SocketRig.IpB, 7);
        var from = new IPEndPoint(0, 0);
        byte[] chunk = new byte[4096];
        byte[] rbuf = new byte[4096];

        int errors = Transfer(rig, listener, server, chunk, rbuf, 256 * 1024);
        errors += Cycles(rig, listener, server, chunk, 3);
        errors += UdpEcho(ua, ub, udpPeer, from, chunk, 3);

        long before = GC.GetAllocatedBytesForCurrentThread();
        errors += Transfer(rig, listener, server, chunk, rbuf, 1024 * 1024);
        errors += Cycles(rig, listener, server, chunk, 100);
        errors += UdpEcho(ua, ub, udpPeer, from, chunk, 100);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        OutputHelper.WriteLine($"allocated {allocated} bytes; virtual time {rig.NowMs} ms; TIME-WAIT evictions {rig.StackA.Tcp.Counters.TimeWaitEvictions + rig.StackB.Tcp.Counters.TimeWaitEvictions}");
        Assert.AreEqual(0, errors);
        Assert.AreEqual(0L, allocated);
    }

    /// <summary>Connects, moves total bytes A→B in 4 KB blocking sends and receives (checking each byte), closes both ends.</summary>
    private static int Transfer(SocketRig rig, Socket listener, IPEndPoint server, byte[] chunk, byte[] rbuf, int total)
    {
        Socket c = rig.A.CreateSocket(SocketType.Stream);
        c.Connect(server);
        Socket s = listener.Accept();
        int errors = 0;
        for (int sent = 0; sent < total; sent += chunk.Length)
        {
            for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)((sent + i) * 7 + (sent >> 12));
            if (c.Send(chunk) != chunk.Length) errors++;
            if (SocketRig.ReceiveAll(s, rbuf, chunk.Length) != chunk.Length) errors++;
            for (int i = 0; i < chunk.Length; i++)
            {
                if (rbuf[i] != chunk[i]) errors++;
            }
        }

        c.Close();
        if (s.Receive(rbuf) != 0) errors++;
        s.Close();
        return errors;
    }

    /// <summary>count times: connect, accept, a 4-byte request, close from the client, end of stream and close on the server.</summary>
    private static int Cycles(SocketRig rig, Socket listener, IPEndPoint server, byte[] buffer, int count)
    {
        int errors = 0;
        for (int k = 0; k < count; k++)
        {
            Socket c = rig.A.CreateSocket(SocketType.Stream);
            c.Connect(server);
            Socket s = listener.Accept();
            c.Send(buffer, 0, 4);
            if (SocketRig.ReceiveAll(s, buffer, 4) != 4) errors++;
            c.Close();
            if (s.Receive(buffer) != 0) errors++;
            s.Close();
        }

        return errors;
    }

    private static int UdpEcho(Socket a, Socket b, IPEndPoint peer, IPEndPoint from, byte[] buffer, int count)
    {
        int errors = 0;
        for (int k = 0; k < count; k++)
        {
            a.SendTo(buffer, 0, 64, peer);
            if (b.ReceiveFrom(buffer, 0, buffer.Length, ref from) != 64) errors++;
            b.SendTo(buffer, 0, 64, from);
            if (a.ReceiveFrom(buffer, 0, buffer.Length, ref from) != 64) errors++;
        }

        return errors;
    }
}
