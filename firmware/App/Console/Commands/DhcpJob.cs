using NanoIP.Network;
using NanoIP.Services.Dhcp;

namespace NanoIP.App.Console.Commands
{
    /// <summary>"dhcp start/renew": prints each state the client passes through and ends once it is bound.</summary>
    public sealed class DhcpJob : IConsoleJob
    {
        private readonly DhcpClient _dhcp;
        private DhcpState _shown;
        private long _leases;

        public DhcpJob(DhcpClient dhcp)
        {
            _dhcp = dhcp;
        }

        public long NextDueMs
        {
            get { return NetTime.Never; }
        }

        /// <summary>Call right after Start or Renew: the job ends at the next lease obtained or renewed.</summary>
        public IConsoleJob Start(ConsoleContext ctx)
        {
            _shown = DhcpState.Bound;
            _leases = Leases;
            return Step(ctx) ? null : this;
        }

        private long Leases
        {
            get { return _dhcp.Counters.LeasesObtained + _dhcp.Counters.Renewals; }
        }

        public bool Step(ConsoleContext ctx)
        {
            DhcpState s = _dhcp.State;
            if (s != _shown)
            {
                _shown = s;
                if (s == DhcpState.Stopped)
                {
                    ctx.WriteLine("dhcp: stopped");
                    return true;
                }

                if (s != DhcpState.Bound)
                {
                    ctx.WriteLine("dhcp: " + DhcpClient.StateName(s));
                }
            }

            // Bound again with a new or renewed lease (the states between may pass within one poll).
            if (s != DhcpState.Bound || Leases == _leases)
            {
                return false;
            }

            ctx.WriteLine("dhcp: bound " + IPv4.ToString(_dhcp.Address) + "/" + _dhcp.PrefixLength.ToString()
                + " gateway " + InterfaceText.AddressOrNone(_dhcp.Gateway) + ", lease " + _dhcp.LeaseSeconds.ToString() + " s");
            return true;
        }

        public void Cancel(ConsoleContext ctx)
        {
            if (_dhcp.State != DhcpState.Bound && _dhcp.State != DhcpState.Stopped)
            {
                ctx.WriteLine("dhcp: still trying in the background ('dhcp stop' ends it)");
            }
        }
    }
}
