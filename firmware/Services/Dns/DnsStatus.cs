namespace NanoIP.Services.Dns
{
    /// <summary>Where a resolver query slot stands (DnsResolver.GetStatus).</summary>
    public enum DnsStatus
    {
        /// <summary>Not a slot in use (never taken, or released).</summary>
        Free = 0,
        /// <summary>Waiting for an answer; keep polling.</summary>
        Pending = 1,
        /// <summary>An address is available (GetAddress).</summary>
        Resolved = 2,
        /// <summary>The name does not exist (NXDOMAIN) or has no A record (GetError tells which).</summary>
        NotFound = 3,
        /// <summary>No server answered within the timeouts and retries.</summary>
        TimedOut = 4,
        /// <summary>No usable answer: server failure, refusal, truncation, no server, no route (GetError).</summary>
        Error = 5
    }
}
