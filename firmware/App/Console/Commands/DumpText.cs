using NanoIP.Drivers.Enc28j60;

namespace NanoIP.App.Console.Commands
{
    /// <summary>Formats the driver's register dump and counter report in columns, four per line.</summary>
    public sealed class DumpText : IDumpSink
    {
        private const int PerLine = 4;
        private string _text;
        private int _column;

        public void Begin(string title)
        {
            _text = title + "\r\n";
            _column = 0;
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
            Cell(TextFormat.Left(name, 9) + TextFormat.Hex(value, bits / 4), bits == 16 ? 19 : 17);
        }

        public void Counter(string name, long value)
        {
            Cell(name + " " + value.ToString(), 26);
        }

        private void Cell(string cell, int width)
        {
            _text = _text + (_column == 0 ? "  " : string.Empty) + (_column == PerLine - 1 ? cell : TextFormat.Left(cell, width));
            _column++;
            if (_column == PerLine)
            {
                _text = _text + "\r\n";
                _column = 0;
            }
        }
    }
}
