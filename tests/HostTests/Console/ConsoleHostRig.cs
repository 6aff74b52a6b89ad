using NanoIP.App;
using NanoIP.Drivers;

namespace NanoIP.HostTests.ConsoleTests
{
    /// <summary>A console port that queues typed bytes and keeps what was written.</summary>
    internal sealed class ScriptPort : IConsolePort
    {
        private readonly Queue<byte> _input = new();
        private readonly System.Text.StringBuilder _output = new();

        public bool InputOpen => true;

        public void Type(string text)
        {
            foreach (char c in text) _input.Enqueue((byte)c);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && _input.Count > 0) buffer[offset + n++] = _input.Dequeue();
            return n;
        }

        public void Write(string text) => _output.Append(text);

        public string Take()
        {
            string s = _output.ToString();
            _output.Clear();
            return s;
        }
    }

    /// <summary>A link that is up and swallows every frame (nothing ever answers).</summary>
    internal sealed class SilentLink : ILinkDevice
    {
        public int MaxFrameLength => 1514;
        public bool IsLinkUp => true;
        public bool InterruptPending => false;
        public bool ReceiveBroadcast { get; set; } = true;
        public bool ReceiveMulticast { get; set; }
        public long Transmitted;
        public void GetMacAddress(byte[] mac, int offset) => new byte[] { 2, 0, 0, 0, 0, 1 }.CopyTo(mac, offset);
        public void Poll(long nowMs) { }
        public int Receive(byte[] buffer, int offset, int capacity) => 0;

        public bool Transmit(byte[] frame, int offset, int length)
        {
            Transmitted++;
            return true;
        }
    }
}
