namespace NanoIP.App.Console
{
    /// <summary>
    /// Turns console bytes into command lines, echoing as a terminal expects: printable ASCII
    /// is appended and echoed, backspace/DEL erase ("\b \b"), Ctrl-U clears the line, Ctrl-C
    /// abandons it, ESC [ A / ESC [ B (and ESC O A/B) walk the history, CR, LF or CRLF end it.
    /// A full line rings the bell and ignores further characters; other control characters
    /// and unknown escape sequences are swallowed. All buffers are allocated here.
    /// </summary>
    public sealed class LineEditor
    {
        /// <summary>Feed's results.</summary>
        public const int None = 0;
        public const int LineReady = 1;
        public const int Cancelled = 2;

        private const byte CtrlC = 0x03;
        private const byte Backspace = 0x08;
        private const byte Escape = 0x1B;
        private const byte CtrlU = 0x15;
        private const byte Delete = 0x7F;
        private const char Bell = '\a';

        private const int EscNone = 0;
        private const int EscStart = 1;
        private const int EscCsi = 2;
        private const int EscSs3 = 3;

        private readonly ConsoleOutput _out;
        private readonly LineHistory _history;
        private readonly char[] _line;
        private readonly char[] _draft;
        private int _length;
        private int _draftLength;
        private int _browse = -1;
        private int _escape;
        private bool _afterCr;

        public LineEditor(ConsoleOutput output, int maxLineLength, int historyDepth)
        {
            _out = output;
            _line = new char[maxLineLength];
            _draft = new char[maxLineLength];
            _history = new LineHistory(historyDepth, maxLineLength);
        }

        /// <summary>The line being edited, or the finished line after LineReady (until Clear).</summary>
        public char[] Line
        {
            get { return _line; }
        }

        public int Length
        {
            get { return _length; }
        }

        public int MaxLength
        {
            get { return _line.Length; }
        }

        public LineHistory History
        {
            get { return _history; }
        }

        /// <summary>Forgets the line (after it ran, or was cancelled).</summary>
        public void Clear()
        {
            _length = 0;
            _browse = -1;
        }

        /// <summary>Takes one input byte; LineReady when a line ended (it went to the history), Cancelled on Ctrl-C.</summary>
        public int Feed(byte b)
        {
            if (_escape != EscNone)
            {
                Sequence(b);
                return None;
            }

            if (b == '\n' && _afterCr)
            {
                // The LF of a CRLF: the line already ended at the CR.
                _afterCr = false;
                return None;
            }

            _afterCr = b == '\r';
            switch (b)
            {
                case (byte)'\r':
                case (byte)'\n':
                    _out.Append("\r\n");
                    _history.Add(_line, _length);
                    _browse = -1;
                    return LineReady;

                case CtrlC:
                    _out.Append("^C\r\n");
                    Clear();
                    return Cancelled;

                case CtrlU:
                    Erase(_length);
                    _length = 0;
                    return None;

                case Backspace:
                case Delete:
                    if (_length > 0)
                    {
                        Erase(1);
                        _length--;
                    }
                    else
                    {
                        _out.Append(Bell);
                    }

                    return None;

                case Escape:
                    _escape = EscStart;
                    return None;
            }

            if (b >= 0x20 && b < 0x7F)
            {
                if (_length == _line.Length)
                {
                    _out.Append(Bell);
                }
                else
                {
                    _line[_length++] = (char)b;
                    _out.Append((char)b);
                }
            }

            return None;
        }

        private void Sequence(byte b)
        {
            if (_escape == EscStart)
            {
                _escape = b == '[' ? EscCsi : b == 'O' ? EscSs3 : EscNone;
                return;
            }

            if (_escape == EscCsi && b >= 0x20 && b <= 0x3F)
            {
                // Parameter and intermediate bytes (ECMA-48 §5.4): wait for the final byte.
                return;
            }

            _escape = EscNone;
            if (b == 'A')
            {
                Older();
            }
            else if (b == 'B')
            {
                Newer();
            }
        }

        private void Older()
        {
            if (_browse + 1 >= _history.Count)
            {
                _out.Append(Bell);
                return;
            }

            if (_browse < 0)
            {
                System.Array.Copy(_line, 0, _draft, 0, _length);
                _draftLength = _length;
            }

            _browse++;
            Erase(_length);
            _length = _history.Get(_browse, _line);
            _out.Append(_line, 0, _length);
        }

        private void Newer()
        {
            if (_browse < 0)
            {
                _out.Append(Bell);
                return;
            }

            _browse--;
            Erase(_length);
            if (_browse < 0)
            {
                System.Array.Copy(_draft, 0, _line, 0, _draftLength);
                _length = _draftLength;
            }
            else
            {
                _length = _history.Get(_browse, _line);
            }

            _out.Append(_line, 0, _length);
        }

        private void Erase(int count)
        {
            for (int i = 0; i < count; i++)
            {
                _out.Append("\b \b");
            }
        }
    }
}
