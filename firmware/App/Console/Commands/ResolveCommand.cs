using NanoIP.Network;
using NanoIP.Services.Dns;

namespace NanoIP.App.Console.Commands
{
    /// <summary>resolve: looks a name up through the DNS resolver (output as "host" prints it), shows or flushes its cache.</summary>
    public sealed class ResolveCommand : IConsoleCommand
    {
        private readonly DnsResolver _dns;
        private readonly ResolveJob _job;

        public ResolveCommand(DnsResolver dns)
        {
            _dns = dns;
            _job = new ResolveJob(dns);
        }

        public string Name
        {
            get { return "resolve"; }
        }

        public string Summary
        {
            get { return "look up a host name with DNS; show or flush the DNS cache"; }
        }

        public string Usage
        {
            get { return "resolve NAME\r\nresolve -c\r\nresolve -f"; }
        }

        public string Help
        {
            get
            {
                return "  NAME      query the DNS servers for NAME's IPv4 address (A record)\r\n"
                    + "  -c        the servers in use and the cache with each entry's time to live\r\n"
                    + "  -f        flush the cache";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count != 2)
            {
                return ctx.Fail(this, args.Count < 2 ? "missing NAME" : "unexpected argument '" + args[2] + "'");
            }

            string a = args[1];
            if (a == "-c")
            {
                ctx.Write(Cache(ctx.NowMs));
                return null;
            }

            if (a == "-f")
            {
                _dns.FlushCache();
                return null;
            }

            if (a.Length > 1 && a[0] == '-')
            {
                return ctx.Fail(this, "invalid option '" + a + "'");
            }

            return _job.Start(ctx, a) ? _job : null;
        }

        private string Cache(long nowMs)
        {
            string text = "servers:";
            if (_dns.ServerCount == 0)
            {
                text = text + " (none)";
            }

            for (int i = 0; i < _dns.ServerCount; i++)
            {
                text = text + " " + IPv4.ToString(_dns.GetServer(i));
            }

            text = text + "\r\ncache:\r\n";
            for (int i = 0; i < _dns.CacheCapacity; i++)
            {
                uint address;
                long remainingMs;
                string name = _dns.GetCacheEntry(i, nowMs, out address, out remainingMs);
                if (name != null)
                {
                    text = text + "  " + TextFormat.Left(name, 32) + " " + TextFormat.Left(IPv4.ToString(address), 16)
                        + "ttl " + ((remainingMs + 999) / 1000).ToString() + "s\r\n";
                }
            }

            return text;
        }
    }
}
