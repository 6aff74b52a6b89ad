namespace NanoIP.App.Console
{
    /// <summary>
    /// The last few command lines: a ring of fixed char buffers, allocated once. Adding
    /// copies; an empty line or a repeat of the newest entry is not added (as bash's ignoredups).
    /// </summary>
    public sealed class LineHistory
    {
        private readonly char[][] _entries;
        private readonly int[] _lengths;
        private int _newest = -1;
        private int _count;

        public LineHistory(int depth, int maxLineLength)
        {
            if (depth < 1)
            {
                depth = 1;
            }

            _entries = new char[depth][];
            _lengths = new int[depth];
            for (int i = 0; i < depth; i++)
            {
                _entries[i] = new char[maxLineLength];
            }
        }

        public int Count
        {
            get { return _count; }
        }

        public int Depth
        {
            get { return _entries.Length; }
        }

        public void Add(char[] line, int length)
        {
            if (length <= 0)
            {
                return;
            }

            if (length > _entries[0].Length)
            {
                length = _entries[0].Length;
            }

            if (_count > 0 && Same(_newest, line, length))
            {
                return;
            }

            _newest = (_newest + 1) % _entries.Length;
            System.Array.Copy(line, 0, _entries[_newest], 0, length);
            _lengths[_newest] = length;
            if (_count < _entries.Length)
            {
                _count++;
            }
        }

        /// <summary>Copies the entry age lines back (0 = newest) into line; returns its length (-1 when none).</summary>
        public int Get(int age, char[] line)
        {
            if (age < 0 || age >= _count)
            {
                return -1;
            }

            int e = (_newest - age + _entries.Length) % _entries.Length;
            System.Array.Copy(_entries[e], 0, line, 0, _lengths[e]);
            return _lengths[e];
        }

        private bool Same(int e, char[] line, int length)
        {
            if (_lengths[e] != length)
            {
                return false;
            }

            char[] entry = _entries[e];
            for (int i = 0; i < length; i++)
            {
                if (entry[i] != line[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
