using NanoIP.App;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.Bench;

/// <summary>
/// The whole firmware as the simulator runs it with --tap NAME --services all: Firmware.Boot on the virtual
/// board cabled to the TAP, then the network thread, in real time. Optionally with the chip paced
/// (<see cref="VirtualBoardOptions.RealTimeSpiPacing"/>). Disposing stops the thread and closes the cable.
/// </summary>
public sealed class TapFirmware : IDisposable
{
    private readonly Thread _thread;

    public TapFirmware(string tapName, uint address, int prefixLength, NetConfig config, long paceSpiHz)
    {
        Board = new VirtualEsp32Board(new VirtualBoardOptions
        {
            TapName = tapName,
            RealTimeSpiPacing = paceSpiHz > 0,
            SpiClockHz = paceSpiHz > 0 ? paceSpiHz : 20_000_000,
        }, new SilentConsole());
        var services = new ServiceOptions { Enabled = ServiceSet.All };
        config.TcpSockets += services.TcpSocketsNeeded;
        Config = config;
        Firmware = new Firmware(Board, config, new FirmwareOptions
        {
            SingleThreaded = false,
            Address = address,
            PrefixLength = prefixLength,
            Console = false,
            Services = services,
        });
        if (!Firmware.Boot())
        {
            Board.Dispose();
            throw new InvalidOperationException("the firmware did not boot");
        }

        _thread = new Thread(() => Firmware.Run(-1)) { IsBackground = true, Name = "network" };
        _thread.Start();
    }

    public VirtualEsp32Board Board { get; }

    public Firmware Firmware { get; }

    public NetConfig Config { get; }

    public void Dispose()
    {
        Firmware.RequestStop();
        Board.Wake();
        _thread.Join(5000);
        Board.Dispose();
    }

    private sealed class SilentConsole : IConsolePort
    {
        public bool InputOpen => false;

        public void Write(string text)
        {
        }

        public int Read(byte[] buffer, int offset, int count) => 0;
    }
}
