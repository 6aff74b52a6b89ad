using NanoIP.App;

namespace NanoIP.UnitTests.Console
{
    /// <summary>A console port for tests: input bytes scripted by the test, output captured as text.</summary>
    public sealed class FakeConsolePort : IConsolePort
    {
        private readonly byte[] _input = new byte[8192];
        private int _head;
        private int _count;
        private string _output = string.Empty;

        /// <summary>Largest number of bytes one Read hands out (a UART gives what arrived so far).</summary>
        public int ReadChunk = 1000000;
        public int Writes;
        public int Reads;

        public bool InputOpen
        {
            get { return true; }
        }

        /// <summary>Input bytes still unread.</summary>
        public int Pending
        {
            get { return _count; }
        }

        /// <summary>Queues text as typed bytes (chars 0..255).</summary>
        public void Type(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                TypeByte((byte)text[i]);
            }
        }

        public void TypeByte(byte b)
        {
            _input[(_head + _count) % _input.Length] = b;
            _count++;
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            int n = 0;
            while (n < count && n < ReadChunk && _count > 0)
            {
                buffer[offset + n++] = _input[_head];
                _head = (_head + 1) % _input.Length;
                _count--;
            }

            return n;
        }

        public void Write(string text)
        {
            Writes++;
            _output = _output + text;
        }

        /// <summary>Everything written since the last Take.</summary>
        public string Take()
        {
            string s = _output;
            _output = string.Empty;
            return s;
        }

        public string Output
        {
            get { return _output; }
        }
    }
}
