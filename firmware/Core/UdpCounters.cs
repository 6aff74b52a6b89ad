namespace NanoIP
{
    /// <summary>UDP (RFC 768) counters.</summary>
    public sealed class UdpCounters
    {
        public long DatagramsIn;
        public long DatagramsOut;
        /// <summary>No endpoint bound to the destination port (answered with port unreachable unless broadcast).</summary>
        public long NoPort;
        public long BadChecksum;
        /// <summary>Shorter than 8 bytes, length field inconsistent, destination port 0.</summary>
        public long Malformed;
        /// <summary>The endpoint's receive ring had no room: datagram dropped.</summary>
        public long QueueFull;
        /// <summary>ICMP errors about our datagrams recorded on an endpoint.</summary>
        public long IcmpErrors;
        /// <summary>Sends that IPv4 refused (no route, unreachable, no buffer, link down).</summary>
        public long SendFailed;
    }
}
