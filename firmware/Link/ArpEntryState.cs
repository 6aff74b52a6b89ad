namespace NanoIP.Link
{
    /// <summary>State of an ARP cache entry (roughly the RFC 4861 neighbour states, for ARP).</summary>
    public enum ArpEntryState
    {
        Free = 0,
        /// <summary>Request sent, no answer yet; may hold one parked packet.</summary>
        Incomplete = 1,
        /// <summary>MAC known and fresh.</summary>
        Reachable = 2,
        /// <summary>Lifetime ran out while in use: MAC still used, unicast requests ask again (RFC 1122 §2.3.2.1).</summary>
        Probe = 3,
        /// <summary>No answer after every retry: sends fail with HostUnreachable until the hold ends.</summary>
        Failed = 4,
        /// <summary>Entered by hand (console "arp add"); never aged, never overwritten by received ARP.</summary>
        Static = 5
    }
}
