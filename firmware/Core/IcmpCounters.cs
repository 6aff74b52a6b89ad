namespace NanoIP
{
    /// <summary>ICMP (RFC 792) counters.</summary>
    public sealed class IcmpCounters
    {
        public long MessagesIn;
        public long MessagesOut;
        public long TooShort;
        public long BadChecksum;
        public long EchoRequestsIn;
        public long EchoRepliesOut;
        public long EchoRequestsOut;
        public long EchoRepliesIn;
        /// <summary>Echo replies nobody waited for (unknown id or sequence, late) or with a damaged payload.</summary>
        public long EchoRepliesUnmatched;
        /// <summary>Echo requests to a broadcast address, ignored (RFC 1122 §3.2.2.6 allows it; Linux default).</summary>
        public long BroadcastEchoIgnored;
        public long UnreachableIn;
        public long TimeExceededIn;
        public long ParameterProblemIn;
        /// <summary>Destination unreachable (port/protocol) sent.</summary>
        public long UnreachableOut;
        /// <summary>Errors not sent because one was sent less than IcmpErrorIntervalMs ago.</summary>
        public long ErrorsRateLimited;
        /// <summary>Errors never sent: about a broadcast, an invalid source (RFC 1122 §3.2.2).</summary>
        public long ErrorsSuppressed;
        public long UnknownType;
        /// <summary>Echo requests not answered because the reply could not be sent (no route, no buffer).</summary>
        public long ReplyFailed;
    }
}
