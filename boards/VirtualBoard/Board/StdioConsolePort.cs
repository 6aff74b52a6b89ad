using System.Text;
using NanoIP.App;

namespace NanoIP.VirtualBoard.Board;

/// <summary>The virtual board's console: stdout for output, stdin read on a background thread.</summary>
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

    public bool InputOpen => _inputOpen || _input.Count > 0;

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
            while (n < count && _input.Count > 0) buffer[offset + n++] = _input.Dequeue();
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
