using NanoIP.Network;
using NanoIP.Services.Dns;

namespace NanoIP.App.Console.Commands
{
    /// <summary>One "resolve NAME": a query slot watched until it ends; prints "NAME has address A" or why not.</summary>
    public sealed class ResolveJob : IConsoleJob
    {
        private readonly DnsResolver _dns;
        private int _slot = -1;
        private string _name;

        public ResolveJob(DnsResolver dns)
        {
            _dns = dns;
        }

        public long NextDueMs
        {
            get { return NetTime.Never; }
        }

        /// <summary>Starts the query; false (with the reason printed) when it cannot start.</summary>
        public bool Start(ConsoleContext ctx, string name)
        {
            int slot = _dns.Resolve(name, ctx.NowMs);
            if (slot == DnsResolver.InvalidName)
            {
                ctx.WriteLine("resolve: " + name + ": not a valid host name");
                return false;
            }

            if (slot < 0)
            {
                ctx.WriteLine("resolve: every query slot is busy");
                return false;
            }

            _slot = slot;
            _name = name;
            // Dotted quads and cached names are answered at once.
            return !Step(ctx);
        }

        public bool Step(ConsoleContext ctx)
        {
            DnsStatus s = _dns.GetStatus(_slot);
            if (s == DnsStatus.Pending)
            {
                return false;
            }

            if (s == DnsStatus.Resolved)
            {
                ctx.WriteLine(_name + " has address " + IPv4.ToString(_dns.GetAddress(_slot)));
            }
            else
            {
                DnsError e = _dns.GetError(_slot);
                ctx.WriteLine("resolve: " + _name + ": " + (e == DnsError.None ? DnsResolver.StatusName(s) : DnsResolver.ErrorName(e)));
            }

            End();
            return true;
        }

        public void Cancel(ConsoleContext ctx)
        {
            End();
        }

        private void End()
        {
            if (_slot >= 0)
            {
                _dns.Release(_slot);
                _slot = -1;
            }
        }
    }
}
