using NanoIP.Network;

namespace NanoIP.App.Console.Commands
{
    /// <summary>ping: iputils-style echo requests through the stack's ping client; runs as a job until done or Ctrl-C.</summary>
    public sealed class PingCommand : IConsoleCommand
    {
        public const int DefaultSize = 56;
        public const int DefaultIntervalMs = 1000;

        private readonly PingJob _job = new PingJob();

        public string Name
        {
            get { return "ping"; }
        }

        public string Summary
        {
            get { return "send ICMP echo requests to HOST, print each reply and the statistics"; }
        }

        public string Usage
        {
            get { return "ping HOST [-c COUNT] [-s SIZE] [-i MS] [-W MS]"; }
        }

        public string Help
        {
            get
            {
                return "  HOST      IPv4 address (or a name, once a DNS resolver is plugged in)\r\n"
                    + "  -c COUNT  stop after COUNT requests, 1..65535 (default: until Ctrl-C)\r\n"
                    + "  -s SIZE   data bytes per request, 0..MTU-28 (default 56)\r\n"
                    + "  -i MS     milliseconds between requests, 10..60000 (default 1000)\r\n"
                    + "  -W MS     milliseconds to wait for each reply, 1..60000 (default: the stack's PingTimeoutMs)\r\n"
                    + "Ctrl-C stops and prints the statistics. Replies have no ttl= field: the stack does not\r\n"
                    + "report the received TTL. Times come from the board clock (1 ms resolution).";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            NetStack stack = ctx.Stack;
            int count = 0;
            int size = DefaultSize;
            int interval = DefaultIntervalMs;
            int wait = stack.Ping.TimeoutMs;
            int maxSize = stack.Ipv4.MaxTransportLength - IcmpMessage.HeaderLength;
            string host = null;
            int i = 1;
            while (i < args.Count)
            {
                string value;
                string word = args[i];
                if (args.TakeOption(ref i, "-c", out value))
                {
                    if (!ConsoleParse.TryInt(value, 1, 65535, out count))
                    {
                        return Bad(ctx, "-c", value, "1..65535");
                    }
                }
                else if (args.TakeOption(ref i, "-s", out value))
                {
                    if (!ConsoleParse.TryInt(value, 0, maxSize, out size))
                    {
                        return Bad(ctx, "-s", value, "0.." + maxSize.ToString());
                    }
                }
                else if (args.TakeOption(ref i, "-i", out value))
                {
                    if (!ConsoleParse.TryInt(value, 10, 60000, out interval))
                    {
                        return Bad(ctx, "-i", value, "10..60000");
                    }
                }
                else if (args.TakeOption(ref i, "-W", out value))
                {
                    if (!ConsoleParse.TryInt(value, 1, 60000, out wait))
                    {
                        return Bad(ctx, "-W", value, "1..60000");
                    }
                }
                else if (word.Length > 1 && word[0] == '-')
                {
                    return ctx.Fail(this, "invalid option '" + word + "'");
                }
                else if (host == null)
                {
                    host = word;
                    i++;
                }
                else
                {
                    return ctx.Fail(this, "unexpected argument '" + word + "'");
                }
            }

            if (host == null)
            {
                return ctx.Fail(this, "missing HOST");
            }

            uint address;
            if (ConsoleParse.TryAddress(host, out address))
            {
                return _job.Start(ctx, host, address, count, size, interval, wait);
            }

            if (ctx.Resolver == null)
            {
                return ctx.Fail(this, host + ": not an IPv4 address (names need a DNS resolver)");
            }

            return _job.StartResolving(ctx, host, count, size, interval, wait);
        }

        private IConsoleJob Bad(ConsoleContext ctx, string option, string value, string range)
        {
            return ctx.Fail(this, value == null
                ? "option " + option + " needs a value"
                : "invalid value '" + value + "' for " + option + " (" + range + ")");
        }
    }
}
