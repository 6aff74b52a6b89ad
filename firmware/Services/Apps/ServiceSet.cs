namespace NanoIP.Services.Apps
{
    /// <summary>The TCP services a ServiceHost can run, as bits to combine with | (no [Flags]: not in the device API).</summary>
    public enum ServiceSet
    {
        None = 0,
        /// <summary>RFC 862, TCP 7: bytes back as they come.</summary>
        Echo = 1,
        /// <summary>RFC 863, TCP 9 (and 5001 for iperf2 clients): bytes read and dropped.</summary>
        Discard = 2,
        /// <summary>RFC 864, TCP 19: rotating 72-character lines for as long as the client reads.</summary>
        Chargen = 4,
        /// <summary>HTTP/1.1 (RFC 9110, 9112), TCP 80: GET / status page, GET /stats counters.</summary>
        Http = 8,
        All = 15
    }
}
