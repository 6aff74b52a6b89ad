namespace NanoIP.App.Console
{
    /// <summary>
    /// Batches the line editor's echo into one port write per Poll (one string instead of
    /// one per keystroke); command output passes straight through after the pending echo.
    /// </summary>
    public sealed class ConsoleOutput
    {
        private readonly IConsolePort _port;
        private readonly char[] _buffer;
        private int _length;

        public ConsoleOutput(IConsolePort port, int bufferSize)
        {
            _port = port;
            _buffer = new char[bufferSize < 16 ? 16 : bufferSize];
        }

        public IConsolePort Port
        {
            get { return _port; }
        }

        public void Append(char c)
        {
            if (_length == _buffer.Length)
            {
                Flush();
            }

            _buffer[_length++] = c;
        }

        public void Append(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Append(text[i]);
            }
        }

        public void Append(char[] text, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Append(text[offset + i]);
            }
        }

        /// <summary>Writes the pending echo, if any (allocates one string then).</summary>
        public void Flush()
        {
            if (_length > 0)
            {
                string s = new string(_buffer, 0, _length);
                _length = 0;
                _port.Write(s);
            }
        }

        /// <summary>Writes text after any pending echo.</summary>
        public void Write(string text)
        {
            Flush();
            if (text != null && text.Length > 0)
            {
                _port.Write(text);
            }
        }
    }
}
