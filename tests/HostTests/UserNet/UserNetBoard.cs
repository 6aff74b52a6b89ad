using System.Net;
using System.Net.Sockets;
using System.Text;
using NanoIP.App;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;
using NanoIP.VirtualBoard.UserNet;

namespace NanoIP.HostTests.UserNet;

/// <summary>
/// What the Simulator runs by default, in-process: the whole firmware (services all) on the virtual board in
/// real time, its cable ending in the user-mode gateway with the given forwards. Disposing stops the network
/// thread, the wire and the gateway.
/// </summary>
public sealed class UserNetBoard : IDisposable
{
    public static readonly uint BoardAddress = IPv4.Parse("198.18.0.2");
    public static readonly uint GatewayAddress = IPv4.Parse("198.18.0.1");

    private readonly Thread _thread;
    private readonly CaptureConsole _console = new();

    public UserNetBoard(params PortForward[] forwards)
        : this(16, forwards)
    {
    }

    public UserNetBoard(int relaySlots, params PortForward[] forwards)
        : this(relaySlots, 60_000, forwards)
    {
    }

    public UserNetBoard(int relaySlots, int udpIdleMs, params PortForward[] forwards)
    {
        var userNet = new UserNetOptions { BoardAddress = BoardAddress, GatewayAddress = GatewayAddress, PrefixLength = 24, RelaySlots = relaySlots, UdpIdleMs = udpIdleMs };
        foreach (PortForward f in forwards) userNet.Forwards.Add(f);
        Board = new VirtualEsp32Board(new VirtualBoardOptions { UserNet = userNet }, _console);
        var options = new FirmwareOptions
        {
            Address = BoardAddress,
            PrefixLength = 24,
            Gateway = GatewayAddress,
            Console = false,
            Services = new ServiceOptions { Enabled = ServiceSet.All },
        };
        var config = new NetConfig();
        config.TcpSockets += options.Services.TcpSocketsNeeded;
        Firmware = new Firmware(Board, config, options);
        if (!Firmware.Boot())
        {
            Board.Dispose();
            throw new InvalidOperationException("firmware did not boot:\n" + ConsoleText);
        }

        _thread = new Thread(() => Firmware.Run(-1)) { IsBackground = true, Name = "network" };
        _thread.Start();
    }

    public VirtualEsp32Board Board { get; }

    public Firmware Firmware { get; }

    public UserNetGateway Gateway => Board.Gateway;

    public string ConsoleText => _console.Text;

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read it, close).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>The byte at position <paramref name="i"/> of a test stream (not periodic in 256, so a shifted copy shows).</summary>
    public static byte Pattern(long i) => (byte)((i * 7) ^ (i >> 8) ^ (i >> 16));

    public void Dispose()
    {
        Firmware.RequestStop();
        Board.Wake();
        _thread.Join(5000);
        Board.Dispose();
    }

    private sealed class CaptureConsole : IConsolePort
    {
        private readonly StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public bool InputOpen => false;

        public void Write(string text)
        {
            lock (_text) _text.Append(text);
        }

        public int Read(byte[] buffer, int offset, int count) => 0;
    }
}
