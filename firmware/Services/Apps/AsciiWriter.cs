namespace NanoIP.Services.Apps
{
    /// <summary>
    /// Writes ASCII text (strings, decimal numbers, dotted quads, MACs) into a byte buffer the
    /// caller owns, without allocating: the HTTP pages are built straight into their response
    /// buffer. Text beyond the limit is dropped and Overflowed set, so a page is cut, never
    /// thrown. Non-ASCII characters are written as '?'.
    /// </summary>
    public sealed class AsciiWriter
    {
        private const string Hex = "0123456789abcdef";
        private byte[] _buffer;
        private int _start;
        private int _limit;
        private int _position;
        private int _lineStart;

        /// <summary>Starts writing at offset; at most limit - offset bytes.</summary>
        public void Reset(byte[] buffer, int offset, int limit)
        {
            _buffer = buffer;
            _start = offset;
            _limit = limit;
            _position = offset;
            _lineStart = offset;
            Overflowed = false;
        }

        public bool Overflowed;

        /// <summary>Bytes written since Reset.</summary>
        public int Length
        {
            get { return _position - _start; }
        }

        public int Position
        {
            get { return _position; }
        }

        public AsciiWriter Append(char c)
        {
            if (_position >= _limit)
            {
                Overflowed = true;
                return this;
            }

            _buffer[_position++] = c < 128 ? (byte)c : (byte)'?';
            if (c == '\n')
            {
                _lineStart = _position;
            }

            return this;
        }

        public AsciiWriter Append(string s)
        {
            if (s != null)
            {
                for (int i = 0; i < s.Length; i++)
                {
                    Append(s[i]);
                }
            }

            return this;
        }

        /// <summary>CR LF (HTTP header lines).</summary>
        public AsciiWriter Crlf()
        {
            return Append('\r').Append('\n');
        }

        /// <summary>Decimal, no allocation (long.MinValue excepted: counters never reach it).</summary>
        public AsciiWriter Append(long value)
        {
            if (value < 0)
            {
                Append('-');
                value = -value;
            }

            long div = 1;
            while (value / div >= 10)
            {
                div *= 10;
            }

            while (div > 0)
            {
                Append((char)('0' + (int)(value / div % 10)));
                div /= 10;
            }

            return this;
        }

        /// <summary>a.b.c.d from a host-order address.</summary>
        public AsciiWriter AppendIPv4(uint address)
        {
            Append((long)(address >> 24)).Append('.').Append((long)((address >> 16) & 0xFF)).Append('.')
                .Append((long)((address >> 8) & 0xFF)).Append('.').Append((long)(address & 0xFF));
            return this;
        }

        /// <summary>a.b.c.d:port, or * for address 0 with port 0.</summary>
        public AsciiWriter AppendEndPoint(uint address, int port)
        {
            if (address == 0 && port == 0)
            {
                return Append('*');
            }

            return AppendIPv4(address).Append(':').Append((long)port);
        }

        /// <summary>aa:bb:cc:dd:ee:ff.</summary>
        public AsciiWriter AppendMac(byte[] mac, int offset)
        {
            for (int i = 0; i < 6; i++)
            {
                if (i > 0)
                {
                    Append(':');
                }

                Append(Hex[mac[offset + i] >> 4]).Append(Hex[mac[offset + i] & 0xF]);
            }

            return this;
        }

        /// <summary>Spaces up to column (0-based, on the current line); at least one.</summary>
        public AsciiWriter Column(int column)
        {
            Append(' ');
            while (_position - _lineStart < column && _position < _limit)
            {
                Append(' ');
            }

            return this;
        }
    }
}
