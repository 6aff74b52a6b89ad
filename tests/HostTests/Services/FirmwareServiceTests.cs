using System.Text;
using nanoFramework.TestFramework;
using NanoIP.App;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.Transport.Tcp;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.HostTests.Services;

/// <summary>Boot starts the ServiceHost chosen in FirmwareOptions.Services after the socket context, and says what listens.</summary>
[TestClass]
public class FirmwareServiceTests
{
    private sealed class CaptureConsole : IConsolePort
    {
        public readonly StringBuilder Text = new();
        public void Write(string text) => Text.Append(text);
        public int Read(byte[] buffer, int offset, int count) => 0;
        public bool InputOpen => false;
    }

    private static int Listeners(TcpLayer tcp)
    {
        var info = new TcpInfo();
        int n = 0;
        for (int i = 0; i < tcp.Capacity; i++)
        {
            if (tcp.GetInfoAt(i, info) && info.State == TcpState.Listen) n++;
        }

        return n;
    }

    [TestMethod]
    public void BootStartsTheSelectedServices()
    {
        var console = new CaptureConsole();
        using var board = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console);
        ServiceSet set;
        Assert.IsTrue(ServiceOptions.TryParse("all", out set));
        var services = new ServiceOptions { Enabled = set };
        var config = new NetConfig();
        config.TcpSockets += services.TcpSocketsNeeded;
        var firmware = new Firmware(board, config, new FirmwareOptions { Address = IPv4.FromBytes(192, 168, 7, 2), Services = services });
        Assert.IsTrue(firmware.Boot());
        Assert.IsNotNull(firmware.Services);
        Assert.AreEqual(4, firmware.Services.ServiceCount);
        Assert.Contains("services: echo 7 discard 9,5001 chargen 19 http 80\r\n", console.Text.ToString());
        Assert.AreEqual(5, Listeners(firmware.Stack.Tcp));
        int wait = firmware.Step();
        Assert.IsTrue(wait >= 0 && wait <= 100);
    }

    [TestMethod]
    public void NoServicesByDefaultAndAFailedOneIsReported()
    {
        var console = new CaptureConsole();
        using var board = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console);
        var plain = new Firmware(board, new NetConfig(), new FirmwareOptions { Address = IPv4.FromBytes(192, 168, 7, 2) });
        Assert.IsTrue(plain.Boot());
        Assert.IsNull(plain.Services);
        Assert.AreEqual(0, Listeners(plain.Stack.Tcp));

        var console2 = new CaptureConsole();
        using var board2 = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console2);
        var tight = new NetConfig { TcpSockets = 3 }; // Room for three listeners, not five.
        var firmware = new Firmware(board2, tight, new FirmwareOptions { Address = IPv4.FromBytes(192, 168, 7, 2), Services = new ServiceOptions { Enabled = ServiceSet.All } });
        Assert.IsTrue(firmware.Boot()); // The rest still run.
        string text = console2.Text.ToString();
        Assert.Contains("echo 7 discard 9,5001 chargen 19 (", text);
        Assert.IsTrue(firmware.Services.Find("echo").Listening);
        Assert.IsFalse(firmware.Services.Find("http").Listening);
    }
}
