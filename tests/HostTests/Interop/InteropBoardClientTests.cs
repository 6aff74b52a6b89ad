using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using nanoFramework.TestFramework;
using BoardEndPoint = NanoIP.Sockets.IPEndPoint;
using BoardShutdown = NanoIP.Sockets.SocketShutdown;
using BoardSocket = NanoIP.Sockets.Socket;
using BoardSocketType = NanoIP.Sockets.SocketType;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 3: the board as the client, through the firmware's BSD socket API from a test thread (threaded mode),
/// to a kernel listener: a .NET TcpListener and OpenBSD netcat (nc -N -l). The board connects, sends, half-closes;
/// the kernel side sees end of stream, then sends its own data and closes; the board reads it to end of stream and
/// closes. Both directions byte-exact.
/// </summary>
[TestClass]
public class InteropBoardClientTests
{
    [TestMethod]
    public void BoardClientHalfClosesToKernelListeners() => NetNamespace.RunInside(nameof(BoardClientHalfClosesToKernelListenersInsideNamespace), 90);

    [TestMethod]
    public void BoardClientHalfClosesToKernelListenersInsideNamespace()
    {
        NetNamespace.RequireInside();
        string nc = NetNamespace.RequireTool("nc", "netcat-openbsd");
        using var rig = new InteropRig("nanocli0", 3, services: null);

        // 1. A .NET TcpListener: reads to EOF, only then answers and closes.
        const int up = 1 << 20, down = 1 << 19;
        byte[] boardData = InteropRig.Pattern(up, 31);
        byte[] kernelData = InteropRig.Pattern(down, 32);
        var listener = new TcpListener(IPAddress.Parse(rig.KernelIp), 5555);
        listener.Start();
        byte[] kernelGot = null;
        bool sawEofBeforeAnswering = false;
        var kernel = Task.Run(() =>
        {
            using TcpClient c = listener.AcceptTcpClient();
            c.ReceiveTimeout = 20_000;
            NetworkStream s = c.GetStream();
            using var got = new MemoryStream();
            var buffer = new byte[65536];
            int n;
            while ((n = s.Read(buffer, 0, buffer.Length)) > 0) got.Write(buffer, 0, n);
            sawEofBeforeAnswering = true;
            kernelGot = got.ToArray();
            s.Write(kernelData, 0, kernelData.Length);
            c.Client.Shutdown(SocketShutdown.Send);
        });
        var sw = Stopwatch.StartNew();
        byte[] boardGot = BoardExchange(rig, 5555, boardData, null);
        sw.Stop();
        Assert.IsTrue(kernel.Wait(20_000), "the kernel side did not finish");
        listener.Stop();
        Assert.IsTrue(sawEofBeforeAnswering);
        InteropRig.AssertSameBytes(boardData, kernelGot, "board -> TcpListener");
        InteropRig.AssertSameBytes(kernelData, boardGot, "TcpListener -> board");
        OutputHelper.WriteLine("TcpListener: board sent " + up + " bytes, half-closed, received " + down + " bytes, both byte-exact, in "
            + sw.ElapsedMilliseconds + " ms");

        // 2. netcat (Debian's nc -l quits as soon as the network side reaches end of stream, so it cannot answer
        // after our FIN): nc sends its whole stdin and half-closes (-N) while the board is still sending; the board
        // reads on a second thread at the same time, sees nc's end of stream, finishes sending and half-closes; nc
        // then sees end of stream and exits 0. Its stdout is what the board sent (printable, read as text).
        byte[] boardText = Printable(256 * 1024, 33);
        byte[] ncText = Printable(128 * 1024, 34);
        using ChildProcess ncProcess = ChildProcess.Start(nc, "-N -l " + rig.KernelIp + " 5556", redirectInput: true);
        var feed = Task.Run(() =>
        {
            // nc reads its stdin only once connected: feed it from a task (the pipe holds 64 KB).
            ncProcess.Input.BaseStream.Write(ncText, 0, ncText.Length);
            ncProcess.Input.Close();
        });
        Thread.Sleep(300); // nc binds
        sw.Restart();
        boardGot = BoardExchange(rig, 5556, boardText, null, concurrentReader: true);
        sw.Stop();
        int code = ncProcess.WaitForExit(10_000, out string ncOut);
        Assert.IsTrue(feed.Wait(1000), "nc did not read its stdin");
        Assert.AreEqual(0, code, "nc exit: " + (ncOut.Length > 300 ? ncOut[..300] : ncOut));
        InteropRig.AssertSameBytes(boardText, Encoding.ASCII.GetBytes(ncOut), "board -> nc");
        InteropRig.AssertSameBytes(ncText, boardGot, "nc -> board");
        var tcp = rig.TcpCounters();
        OutputHelper.WriteLine("nc -N -l (half-closes first): board sent " + boardText.Length + " bytes, half-closed, received " + ncText.Length + " bytes, both byte-exact, in "
            + sw.ElapsedMilliseconds + " ms; board active opens " + tcp.ActiveOpens + ", resets sent " + tcp.ResetsSent + " received " + tcp.ResetsReceived);
        OutputHelper.WriteLine(rig.DropReport());
        Assert.AreEqual(2, tcp.ActiveOpens);
        Assert.AreEqual(0, tcp.ResetsSent + tcp.ResetsReceived, "both connections ended with FINs");
    }

    /// <summary>
    /// On this (test) thread through the firmware's socket API: connect, send everything, shutdown(Send), call
    /// <paramref name="afterShutdown"/> with the local port, read to end of stream, close. Returns what was read.
    /// </summary>
    private static byte[] BoardExchange(InteropRig rig, int port, byte[] data, Action<int> afterShutdown, bool concurrentReader = false)
    {
        BoardSocket s = rig.Board.Firmware.Network.CreateSocket(BoardSocketType.Stream);
        try
        {
            s.ConnectTimeout = 10_000;
            s.SendTimeout = 20_000;
            s.ReceiveTimeout = 20_000;
            s.Connect(new BoardEndPoint(rig.KernelAddress, port));
            Task<byte[]> reader = concurrentReader ? Task.Run(() => ReadToEnd(s)) : null;
            for (int off = 0; off < data.Length;)
            {
                int n = s.Send(data, off, Math.Min(8192, data.Length - off));
                Assert.IsTrue(n > 0, "board send made no progress");
                off += n;
            }

            s.Shutdown(BoardShutdown.Send);
            afterShutdown?.Invoke(s.LocalEndPoint.Port);
            if (reader == null) return ReadToEnd(s);
            Assert.IsTrue(reader.Wait(30_000), "the board's reader did not reach end of stream");
            return reader.Result;
        }
        finally
        {
            s.Close();
        }
    }

    /// <summary>Board socket reads until end of stream (30 s at most).</summary>
    private static byte[] ReadToEnd(BoardSocket s)
    {
        using var got = new MemoryStream();
        var buffer = new byte[4096];
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 30_000)
        {
            int n = s.Receive(buffer, 0, buffer.Length);
            if (n == 0) break;
            got.Write(buffer, 0, n);
        }

        return got.ToArray();
    }

    /// <summary>Seeded printable ASCII with line breaks (nc's stdout is read as text).</summary>
    private static byte[] Printable(int length, int seed)
    {
        var rng = new Random(seed);
        var b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = i % 73 == 72 ? (byte)'\n' : (byte)(33 + rng.Next(94));
        return b;
    }
}
