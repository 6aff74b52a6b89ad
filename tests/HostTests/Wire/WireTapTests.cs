using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.HostTests.Interop;
using NanoIP.Network;
using NanoIP.VirtualBoard.Lab;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>
    /// The Linux kernel as the peer, through a TAP device, in a private network namespace so the host's
    /// networking is never touched: the outer test starts the test runner again under "unshare -rn" (a user
    /// and network namespace of our own, no root needed) to run the inner test, which creates the TAP there,
    /// runs a board in the lab in real time, and has the kernel ping it and exchange TCP data with it.
    /// </summary>
    [TestClass]
    public class WireTapTests
    {
        private const string TapName = "nanotap0";
        private static readonly uint BoardIp = IPv4.FromBytes(198, 18, 77, 2);

        [TestMethod]
        public void KernelPingsAndTalksTcpToTheBoardThroughATapInAPrivateNamespace() =>
            NetNamespace.RunInside(nameof(KernelPingsAndEchoesTcpThroughATapInsideNamespace), 60);

        [TestMethod]
        public void KernelPingsAndEchoesTcpThroughATapInsideNamespace()
        {
            NetNamespace.RequireInside();
            using TapDevice tap = NetNamespace.CreateTap(TapName, "198.18.77.1/24");

            using var lab = new VirtualLab();
            BoardNode board = lab.AddBoard("board", BoardIp, config: new NetConfig { TcpSockets = 4 });
            lab.Connect(board.Port, tap);
            lab.AddSource(() => tap.Pump());
            var echo = new TcpEchoServer(board, 7);

            const int total = 100_000;
            int pingsOk = 0;
            long echoed = -1;
            string kernelError = null;
            var kernel = Task.Run(() =>
            {
                try
                {
                    using var ping = new System.Net.NetworkInformation.Ping();
                    for (int i = 0; i < 3; i++)
                    {
                        if (ping.Send(IPAddress.Parse("198.18.77.2"), 2000, new byte[56]).Status == IPStatus.Success) pingsOk++;
                    }

                    using var client = new TcpClient();
                    client.ReceiveTimeout = 5000;
                    client.SendTimeout = 5000;
                    if (!client.ConnectAsync("198.18.77.2", 7).Wait(5000)) throw new TimeoutException("connect");
                    NetworkStream s = client.GetStream();
                    var data = new byte[total];
                    for (int i = 0; i < total; i++) data[i] = TcpBulkTransfer.PatternByte(i, 3);
                    var writer = Task.Run(() => s.Write(data, 0, total));
                    var back = new byte[total];
                    int got = 0;
                    while (got < total)
                    {
                        int n = s.Read(back, got, total - got);
                        if (n == 0) break;
                        got += n;
                    }

                    writer.Wait(5000);
                    echoed = got == total && back.AsSpan().SequenceEqual(data) ? got : -got;
                }
                catch (Exception e)
                {
                    kernelError = e.GetType().Name + ": " + e.Message;
                }
            });

            lab.RunRealTime(() =>
            {
                echo.Serve();
                return kernel.IsCompleted;
            }, 30_000);

            OutputHelper.WriteLine("pings " + pingsOk + "/3, TCP echoed " + echoed + " of " + total + "; tap: " + tap.FramesFromKernel + " in, "
                + tap.FramesToKernel + " out, " + tap.DroppedFromKernel + " dropped; " + kernelError);
            Assert.IsTrue(kernel.IsCompleted, "the kernel side did not finish");
            Assert.IsNull(kernelError, kernelError);
            Assert.AreEqual(3, pingsOk);
            Assert.AreEqual((long)total, echoed);
        }

        /// <summary>A TCP echo service on the board's handle API, served from the lab's condition callback.</summary>
        private sealed class TcpEchoServer
        {
            private readonly NanoIP.Transport.Tcp.TcpLayer _tcp;
            private readonly int _listener;
            private readonly byte[] _buffer = new byte[4096];
            private int _conn;
            private int _pending;
            private int _offset;

            public TcpEchoServer(LabNode node, int port)
            {
                _tcp = node.Tcp;
                _tcp.Open(out _listener);
                _tcp.Bind(_listener, 0, port);
                _tcp.Listen(_listener, 2);
            }

            public void Serve()
            {
                if (_conn == 0 && _tcp.Accept(_listener, out int c, out _, out _) == NanoIP.Sockets.SocketError.Success) _conn = c;
                if (_conn == 0) return;
                for (int guard = 0; guard < 16; guard++)
                {
                    if (_pending == 0)
                    {
                        if (_tcp.Receive(_conn, _buffer, 0, _buffer.Length, out int n) != NanoIP.Sockets.SocketError.Success || n == 0) return;
                        _pending = n;
                        _offset = 0;
                    }

                    if (_tcp.Send(_conn, _buffer, _offset, _pending, out int sent) != NanoIP.Sockets.SocketError.Success || sent == 0) return;
                    _offset += sent;
                    _pending -= sent;
                }
            }
        }
    }
}
