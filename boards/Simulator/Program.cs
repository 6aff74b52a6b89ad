using NanoIP;
using NanoIP.App;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.Simulator;

/// <summary>
/// Boots the firmware on the virtual board, the way an ESP32 boots it.
///   --virtual-time      run on the virtual clock (deterministic)
///   --run-ms N          stop after N ms of board time (default: until Ctrl-C / SIGTERM)
///   --link-down         start with no link partner
///   --ip A.B.C.D/LEN    static address (default 198.18.0.2/24)
///   --gateway A.B.C.D   default gateway
///   --pcap FILE         capture the board's wire (--pcap-fcs keeps the FCS)
///   --faults SPEC       loss=P,reorder=P,dup=P,corrupt=P,seed=N on the board's wire
///   --tap NAME          cable the board to a Linux TAP interface (wall-clock time only)
///   --dhcp              ask a DHCP server for the address (no static address then, unless --ip too)
///   --no-console        headless: no console on stdin/stdout
///   --services LIST     echo,discard,chargen,http (or all, none) on ports 7, 9+5001, 19, 80
/// The console reads stdin whether or not it is a terminal (a script can be piped in); when
/// stdin closes the board runs on headless.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = new VirtualBoardOptions();
        var firmwareOptions = new FirmwareOptions { Address = IPv4.Parse("198.18.0.2"), PrefixLength = 24 };
        long runMs = -1;
        bool staticAddress = false;
        bool readConsole = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--virtual-time": options.VirtualTime = true; break;
                case "--run-ms" when i + 1 < args.Length && long.TryParse(args[i + 1], out long ms): runMs = ms; i++; break;
                case "--link-down": options.LinkUp = false; break;
                case "--spi-hz" when i + 1 < args.Length && long.TryParse(args[i + 1], out long hz) && hz > 0: options.SpiClockHz = hz; options.RealTimeSpiPacing = true; i++; break;
                case "--ip" when i + 1 < args.Length && TryParsePrefix(args[i + 1], out uint address, out int prefix):
                    firmwareOptions.Address = address;
                    firmwareOptions.PrefixLength = prefix;
                    staticAddress = true;
                    i++;
                    break;
                case "--pcap" when i + 1 < args.Length: options.PcapPath = args[++i]; break;
                case "--pcap-fcs": options.PcapWithFcs = true; break;
                case "--faults" when i + 1 < args.Length:
                    try { NanoIP.VirtualBoard.Wire.FaultSpec.Parse(args[i + 1]); }
                    catch (FormatException e) { System.Console.Error.WriteLine("--faults: " + e.Message); return 2; }
                    options.Faults = args[++i];
                    break;
                case "--dhcp": firmwareOptions.Dhcp = true; break;
                case "--services" when i + 1 < args.Length && ServiceOptions.TryParse(args[i + 1], out ServiceSet services):
                    firmwareOptions.Services = new ServiceOptions { Enabled = services };
                    i++;
                    break;
                case "--no-console": readConsole = false; firmwareOptions.Console = false; break;
                case "--tap" when i + 1 < args.Length: options.TapName = args[++i]; break;
                case "--gateway" when i + 1 < args.Length && IPv4.TryParse(args[i + 1], out uint gateway):
                    firmwareOptions.Gateway = gateway;
                    i++;
                    break;
                case "-h" or "--help":
                    System.Console.WriteLine("usage: Simulator [--virtual-time] [--run-ms N] [--link-down] [--ip A.B.C.D/LEN] [--gateway A.B.C.D]\n                 [--pcap FILE [--pcap-fcs]] [--faults SPEC] [--tap NAME]\n                 [--dhcp] [--no-console] [--services echo,discard,chargen,http|all]");
                    return 0;
                default:
                    System.Console.Error.WriteLine($"bad option or value '{args[i]}' (see --help)");
                    return 2;
            }
        }

        if (options.TapName != null && options.VirtualTime)
        {
            System.Console.Error.WriteLine("--tap needs wall-clock time: drop --virtual-time");
            return 2;
        }

        if (firmwareOptions.Dhcp && !staticAddress)
        {
            firmwareOptions.Address = 0;
        }

        var console = new StdioConsolePort(readInput: readConsole);
        VirtualEsp32Board created;
        try
        {
            created = new VirtualEsp32Board(options, console);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            System.Console.Error.WriteLine("board: " + e.Message);
            return 1;
        }

        using var board = created;
        console.InputArrived += board.Wake;
        firmwareOptions.SingleThreaded = options.VirtualTime;
        var config = new NetConfig();
        // Each service holds its listeners and connection slots out of the TCP socket table.
        if (firmwareOptions.Services != null) config.TcpSockets += firmwareOptions.Services.TcpSocketsNeeded;
        var firmware = new Firmware(board, config, firmwareOptions);
        System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; firmware.RequestStop(); board.Wake(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { firmware.RequestStop(); board.Wake(); };
        if (!firmware.Boot()) return 1;
        firmware.Run(runMs);
        console.Write(StatusReport.Interface(firmware.Link));
        return 0;
    }

    private static bool TryParsePrefix(string text, out uint address, out int prefix)
    {
        address = 0;
        prefix = 24;
        int slash = text.IndexOf('/');
        string host = slash < 0 ? text : text[..slash];
        if (slash >= 0 && !(int.TryParse(text[(slash + 1)..], out prefix) && prefix >= 1 && prefix <= 32)) return false;
        return IPv4.TryParse(host, out address);
    }
}
