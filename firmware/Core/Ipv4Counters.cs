namespace NanoIP
{
    /// <summary>IPv4 (RFC 791/1122) counters. Every received packet is delivered or counted in one drop field.</summary>
    public sealed class Ipv4Counters
    {
        public long PacketsIn;
        public long Delivered;
        /// <summary>Shorter than 20 bytes, version not 4, or IHL &lt; 5 / beyond the frame.</summary>
        public long HeaderErrors;
        /// <summary>Total length smaller than the header or larger than the frame.</summary>
        public long BadLength;
        public long BadChecksum;
        /// <summary>MF set or fragment offset non-zero: no reassembly, dropped.</summary>
        public long Fragments;
        /// <summary>Destination not ours, not broadcast; or unicast IP inside a link broadcast (RFC 1122 §3.3.6).</summary>
        public long NotForUs;
        /// <summary>Source is broadcast, multicast, or our own address (RFC 1122 §3.2.1.3).</summary>
        public long BadSource;
        /// <summary>No transport registered for the protocol.</summary>
        public long NoProtocol;
        /// <summary>Packets with options (skipped, not interpreted).</summary>
        public long OptionsSkipped;

        public long PacketsOut;
        /// <summary>Send with no route: unconfigured, off-subnet without gateway, bad destination.</summary>
        public long NoRoute;
        /// <summary>Send refused: bad length, pending slot taken, link refused.</summary>
        public long OutDiscards;
        /// <summary>Parked packets whose next hop never answered ARP (reported to their transport).</summary>
        public long HostUnreachable;
        /// <summary>ICMP errors about our datagrams handed to a transport.</summary>
        public long IcmpErrorsDelivered;
        /// <summary>ICMP errors quoting something we did not send, or for an unknown protocol.</summary>
        public long IcmpErrorsIgnored;
    }
}
