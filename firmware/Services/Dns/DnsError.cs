namespace NanoIP.Services.Dns
{
    /// <summary>Why a query ended as NotFound or Error (DnsResolver.GetError).</summary>
    public enum DnsError
    {
        None = 0,
        /// <summary>RCODE 3, NXDOMAIN: the name does not exist (RFC 1035 §4.1.1).</summary>
        NameError = 1,
        /// <summary>The name exists but has no A record (RFC 2308 §2.2 NODATA).</summary>
        NoData = 2,
        /// <summary>RCODE 2 SERVFAIL or 5 REFUSED from every server tried.</summary>
        ServerFailure = 3,
        /// <summary>RCODE 1 FORMERR, 4 NOTIMP or another code.</summary>
        Failure = 4,
        /// <summary>TC set without an address in what arrived (no TCP fallback here).</summary>
        Truncated = 5,
        /// <summary>CNAME chain longer than the resolver follows, or looping.</summary>
        ChainTooLong = 6,
        /// <summary>No DNS server is configured (none set, none from DHCP).</summary>
        NoServer = 7,
        /// <summary>The query could not be sent: no address or route (NetworkUnreachable, NetworkDown).</summary>
        NoRoute = 8,
        /// <summary>No UDP socket was free for the resolver.</summary>
        NoSocket = 9
    }
}
