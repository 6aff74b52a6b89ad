using NanoIP.Drivers;

namespace NanoIP.App.Console
{
    /// <summary>
    /// What commands work with: the stack, the clock reading of this Poll, the output, the
    /// command registry (for help), and the optional board and service hooks. Hooks are
    /// plain properties the firmware sets after building the shell (null: not available).
    /// </summary>
    public sealed class ConsoleContext
    {
        private readonly ConsoleShell _shell;
        private readonly ConsoleOutput _out;
        private readonly NetStack _stack;

        internal ConsoleContext(ConsoleShell shell, ConsoleOutput output, NetStack stack)
        {
            _shell = shell;
            _out = output;
            _stack = stack;
        }

        public NetStack Stack
        {
            get { return _stack; }
        }

        /// <summary>The Ethernet controller under the stack (an Enc28j60Driver on the boards).</summary>
        public ILinkDevice Device
        {
            get { return _stack.Device; }
        }

        public ConsoleShell Shell
        {
            get { return _shell; }
        }

        /// <summary>The time passed to the current Poll.</summary>
        public long NowMs;

        /// <summary>Board restart ("reboot"); null: the command says it is not supported.</summary>
        public IRebootable Rebootable;

        /// <summary>Free heap for "mem"; null: reported as unknown.</summary>
        public IHeapInfo Heap;

        /// <summary>Name lookups for "ping HOST" and "resolve"; null until a DNS client is plugged in.</summary>
        public IHostResolver Resolver;

        /// <summary>The socket layer for "tcp" and "udp" (they use non-blocking sockets); null: those commands say so.</summary>
        public NanoIP.Sockets.NetworkContext Network;

        public void Write(string text)
        {
            _out.Write(text);
        }

        public void WriteLine(string text)
        {
            _out.Write(text + "\r\n");
        }

        /// <summary>A wrong argument: "cmd: message" and the usage, nothing changed. Returns null (no job) for "return ctx.Fail(...)".</summary>
        public IConsoleJob Fail(IConsoleCommand command, string message)
        {
            WriteLine(command.Name + ": " + message);
            WriteLine(ConsoleShell.UsageText(command));
            return null;
        }

        /// <summary>A port argument, 1..65535; false after printing the failure (with usage).</summary>
        public bool TryPort(IConsoleCommand command, string text, out int port)
        {
            if (ConsoleParse.TryInt(text, 1, 65535, out port))
            {
                return true;
            }

            Fail(command, "invalid port '" + text + "' (1..65535)");
            return false;
        }

        /// <summary>
        /// The "listen PORT" sub-command tcp and udp share: the port, or -1 after printing why not
        /// (argument count, port range, no socket layer on this firmware).
        /// </summary>
        public int ListenPort(IConsoleCommand command, CommandArgs args)
        {
            if (args.Count != 3)
            {
                Fail(command, args.Count < 3 ? "listen needs PORT" : "unexpected argument '" + args[3] + "'");
                return -1;
            }

            int port;
            if (!TryPort(command, args[2], out port))
            {
                return -1;
            }

            if (Network == null)
            {
                Error(command, "no socket layer on this firmware");
                return -1;
            }

            return port;
        }

        /// <summary>An error that is not the user's syntax (no such entry, stack refused): one line, no usage.</summary>
        public IConsoleJob Error(IConsoleCommand command, string message)
        {
            WriteLine(command.Name + ": " + message);
            return null;
        }
    }
}
