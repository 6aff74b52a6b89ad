using System.Text;
using NanoIP.App;

namespace NanoIP.VirtualBoard.Board;

/// <summary>
/// The virtual board's console: stdout for output, stdin read on a background thread. Read
/// hands out at most one line (up to and including CR or LF), as a terminal in canonical mode
/// does, so the shell never holds bytes of the next line: after "reboot" the fresh console
/// reads every line typed (or piped) after it. While Busy says a command runs (ping, tcp
/// listen), input waits for the next prompt, in order, as a shell's type-ahead does: a Ctrl-C
/// goes through when it is next in line, so a piped script can stop a command that runs until
/// interrupted ("tcp listen 7000", Ctrl-C, "netstat") and lines after a ping run once it ends.
/// (On a terminal in canonical mode Ctrl-C never arrives here: it stops the Simulator.)
/// </summary>
public sealed class StdioConsolePort : IConsolePort
{
    private const byte CtrlC = 0x03;
    private readonly object _gate = new();
    private readonly Queue<byte> _input = new();
    private volatile bool _inputOpen = true;

    /// <summary>Called when input arrives, so the board can wake the network thread.</summary>
    public event Action InputArrived;

    public StdioConsolePort(bool readInput)
    {
        if (!readInput)
        {
            _inputOpen = false;
            return;
        }

        var reader = new Thread(ReadLoop) { IsBackground = true, Name = "console-stdin" };
        reader.Start();
    }

    public bool InputOpen => _inputOpen || HasPendingInput;

    /// <summary>True while the console runs a command (a job such as ping); null: never.</summary>
    public Func<bool> Busy { get; set; }

    /// <summary>Input read from stdin and not yet handed to the console.</summary>
    public bool HasPendingInput
    {
        get
        {
            lock (_gate) return _input.Count > 0;
        }
    }

    public void Write(string text)
    {
        System.Console.Out.Write(text.Replace("\r\n", "\n"));
        System.Console.Out.Flush();
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        bool busy = Busy != null && Busy();
        lock (_gate)
        {
            int n = 0;
            if (busy)
            {
                if (count < 1 || _input.Count == 0 || _input.Peek() != CtrlC) return 0;
                buffer[offset] = _input.Dequeue();
                return 1;
            }

            while (n < count && _input.Count > 0)
            {
                byte b = _input.Dequeue();
                buffer[offset + n++] = b;
                if (b == '\n') break;
                if (b == '\r')
                {
                    // CRLF ends one line: hand out the LF with it when it is there already.
                    if (n < count && _input.Count > 0 && _input.Peek() == '\n') buffer[offset + n++] = _input.Dequeue();
                    break;
                }
            }

            return n;
        }
    }

    private void ReadLoop()
    {
        Stream stdin = System.Console.OpenStandardInput();
        var buf = new byte[256];
        while (true)
        {
            int n;
            try { n = stdin.Read(buf, 0, buf.Length); }
            catch (IOException) { n = 0; }
            if (n <= 0) break;
            lock (_gate)
            {
                for (int i = 0; i < n; i++) _input.Enqueue(buf[i]);
            }
            InputArrived?.Invoke();
        }
        _inputOpen = false;
        InputArrived?.Invoke();
    }
}
