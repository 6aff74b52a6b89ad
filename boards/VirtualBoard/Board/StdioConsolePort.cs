using System.Text;
using NanoIP.App;

namespace NanoIP.VirtualBoard.Board;

/// <summary>
/// The virtual board's console: stdout for output, stdin read on a background thread. Read
/// hands out at most one line (up to and including CR or LF), as a terminal in canonical mode
/// does, so the shell never holds bytes of the next line: after "reboot" the fresh console
/// reads every line typed (or piped) after it.
/// </summary>
public sealed class StdioConsolePort : IConsolePort
{
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
        lock (_gate)
        {
            int n = 0;
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
