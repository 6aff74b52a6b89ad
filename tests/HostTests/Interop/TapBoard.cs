using System.Text;
using NanoIP.App;
using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// The whole firmware (Firmware.Boot, services, network thread) on the virtual board, cabled to a TAP that
/// <see cref="NetNamespace.CreatePersistentTap"/> made: what the Simulator does with --tap, in-process so a test can
/// reach the stack, the wire and the counters. Real time. Disposing stops the network thread and the wire.
/// </summary>
public sealed class TapBoard : IDisposable
{
    private readonly Thread _thread;
    private readonly CaptureConsole _console = new();

    /// <param name="tapName">An existing TAP in this namespace (the kernel side already has its address).</param>
    /// <param name="cidr">The board's address, e.g. "198.18.0.2/24".</param>
    /// <param name="services">"all", "echo,http", ... or null for none.</param>
    /// <param name="gateway">Default gateway ("198.18.0.1"), or null for none.</param>
    public TapBoard(string tapName, string cidr, string services = "all", string faults = null, NetConfig config = null, bool dhcp = false, string pcap = null,
        string gateway = null)
    {
        Board = new VirtualEsp32Board(new VirtualBoardOptions { TapName = tapName, Faults = faults, PcapPath = pcap }, _console);
        var options = new FirmwareOptions { SingleThreaded = false, Dhcp = dhcp };
        if (cidr != null)
        {
            int slash = cidr.IndexOf('/');
            options.Address = IPv4.Parse(cidr[..slash]);
            options.PrefixLength = int.Parse(cidr[(slash + 1)..]);
        }

        if (gateway != null) options.Gateway = IPv4.Parse(gateway);

        config ??= new NetConfig();
        if (services != null)
        {
            if (!ServiceOptions.TryParse(services, out ServiceSet set)) throw new ArgumentException("services: " + services);
            options.Services = new ServiceOptions { Enabled = set };
            config.TcpSockets += options.Services.TcpSocketsNeeded;
        }

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

    /// <summary>What the firmware printed on its console so far.</summary>
    public string ConsoleText => _console.Text;

    /// <summary>Types text on the board's console (add "\r" to end a line), as a user at the serial port would.</summary>
    public void Type(string text)
    {
        _console.Type(text);
        Board.Wake();
    }

    /// <summary>Waits (at most timeoutMs) until the console has printed <paramref name="text"/> after character <paramref name="from"/>; true when it did.</summary>
    public bool WaitForConsole(string text, int from, int timeoutMs)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < timeoutMs)
        {
            string t = ConsoleText;
            if (t.Length > from && t.IndexOf(text, from, StringComparison.Ordinal) >= 0) return true;
            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>Puts a frame (FCS included) on the wire from the TAP's end, as if the kernel had sent it.</summary>
    public void InjectTowardBoard(byte[] frameWithFcs) => Board.Wire.Post(() => Board.Wire.Link.B.Send(frameWithFcs));

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
        private readonly Queue<byte> _input = new();

        public string Text
        {
            get
            {
                lock (_text) return _text.ToString();
            }
        }

        public bool InputOpen => true;

        public void Type(string text)
        {
            lock (_input)
            {
                foreach (char c in text) _input.Enqueue((byte)c);
            }
        }

        public void Write(string text)
        {
            lock (_text) _text.Append(text);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            lock (_input)
            {
                int n = 0;
                while (n < count && _input.Count > 0) buffer[offset + n++] = _input.Dequeue();
                return n;
            }
        }
    }
}
