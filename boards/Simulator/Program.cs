using NanoIP;
using NanoIP.App;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;
using NanoIP.VirtualBoard.UserNet;

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
///   (default cable)     user-mode networking: a gateway at 198.18.0.1 (the board's default gateway) answers
///                       ARP and ping; a board connection to 198.18.0.1:PORT reaches 127.0.0.1:PORT on the host
///   --forward [tcp:]HOSTPORT:BOARDPORT   relay 127.0.0.1:HOSTPORT on the host to the board's BOARDPORT (repeatable)
///   --tap NAME          cable the board to a Linux TAP interface instead (wall-clock time only)
///   --direct            with --tap: the stack straight on the TAP, no ENC28J60 model
///   --dhcp              ask a DHCP server for the address (no static address then, unless --ip too)
///   --no-console        headless: no console on stdin/stdout
///   --services LIST     echo,discard,chargen,http (or all, none) on ports 7, 9+5001, 19, 80 at boot
///                       (default all); the others can be started with the console's "service enable"
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
        firmwareOptions.Services = new ServiceOptions { Enabled = ServiceSet.All }; // the simulator is for trying things
        var forwards = new List<PortForward>();
        long runMs = -1;
        bool staticAddress = false;
        bool gatewayGiven = false;
        bool readConsole = true;
        bool holdAtPrompt = false;
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
                case "--hold-at-prompt": holdAtPrompt = true; break;
                case "--tap" when i + 1 < args.Length: options.TapName = args[++i]; break;
                case "--direct": options.Direct = true; break;
                case "--forward" when i + 1 < args.Length:
                    if (!PortForward.TryParse(args[i + 1], out PortForward forward))
                    {
                        System.Console.Error.WriteLine("--forward: expected [tcp:]HOSTPORT:BOARDPORT (1..65535), got '" + args[i + 1] + "'");
                        return 2;
                    }

                    forwards.Add(forward);
                    i++;
                    break;
                case "--gateway" when i + 1 < args.Length && IPv4.TryParse(args[i + 1], out uint gateway):
                    firmwareOptions.Gateway = gateway;
                    gatewayGiven = true;
                    i++;
                    break;
                case "-h" or "--help":
                    System.Console.WriteLine(Usage);
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

        if (options.Direct && options.TapName == null)
        {
            System.Console.Error.WriteLine("--direct needs --tap NAME (the stack sits straight on that TAP)");
            return 2;
        }

        if (forwards.Count > 0 && (options.TapName != null || options.VirtualTime))
        {
            System.Console.Error.WriteLine(options.TapName != null
                ? "--forward is for user-mode networking: with --tap, reach the board through the TAP instead"
                : "--forward needs wall-clock time (host sockets run in real time): drop --virtual-time");
            return 2;
        }

        if (options.TapName == null)
        {
            // User-mode networking: the gateway sits on the board's subnet and is its default gateway.
            var userNet = new UserNetOptions
            {
                BoardAddress = firmwareOptions.Address != 0 ? firmwareOptions.Address : IPv4.Parse("198.18.0.2"),
                PrefixLength = firmwareOptions.Address != 0 ? firmwareOptions.PrefixLength : 24,
                HostServices = !options.VirtualTime,
            };
            userNet.GatewayAddress = UserNetOptions.GatewayFor(userNet.BoardAddress, userNet.PrefixLength);
            foreach (PortForward f in forwards) userNet.Forwards.Add(f);
            options.UserNet = userNet;
            if (!gatewayGiven) firmwareOptions.Gateway = userNet.GatewayAddress;
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
        catch (System.Net.Sockets.SocketException e)
        {
            System.Console.Error.WriteLine("--forward: cannot listen on 127.0.0.1: " + e.Message);
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
        // SIGTERM ends the run like Ctrl-C: the network thread stops, the final report prints, the gateway closes its sockets.
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stopping = true;
            firmware?.RequestStop();
            board.Wake();
        });
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
            if (board.Gateway != null) console.Write(UserNetText(board.Gateway));
            firmware.Run(runMs < 0 ? -1 : Math.Max(0, runMs - (board.NowMs - start)));
        }
        while (reboot && !stopping);

        console.Write(StatusReport.Interface(firmware.Link));
        return 0;
    }

    private const string Usage =
        "usage: Simulator [--virtual-time] [--run-ms N] [--link-down] [--ip A.B.C.D/LEN] [--gateway A.B.C.D]\n"
        + "                 [--pcap FILE [--pcap-fcs]] [--faults SPEC] [--dhcp] [--no-console]\n"
        + "                 [--services echo,discard,chargen,http|all|none] (default all)\n"
        + "                 [--forward [tcp:]HOSTPORT:BOARDPORT]... | --tap NAME [--direct]\n"
        + "                 [--spi-hz N] [--hold-at-prompt]\n"
        + "The board's cable goes to a user-mode gateway by default (no privileges): it has the board's subnet's\n"
        + "first address (198.18.0.1 for the default 198.18.0.2/24), is the board's default gateway unless\n"
        + "--gateway is given, and answers ARP and ping. --forward relays 127.0.0.1:HOSTPORT on the host to\n"
        + "the board's BOARDPORT (TCP, repeatable; e.g. --forward 8080:80, then curl localhost:8080), and a\n"
        + "board connection to the gateway's PORT reaches 127.0.0.1:PORT on the host (console: tcp connect\n"
        + "198.18.0.1 PORT); with --virtual-time the gateway answers ARP and ping only. --tap NAME cables the board to a Linux TAP instead (needs CAP_NET_ADMIN and\n"
        + "wall-clock time); --direct puts the stack straight on the TAP with no ENC28J60 model.";

    private static string UserNetText(UserNetGateway gateway)
    {
        UserNetOptions o = gateway.Options;
        string text = "usernet: gateway " + IPv4.ToString(o.GatewayAddress) + "/" + o.PrefixLength + " (arp, ping";
        text += o.HostServices ? "; " + IPv4.ToString(o.GatewayAddress) + ":PORT -> host 127.0.0.1:PORT)\r\n" : ")\r\n";
        foreach (PortForward f in o.Forwards)
        {
            text += "usernet: forward 127.0.0.1:" + f.HostPort + " -> " + IPv4.ToString(o.BoardAddress) + ":" + f.BoardPort + "\r\n";
        }

        return text;
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
