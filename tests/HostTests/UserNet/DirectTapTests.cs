using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.App;
using NanoIP.HostTests.ConsoleTests;
using NanoIP.HostTests.Interop;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.HostTests.UserNet;

/// <summary>
/// --tap NAME --direct: the firmware's stack straight on a TAP, no ENC28J60 model in between. In a private
/// namespace (see <see cref="NetNamespace"/>) the kernel pings the board and echoes TCP data through it; the
/// console's enc command says there is no ENC28J60 instead of failing.
/// </summary>
[TestClass]
public class DirectTapTests
{
    [TestMethod]
    public void KernelPingsAndEchoesWithTheStackDirectlyOnATap() =>
        NetNamespace.RunInside(nameof(KernelPingsAndEchoesDirectInsideNamespace), 60);

    [TestMethod]
    public void KernelPingsAndEchoesDirectInsideNamespace()
    {
        NetNamespace.RequireInside();
        // A persistent TAP (it dies with the namespace) the board then opens: a second TUNSETIFF on a TAP another
        // descriptor holds would fail with EBUSY, so NetNamespace.CreateTap's descriptor cannot be used here.
        NetNamespace.Check("ip", "tuntap add dev nanodirect0 mode tap");
        NetNamespace.Check("ip", "addr add 198.18.5.1/24 dev nanodirect0");
        NetNamespace.Check("ip", "link set nanodirect0 up");
        var console = new ScriptPort();
        using var board = new VirtualEsp32Board(new VirtualBoardOptions { TapName = "nanodirect0", Direct = true }, console);
        var options = new FirmwareOptions
        {
            Address = IPv4.Parse("198.18.5.2"),
            PrefixLength = 24,
            Services = new ServiceOptions { Enabled = ServiceSet.Echo },
        };
        var config = new NetConfig();
        config.TcpSockets += options.Services.TcpSocketsNeeded;
        var firmware = new Firmware(board, config, options);
        Assert.IsTrue(firmware.Boot(), console.Take());
        Assert.IsNull(board.Chip, "direct mode must not build the chip model");
        Assert.IsTrue(firmware.Link is TapLinkDevice, "the stack's device is " + firmware.Link.GetType().Name);

        const int total = 200_000;
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
                    if (ping.Send(IPAddress.Parse("198.18.5.2"), 2000, new byte[56]).Status == IPStatus.Success) pingsOk++;
                }

                using var client = new TcpClient { ReceiveTimeout = 5000, SendTimeout = 5000 };
                if (!client.ConnectAsync("198.18.5.2", 7).Wait(5000)) throw new TimeoutException("connect");
                NetworkStream s = client.GetStream();
                var data = new byte[total];
                for (int i = 0; i < total; i++) data[i] = UserNetBoard.Pattern(i);
                var writer = Task.Run(() => s.Write(data, 0, total));
                var back = new byte[total];
                int got = 0;
                for (int guard = 0; got < total && guard < 100_000; guard++)
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

        // The network thread, here: the test owns the firmware's only thread (and the script console).
        var wall = Stopwatch.StartNew();
        while (!kernel.IsCompleted && wall.ElapsedMilliseconds < 30_000)
        {
            int wait = firmware.Step();
            if (wait > 0) board.WaitForEvent(Math.Min(wait, 20));
        }

        long ms = wall.ElapsedMilliseconds;
        console.Take();
        console.Type("enc\r\nifconfig\r\nmem\r\n");
        for (int i = 0; i < 20; i++) firmware.Step();
        string text = console.Take();
        TapLinkDevice device = (TapLinkDevice)firmware.Link;
        OutputHelper.WriteLine("pings " + pingsOk + "/3, TCP echoed " + echoed + " of " + total + " in " + ms + " ms; device: " + device.FramesReceived
            + " in, " + device.FramesTransmitted + " out, " + device.Filtered + " filtered; " + kernelError + "\n" + text);
        Assert.IsTrue(kernel.IsCompleted, "the kernel side did not finish");
        Assert.IsNull(kernelError, kernelError);
        Assert.AreEqual(3, pingsOk);
        Assert.AreEqual((long)total, echoed);
        Assert.Contains("not an ENC28J60", text);
        Assert.Contains("198.18.5.2", text); // ifconfig still works
        Assert.Contains("stack total", text); // and mem
    }
}
