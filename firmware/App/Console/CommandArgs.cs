namespace NanoIP.App.Console
{
    /// <summary>
    /// The words of one command line (the command name is word 0), as the tokenizer split
    /// them. One instance is reused for every line; the words are new strings per line.
    /// </summary>
    public sealed class CommandArgs
    {
        private readonly string[] _words;
        private int _count;

        public CommandArgs(int capacity)
        {
            _words = new string[capacity < 1 ? 1 : capacity];
        }

        /// <summary>Words including the command name.</summary>
        public int Count
        {
            get { return _count; }
        }

        public int Capacity
        {
            get { return _words.Length; }
        }

        /// <summary>The command name (word 0), or "" for an empty line.</summary>
        public string Name
        {
            get { return _count > 0 ? _words[0] : string.Empty; }
        }

        /// <summary>Word i, or null past the end.</summary>
        public string this[int index]
        {
            get { return index >= 0 && index < _count ? _words[index] : null; }
        }

        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _words[i] = null;
            }

            _count = 0;
        }

        /// <summary>Appends a word; false when the line has more words than Capacity.</summary>
        public bool Add(string word)
        {
            if (_count == _words.Length)
            {
                return false;
            }

            _words[_count++] = word;
            return true;
        }

        /// <summary>Whether any argument (not the name) is exactly word.</summary>
        public bool Contains(string word)
        {
            for (int i = 1; i < _count; i++)
            {
                if (_words[i] == word)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Reads option flag (a dash and one letter) at index: "-c 3" or "-c3". On a match,
        /// value is the option's value (null when it is missing) and index moves past it.
        /// </summary>
        public bool TakeOption(ref int index, string flag, out string value)
        {
            value = null;
            string w = this[index];
            if (w == null)
            {
                return false;
            }

            if (w == flag)
            {
                value = this[index + 1];
                index += value == null ? 1 : 2;
                return true;
            }

            if (flag.Length == 2 && w.Length > 2 && w[0] == flag[0] && w[1] == flag[1])
            {
                value = w.Substring(2);
                index++;
                return true;
            }

            return false;
        }
    }
}
