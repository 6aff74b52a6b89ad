using System.Text;
using nanoFramework.TestFramework;
using NanoIP.App;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Sockets;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.HostTests.Sockets;

/// <summary>The firmware builds NetStack and NetworkContext at boot, with the static address, on the virtual board.</summary>
[TestClass]
public class FirmwareSocketTests
{
    private sealed class CaptureConsole : IConsolePort
    {
        public readonly StringBuilder Text = new();
        public void Write(string text) => Text.Append(text);
        public int Read(byte[] buffer, int offset, int count) => 0;
        public bool InputOpen => false;
    }

    private static readonly uint Address = IPv4.FromBytes(192, 168, 7, 2);

    [TestMethod]
    public void BootBuildsTheStackWithTheStaticAddressAndASocketContext()
    {
        var console = new CaptureConsole();
        using var board = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console);
        var options = new FirmwareOptions { Address = Address, PrefixLength = 24, Gateway = IPv4.FromBytes(192, 168, 7, 1) };
        var firmware = new Firmware(board, new NetConfig(), options);
        Assert.IsTrue(firmware.Boot());
        Assert.AreEqual(Address, firmware.Stack.Address);
        Assert.AreEqual(24, firmware.Stack.PrefixLength);
        Assert.AreEqual(IPv4.FromBytes(192, 168, 7, 1), firmware.Stack.Gateway);
        Assert.IsInstanceOfType(firmware.Network.Waiter, typeof(ThreadedSocketWaiter));
        Assert.IsTrue(console.Text.ToString().StartsWith("NanoIP on virtual ESP32"));
        Assert.IsFalse(console.Text.ToString().Contains("address"));

        int wait = firmware.Step();
        Assert.IsTrue(wait >= 0 && wait <= 100);
        Socket s = firmware.Network.CreateSocket(SocketType.Dgram);
        s.Bind(new IPEndPoint(Address, 5000));
        Assert.AreEqual(Address, s.LocalEndPoint.Address);
    }

    [TestMethod]
    public void SingleThreadedFirmwarePumpsTheBoardWhileASocketCallWaits()
    {
        var console = new CaptureConsole();
        using var board = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console);
        var firmware = new Firmware(board, new NetConfig(), new FirmwareOptions { Address = Address, SingleThreaded = true });
        Assert.IsTrue(firmware.Boot());
        Assert.IsInstanceOfType(firmware.Network.Waiter, typeof(PumpingSocketWaiter));
        Socket s = firmware.Network.CreateSocket(SocketType.Dgram);
        s.Bind(new IPEndPoint(IPEndPoint.Any, 5000));
        s.ReceiveTimeout = 1500;
        long t0 = board.NowMs;
        long frames = board.Chip.FramesTransmitted;
        var from = new IPEndPoint(0, 0);
        Assert.AreEqual(SocketError.TimedOut, Expect.ErrorOf(() => s.ReceiveFrom(new byte[8], ref from)));
        long took = board.NowMs - t0;
        OutputHelper.WriteLine($"board time passed {took} ms");
        Assert.IsTrue(took >= 1500 && took < 1700); // The board's virtual clock moved, through the firmware's poll.
        Assert.IsTrue(board.Chip.FramesTransmitted > frames); // Meanwhile the stack ran: its gratuitous ARP went out.
    }

    [TestMethod]
    public void AnInvalidStaticAddressFailsTheBoot()
    {
        var console = new CaptureConsole();
        using var board = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console);
        var firmware = new Firmware(board, null, new FirmwareOptions { Address = IPv4.FromBytes(192, 168, 7, 0), PrefixLength = 24 });
        Assert.IsFalse(firmware.Boot());
        Assert.IsTrue(console.Text.ToString().Contains("address: invalid"));
    }
}
