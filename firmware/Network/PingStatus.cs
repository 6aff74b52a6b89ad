namespace NanoIP.Network
{
    /// <summary>Where one echo request of the ping client stands.</summary>
    public enum PingStatus
    {
        /// <summary>Unknown sequence (never sent, released, or its slot was reused).</summary>
        None = 0,
        /// <summary>Sent (or parked while ARP resolves), no answer yet.</summary>
        Waiting = 1,
        /// <summary>The echo reply came back intact.</summary>
        Replied = 2,
        /// <summary>No reply within the timeout.</summary>
        TimedOut = 3,
        /// <summary>An ICMP error came back instead (or ARP found no next hop).</summary>
        Unreachable = 4
    }
}
