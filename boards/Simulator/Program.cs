using NanoIP;
using NanoIP.App;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.Simulator;

/// <summary>
/// Boots the firmware on the virtual board, the way an ESP32 boots it.
///   --virtual-time      run on the virtual clock (deterministic)
///   --run-ms N          stop after N ms of board time (default: until Ctrl-C / SIGTERM)
///   --link-down         start with no link partner
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = new VirtualBoardOptions();
        long runMs = -1;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--virtual-time": options.VirtualTime = true; break;
                case "--run-ms" when i + 1 < args.Length && long.TryParse(args[i + 1], out long ms): runMs = ms; i++; break;
                case "--link-down": options.LinkUp = false; break;
                case "-h" or "--help":
                    System.Console.WriteLine("usage: Simulator [--virtual-time] [--run-ms N] [--link-down]");
                    return 0;
                default:
                    System.Console.Error.WriteLine($"unknown option '{args[i]}' (see --help)");
                    return 2;
            }
        }

        var console = new StdioConsolePort(readInput: !System.Console.IsInputRedirected);
        using var board = new VirtualEsp32Board(options, console);
        console.InputArrived += board.Wake;
        var firmware = new Firmware(board, new NetConfig());
        System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; firmware.RequestStop(); board.Wake(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { firmware.RequestStop(); board.Wake(); };
        if (!firmware.Boot()) return 1;
        firmware.Run(runMs);
        console.Write(StatusReport.Interface(firmware.Link));
        return 0;
    }
}
