namespace NanoIP.Services.Dns
{
    /// <summary>Resolver counters: queries, answers, and every reason a response was dropped.</summary>
    public sealed class DnsCounters
    {
        public long QueriesOut;
        /// <summary>Queries sent again after a timeout or a server failure (part of QueriesOut).</summary>
        public long Retransmissions;
        public long SendFailed;
        public long ResponsesIn;
        /// <summary>No pending query has the response's id (late, duplicate or forged).</summary>
        public long UnknownId;
        /// <summary>Not from port 53 of a server the query was sent to.</summary>
        public long WrongSource;
        /// <summary>The echoed question is not ours (RFC 5452 §9.1).</summary>
        public long QuestionMismatch;
        /// <summary>Truncated header, bad names or pointers, records running past the end, not a response.</summary>
        public long Malformed;
        /// <summary>Longer than 512 bytes (RFC 1035 §4.2.1 UDP limit; cut by UDP).</summary>
        public long Oversized;
        public long NameErrors;
        public long NoData;
        public long ServerFailures;
        public long Truncated;
        public long Resolved;
        public long TimedOut;
        public long CacheHits;
    }
}
