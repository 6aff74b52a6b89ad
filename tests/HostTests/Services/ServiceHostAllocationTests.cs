using nanoFramework.TestFramework;
using NanoIP.Services.Apps;
using NanoIP.Sockets;
using NanoIP.UnitTests.Services;

namespace NanoIP.HostTests.Services;

/// <summary>
/// ARCHITECTURE §4 for the TCP services: once warmed up, echo rounds, whole echo connections
/// (connect, accept, serve, close) and discard traffic allocate nothing on the (single)
/// thread that runs the stacks, the ServiceHost and the clients.
/// </summary>
[TestClass]
public class ServiceHostAllocationTests
{
    [TestMethod]
    public void EchoRoundsAndConnectionsAllocateNothing()
    {
        var rig = new ServiceRig(ServiceSet.Echo | ServiceSet.Discard);
        byte[] data = new byte[1000];
        byte[] got = new byte[1000];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)(i * 13);

        var echo = new IPEndPoint(ServiceRig.IpB, 7);
        Socket c = rig.Connect(echo);
        int errors = Rounds(c, data, got, 5);
        errors += Connections(rig, echo, data, got, 3);
        Socket d = rig.Connect(9);
        errors += Discard(d, data, 5);

        long before = GC.GetAllocatedBytesForCurrentThread();
        errors += Rounds(c, data, got, 100);
        errors += Connections(rig, echo, data, got, 20);
        errors += Discard(d, data, 100);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        OutputHelper.WriteLine($"allocated {allocated} bytes over 100 echo rounds, 20 echo connections and 100 KB discarded; virtual time {rig.NowMs} ms");
        Assert.AreEqual(0, errors);
        Assert.AreEqual(0L, allocated);
    }

    [TestMethod]
    public void StatusPageRequestsAllocateNothing()
    {
        var rig = new ServiceRig(ServiceSet.Http);
        var http = new IPEndPoint(ServiceRig.IpB, 80);
        byte[] request = ServiceRig.Ascii("GET / HTTP/1.1\r\nHost: nanoip\r\n\r\n");
        byte[] response = new byte[8192];
        int length = 0;
        for (int i = 0; i < 3; i++) length = Get(rig, http, request, response);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int differentLengths = 0;
        for (int i = 0; i < 20; i++)
        {
            int n = Get(rig, http, request, response);
            if (n < 200 || response[9] != (byte)'2') differentLengths++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        OutputHelper.WriteLine($"allocated {allocated} bytes over 20 GET / ({length}-byte responses)");
        Assert.AreEqual(0, differentLengths);
        Assert.AreEqual(0L, allocated);
    }

    private static int Get(ServiceRig rig, IPEndPoint server, byte[] request, byte[] response)
    {
        Socket c = rig.Connect(server);
        c.Send(request);
        int n = ServiceRig.ReadToEnd(c, response);
        c.Close();
        return n;
    }

    /// <summary>One echo round: send 1000 bytes (blocking), read them back byte-exact.</summary>
    private static int Rounds(Socket c, byte[] data, byte[] got, int count)
    {
        int errors = 0;
        for (int r = 0; r < count; r++)
        {
            data[0] = (byte)r;
            if (c.Send(data) != data.Length) errors++;
            if (UnitTests.Sockets.SocketRig.ReceiveAll(c, got, data.Length) != data.Length) errors++;
            if (!UnitTests.Sockets.SocketRig.Same(data, got, data.Length)) errors++;
        }

        return errors;
    }

    private static int Connections(ServiceRig rig, IPEndPoint echo, byte[] data, byte[] got, int count)
    {
        int errors = 0;
        for (int i = 0; i < count; i++)
        {
            Socket c = rig.Connect(echo);
            errors += Rounds(c, data, got, 1);
            c.Shutdown(SocketShutdown.Send);
            if (c.Receive(got, 0, 1) != 0) errors++; // The service's FIN.
            c.Close();
        }

        return errors;
    }

    private static int Discard(Socket d, byte[] data, int count)
    {
        int errors = 0;
        for (int i = 0; i < count; i++)
        {
            if (d.Send(data) != data.Length) errors++;
        }

        return errors;
    }
}
