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
///   --services LIST     echo,discard,chargen,http (or all, none) on ports 7, 9+5001, 19, 80 at boot;
///                       the others can be started with the console's "service enable"
///   --hold-at-prompt    with --virtual-time: the clock stands still while the console waits at the
///                       prompt for input, so a piped script runs at the same board times every run
/// The console reads stdin whether or not it is a terminal (a script can be piped in); when
/// stdin closes the board runs on headless. "reboot" boots the firmware again on the same board
/// (fresh stack, same options), as an ESP32 restarts.
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
        bool holdAtPrompt = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--virtual-time": options.VirtualTime = true; break;
                case "--run-ms" when i + 1 < args.Length && long.TryParse(args[i + 1], out long ms): runMs = ms; i++; break;
                case "--link-down": options.LinkUp = false; break;
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
                case "--hold-at-prompt": holdAtPrompt = true; break;
                case "--tap" when i + 1 < args.Length: options.TapName = args[++i]; break;
                case "--gateway" when i + 1 < args.Length && IPv4.TryParse(args[i + 1], out uint gateway):
                    firmwareOptions.Gateway = gateway;
                    i++;
                    break;
                case "-h" or "--help":
                    System.Console.WriteLine("usage: Simulator [--virtual-time] [--run-ms N] [--link-down] [--ip A.B.C.D/LEN] [--gateway A.B.C.D]\n                 [--pcap FILE [--pcap-fcs]] [--faults SPEC] [--tap NAME]\n                 [--dhcp] [--no-console] [--services echo,discard,chargen,http|all] [--hold-at-prompt]");
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

        // Every service is built, so "service enable" can start the ones --services did not.
        firmwareOptions.Services ??= new ServiceOptions();
        firmwareOptions.Services.Available = ServiceSet.All;

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
        Firmware firmware = null;
        bool stopping = false, reboot = false;
        board.RebootRequested += () => { reboot = true; firmware.RequestStop(); };
        console.Busy = () => firmware?.Shell is { JobRunning: true };
        if (holdAtPrompt) board.HoldClock = () => console.InputOpen && firmware?.Shell is { JobRunning: false };
        System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping = true; firmware?.RequestStop(); board.Wake(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { stopping = true; firmware?.RequestStop(); board.Wake(); };
        LogLevel bootLogLevel = Log.Level;
        long start = board.NowMs;
        do
        {
            // A reboot starts from scratch: new stack, console and services with the same options.
            if (reboot) console.Write("\r\n");
            reboot = false;
            Log.Level = bootLogLevel;
            var config = new NetConfig();
            // Each service holds its listeners and connection slots out of the TCP socket table.
            config.TcpSockets += firmwareOptions.Services.TcpSocketsNeeded;
            firmware = new Firmware(board, config, firmwareOptions);
            if (!firmware.Boot()) return 1;
            firmware.Run(runMs < 0 ? -1 : Math.Max(0, runMs - (board.NowMs - start)));
        }
        while (reboot && !stopping);

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
