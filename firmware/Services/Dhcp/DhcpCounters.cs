namespace NanoIP.Services.Dhcp
{
    /// <summary>DHCP client counters: what went out, what came in, and every reason a message was dropped.</summary>
    public sealed class DhcpCounters
    {
        public long DiscoversOut;
        public long RequestsOut;
        public long DeclinesOut;
        public long ReleasesOut;
        /// <summary>Messages sent again because no answer came (part of the counts above).</summary>
        public long Retransmissions;
        /// <summary>UDP refused a send (no route, link down, no buffer).</summary>
        public long SendFailed;

        public long OffersIn;
        public long AcksIn;
        public long NaksIn;

        /// <summary>Shorter than the fixed BOOTP header plus magic cookie.</summary>
        public long Truncated;
        /// <summary>Longer than the client's receive buffer (cut by UDP).</summary>
        public long Oversized;
        /// <summary>Not a BOOTREPLY for Ethernet (op, htype, hlen).</summary>
        public long BadHeader;
        /// <summary>Magic cookie (RFC 2131 §3) missing or wrong.</summary>
        public long BadCookie;
        /// <summary>An option running past its area, a wrong option length, or no message type (RFC 2132).</summary>
        public long BadOptions;
        /// <summary>Well formed but for another client (xid or chaddr differs) or not from port 67.</summary>
        public long NotOurs;
        /// <summary>Ours, but not expected in the current state (a second OFFER, a stray ACK).</summary>
        public long Unexpected;
        /// <summary>OFFER or ACK carrying an address, mask or lease the client cannot use.</summary>
        public long Rejected;

        public long LeasesObtained;
        public long Renewals;
        public long LeasesLost;
        /// <summary>ARP probes that found the leased address in use (each followed by a DECLINE).</summary>
        public long Conflicts;
        /// <summary>Exceptions thrown by a LeaseChanged handler (caught so the client keeps running).</summary>
        public long HandlerFaults;
    }
}
