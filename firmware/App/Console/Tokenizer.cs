namespace NanoIP.App.Console
{
    /// <summary>
    /// Splits a command line into words: spaces and tabs separate, double or single quotes
    /// keep spaces inside one word (and may join with adjacent text: a"b c" is one word),
    /// "" is an empty word, and a backslash inside double quotes escapes " and \.
    /// </summary>
    public static class Tokenizer
    {
        /// <summary>Fills args from line[0..length); returns null, or the error to print.</summary>
        public static string Split(char[] line, int length, char[] scratch, CommandArgs args)
        {
            args.Clear();
            int i = 0;
            while (true)
            {
                while (i < length && (line[i] == ' ' || line[i] == '\t'))
                {
                    i++;
                }

                if (i >= length)
                {
                    return null;
                }

                int n = 0;
                char quote = '\0';
                while (i < length)
                {
                    char c = line[i];
                    if (quote == '\0')
                    {
                        if (c == ' ' || c == '\t')
                        {
                            break;
                        }

                        if (c == '"' || c == '\'')
                        {
                            quote = c;
                        }
                        else
                        {
                            scratch[n++] = c;
                        }
                    }
                    else if (c == quote)
                    {
                        quote = '\0';
                    }
                    else if (c == '\\' && quote == '"' && i + 1 < length && (line[i + 1] == '"' || line[i + 1] == '\\'))
                    {
                        i++;
                        scratch[n++] = line[i];
                    }
                    else
                    {
                        scratch[n++] = c;
                    }

                    i++;
                }

                if (quote != '\0')
                {
                    args.Clear();
                    return "unterminated quote";
                }

                if (!args.Add(new string(scratch, 0, n)))
                {
                    args.Clear();
                    return "too many arguments (at most " + (args.Capacity - 1).ToString() + ")";
                }
            }
        }
    }
}
