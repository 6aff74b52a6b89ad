namespace NanoIP
{
    /// <summary>ARP (RFC 826) counters.</summary>
    public sealed class ArpCounters
    {
        public long RequestsIn;
        public long RepliesIn;
        public long RequestsOut;
        public long RepliesOut;
        /// <summary>Announcements (sender = target = our address, RFC 5227 §2.3) sent.</summary>
        public long GratuitousOut;
        /// <summary>Too short, wrong hardware/protocol type or lengths, unknown opcode, bogus sender MAC.</summary>
        public long Malformed;
        /// <summary>Valid ARP neither for our address nor about a cached host: ignored.</summary>
        public long Ignored;
        /// <summary>Another MAC claimed our address (RFC 5227 §2.4).</summary>
        public long Conflicts;
        /// <summary>Announcements sent to defend our address after a conflict.</summary>
        public long Defends;
        /// <summary>Entries created or updated from received ARP.</summary>
        public long Learned;
        /// <summary>Resolutions that ran out of retries (next hop unreachable).</summary>
        public long ResolveFailures;
        /// <summary>Resolved entries that aged out.</summary>
        public long Expired;
        /// <summary>Packets parked while resolving, then sent on resolution.</summary>
        public long ParkedSent;
        /// <summary>Parked packets dropped (resolution failed, flush).</summary>
        public long ParkedDropped;
        /// <summary>Sends refused because the next hop's pending slot was taken or no buffer was free.</summary>
        public long PendingRefused;
        /// <summary>Sends refused because every cache entry was busy resolving or static.</summary>
        public long CacheFull;
    }
}
