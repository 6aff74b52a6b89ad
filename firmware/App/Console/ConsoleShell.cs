using System;
using NanoIP.App.Console.Commands;

namespace NanoIP.App.Console
{
    /// <summary>
    /// The serial console: a line editor over an IConsolePort, a registry of commands, and at
    /// most one running job (a long command such as ping). Poll-driven from the network
    /// thread: each Poll reads what input waits, runs at most one complete line, steps the
    /// running job, and returns; it never blocks. An idle Poll (no input, no job) allocates
    /// nothing. Commands and job steps run holding SyncRoot, the lock the socket layer holds
    /// while it polls the stack, so commands may call the stack directly.
    /// </summary>
    public sealed class ConsoleShell : ILogSink
    {
        public const string Prompt = "nanoip> ";
        /// <summary>Longest command line; further characters ring the bell.</summary>
        public const int MaxLineLength = 96;
        public const int HistoryDepth = 8;
        public const int MaxCommands = 32;
        /// <summary>Words per line, the command name included.</summary>
        public const int MaxWords = 16;

        private const byte CtrlC = 0x03;

        private readonly IConsolePort _port;
        private readonly ConsoleOutput _out;
        private readonly LineEditor _editor;
        private readonly ConsoleContext _ctx;
        private readonly CommandArgs _args = new CommandArgs(MaxWords);
        private readonly char[] _scratch = new char[MaxLineLength];
        private readonly IConsoleCommand[] _commands = new IConsoleCommand[MaxCommands];
        private readonly byte[] _input = new byte[32];
        private readonly object _sync;
        private int _inputHead;
        private int _inputCount;
        private int _commandCount;
        private IConsoleJob _job;
        private string _jobName;
        private bool _prompted;
        private bool _polling;
        /// <summary>The prompt and the line being typed are what the terminal shows last (log lines redraw them).</summary>
        private bool _atPrompt;

        /// <summary>A console over port for stack, with its own lock (single-threaded use).</summary>
        public ConsoleShell(IConsolePort port, NetStack stack)
            : this(port, stack, null)
        {
        }

        /// <param name="syncRoot">The lock that guards the stack (NetworkContext.SyncRoot); null: a private one.</param>
        public ConsoleShell(IConsolePort port, NetStack stack, object syncRoot)
        {
            if (port == null || stack == null)
            {
                throw new ArgumentNullException(port == null ? "port" : "stack");
            }

            _port = port;
            _sync = syncRoot != null ? syncRoot : new object();
            _out = new ConsoleOutput(port, 256);
            _editor = new LineEditor(_out, MaxLineLength, HistoryDepth);
            _ctx = new ConsoleContext(this, _out, stack);
            BuiltinCommands.RegisterAll(this);
        }

        public ConsoleContext Context
        {
            get { return _ctx; }
        }

        public object SyncRoot
        {
            get { return _sync; }
        }

        public LineEditor Editor
        {
            get { return _editor; }
        }

        /// <summary>True while a job (ping) runs; input other than Ctrl-C is discarded meanwhile.</summary>
        public bool JobRunning
        {
            get { return _job != null; }
        }

        /// <summary>When Poll next has work besides input: the running job's next deadline, else NetTime.Never.</summary>
        public long NextDueMs
        {
            get { return _job == null ? NetTime.Never : _job.NextDueMs; }
        }

        /// <summary>
        /// Bytes the console allocated at start-up: array payloads (line, draft, history, scratch,
        /// output and input buffers, registry, ping's request table) plus a rough 32 bytes per
        /// object; the tcp/udp commands' receive buffers come on first use.
        /// </summary>
        public int FootprintBytes
        {
            get
            {
                int chars = MaxLineLength * (3 + HistoryDepth) + 256;
                int payload = chars * 2 + HistoryDepth * 4 + _input.Length + MaxCommands * 4 + MaxWords * 4 + 16 * 9;
                int objects = 20 + HistoryDepth + 2 * _commandCount;
                return payload + objects * 32;
            }
        }

        // ---- registry ------------------------------------------------------------------

        /// <summary>Adds command, or replaces the one with its name. False when the registry is full.</summary>
        public bool Register(IConsoleCommand command)
        {
            if (command == null)
            {
                return false;
            }

            for (int i = 0; i < _commandCount; i++)
            {
                if (_commands[i].Name == command.Name)
                {
                    _commands[i] = command;
                    return true;
                }
            }

            if (_commandCount == _commands.Length)
            {
                return false;
            }

            _commands[_commandCount++] = command;
            return true;
        }

        public int CommandCount
        {
            get { return _commandCount; }
        }

        public IConsoleCommand GetCommand(int index)
        {
            return index >= 0 && index < _commandCount ? _commands[index] : null;
        }

        public IConsoleCommand Find(string name)
        {
            for (int i = 0; i < _commandCount; i++)
            {
                if (_commands[i].Name == name)
                {
                    return _commands[i];
                }
            }

            return null;
        }

        // ---- the loop ------------------------------------------------------------------

        /// <summary>
        /// One turn: shows the prompt the first time, then either steps the running job
        /// (watching the input only for Ctrl-C) or feeds waiting input to the line editor
        /// until one line completes and runs it. Bytes after that line wait for the next Poll.
        /// </summary>
        public void Poll(long nowMs)
        {
            if (_polling)
            {
                // Re-entered from inside a command (a blocking socket call pumping the firmware): nothing to do.
                return;
            }

            _polling = true;
            try
            {
                PollOnce(nowMs);
            }
            finally
            {
                _polling = false;
            }
        }

        private void PollOnce(long nowMs)
        {
            _ctx.NowMs = nowMs;
            if (!_prompted)
            {
                _prompted = true;
                _out.Write(Prompt);
                _atPrompt = true;
            }

            if (_job != null)
            {
                PollJob();
                return;
            }

            while (true)
            {
                if (_inputCount == 0 && !Fill())
                {
                    break;
                }

                byte b = _input[_inputHead++];
                _inputCount--;
                int r = _editor.Feed(b);
                if (r == LineEditor.LineReady)
                {
                    _atPrompt = false;
                    _out.Flush();
                    RunLine(_editor.Line, _editor.Length);
                    _editor.Clear();
                    break;
                }

                if (r == LineEditor.Cancelled)
                {
                    _out.Append(Prompt);
                }
            }

            _out.Flush();
        }

        /// <summary>Runs text as if it had been typed and ended with Enter (start-up scripts, tests); no echo, no history.</summary>
        public void Execute(string text, long nowMs)
        {
            _ctx.NowMs = nowMs;
            char[] line = text.ToCharArray();
            _prompted = true;
            _atPrompt = false;
            if (_job != null)
            {
                _out.Write("console: busy (a command is running)\r\n");
                return;
            }

            RunLine(line, line.Length > MaxLineLength ? MaxLineLength : line.Length);
        }

        private bool Fill()
        {
            int n = _port.Read(_input, 0, _input.Length);
            if (n <= 0)
            {
                return false;
            }

            _inputHead = 0;
            _inputCount = n > _input.Length ? _input.Length : n;
            return true;
        }

        private void PollJob()
        {
            bool cancel = false;
            while (_inputCount > 0 || Fill())
            {
                byte b = _input[_inputHead++];
                _inputCount--;
                if (b == CtrlC)
                {
                    cancel = true;
                    break;
                }
            }

            bool done;
            lock (_sync)
            {
                try
                {
                    if (cancel)
                    {
                        _out.Write("^C\r\n");
                        _job.Cancel(_ctx);
                        done = true;
                    }
                    else
                    {
                        done = _job.Step(_ctx);
                    }
                }
                catch (Exception e)
                {
                    _out.Write(_jobName + ": internal error: " + e.Message + "\r\n");
                    done = true;
                }
            }

            if (done)
            {
                _job = null;
                _jobName = null;
                _out.Write(Prompt);
                _atPrompt = true;
            }
        }

        private void RunLine(char[] line, int length)
        {
            string error = Tokenizer.Split(line, length, _scratch, _args);
            IConsoleJob job = null;
            if (error != null)
            {
                _out.Write("console: " + error + "\r\n");
            }
            else if (_args.Count > 0)
            {
                IConsoleCommand command = Find(_args.Name);
                if (command == null)
                {
                    _out.Write(_args.Name + ": command not found (type 'help' for the list)\r\n");
                }
                else if (_args.Contains("--help"))
                {
                    WriteHelp(command);
                }
                else
                {
                    lock (_sync)
                    {
                        try
                        {
                            job = command.Run(_ctx, _args);
                        }
                        catch (Exception e)
                        {
                            _out.Write(command.Name + ": internal error: " + e.Message + "\r\n");
                            job = null;
                        }
                    }

                    if (job != null)
                    {
                        _job = job;
                        _jobName = command.Name;
                    }
                }
            }

            _args.Clear();
            if (_job == null)
            {
                _out.Write(Prompt);
                _atPrompt = true;
            }
        }

        // ---- help ----------------------------------------------------------------------

        /// <summary>"usage: " and the synopsis; further synopsis lines indented under the first.</summary>
        public static string UsageText(IConsoleCommand command)
        {
            string usage = command.Usage;
            string text = "usage: ";
            int start = 0;
            while (true)
            {
                int end = usage.IndexOf('\n', start);
                string part = end < 0 ? usage.Substring(start) : usage.Substring(start, end - start);
                if (part.Length > 0 && part[part.Length - 1] == '\r')
                {
                    part = part.Substring(0, part.Length - 1);
                }

                text = text + part;
                if (end < 0)
                {
                    return text;
                }

                text = text + "\r\n       ";
                start = end + 1;
            }
        }

        /// <summary>The usage, the summary and the option lines of command.</summary>
        public void WriteHelp(IConsoleCommand command)
        {
            string text = UsageText(command) + "\r\n" + command.Summary + "\r\n";
            string help = command.Help;
            if (help != null && help.Length > 0)
            {
                text = text + help + "\r\n";
            }

            _out.Write(text);
        }

        // ---- log sink ------------------------------------------------------------------

        /// <summary>
        /// Prints a log message on a line of its own, "[seconds] level: message"; when the
        /// user is at the prompt, the prompt and the half-typed line are drawn again below it.
        /// </summary>
        public void Log(LogLevel level, string message)
        {
            long ms = _ctx.NowMs;
            string text = "[" + (ms / 1000).ToString() + "." + TextFormat.Zeros(ms % 1000, 3) + "] " + NanoIP.Log.LevelName(level) + ": " + message + "\r\n";
            if (_atPrompt)
            {
                _out.Write("\r\x1b[K" + text + Prompt + new string(_editor.Line, 0, _editor.Length));
            }
            else
            {
                _out.Write(text);
            }
        }
    }
}
