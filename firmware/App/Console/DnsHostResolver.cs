using NanoIP.Services.Dns;

namespace NanoIP.App.Console
{
    /// <summary>The console's IHostResolver over the DNS stub resolver: a lookup is one of its query slots.</summary>
    public sealed class DnsHostResolver : IHostResolver
    {
        private readonly DnsResolver _dns;

        public DnsHostResolver(DnsResolver dns)
        {
            _dns = dns;
        }

        public DnsResolver Dns
        {
            get { return _dns; }
        }

        public int Begin(string name, long nowMs)
        {
            int slot = _dns.Resolve(name, nowMs);
            return slot < 0 ? -1 : slot;
        }

        public ResolveStatus GetStatus(int handle, out uint address)
        {
            DnsStatus s = _dns.GetStatus(handle);
            address = s == DnsStatus.Resolved ? _dns.GetAddress(handle) : 0;
            return s == DnsStatus.Pending ? ResolveStatus.Pending : s == DnsStatus.Resolved ? ResolveStatus.Resolved : ResolveStatus.Failed;
        }

        public string FailureText(int handle)
        {
            return GlibcText(_dns.GetStatus(handle), _dns.GetError(handle));
        }

        public void End(int handle)
        {
            _dns.Release(handle);
        }

        /// <summary>What getaddrinfo's gai_strerror says for the outcome (EAI_NONAME, EAI_NODATA, EAI_AGAIN, EAI_FAIL).</summary>
        public static string GlibcText(DnsStatus status, DnsError error)
        {
            if (status == DnsStatus.NotFound)
            {
                return error == DnsError.NoData ? "No address associated with hostname" : "Name or service not known";
            }

            if (status == DnsStatus.Error && (error == DnsError.Failure || error == DnsError.ChainTooLong || error == DnsError.Truncated))
            {
                return "Non-recoverable failure in name resolution";
            }

            return "Temporary failure in name resolution";
        }
    }
}
