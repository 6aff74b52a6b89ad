using NanoIP.Drivers.Enc28j60;

namespace NanoIP.App.Console.Commands
{
    /// <summary>
    /// Formats the driver's register dump and counter report in columns, four per line;
    /// PHY registers (16-bit) get a section of their own.
    /// </summary>
    public sealed class DumpText : IDumpSink
    {
        private const int PerLine = 4;
        private string _text;
        private int _column;
        private int _lastLength;
        private int _lastWidth;
        private bool _phy;

        public void Begin(string title)
        {
            _text = title + "\r\n";
            _column = 0;
            _phy = false;
        }

        public string End()
        {
            string s = _column == 0 ? _text : _text + "\r\n";
            _text = null;
            _column = 0;
            return s;
        }

        public void Register(string name, int value, int bits)
        {
            if (bits == 16 && !_phy)
            {
                _phy = true;
                _text = (_column == 0 ? _text : _text + "\r\n") + "PHY registers:\r\n";
                _column = 0;
            }

            Cell(TextFormat.Left(name, 9) + TextFormat.Hex(value, bits / 4), bits == 16 ? 19 : 17);
        }

        public void Counter(string name, long value)
        {
            Cell(name + " " + value.ToString(), 26);
        }

        private void Cell(string cell, int width)
        {
            if (_column == 0)
            {
                _text = _text + "  " + cell;
            }
            else
            {
                // Pad the previous cell only now, so no line ends in spaces.
                _text = _text + (_lastLength < _lastWidth ? new string(' ', _lastWidth - _lastLength) : " ") + cell;
            }

            _lastLength = cell.Length;
            _lastWidth = width;
            _column++;
            if (_column == PerLine)
            {
                _text = _text + "\r\n";
                _column = 0;
            }
        }
    }
}
