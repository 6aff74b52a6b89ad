namespace NanoIP.Services.Dhcp
{
    /// <summary>What changed about the lease (DhcpClient.LeaseChanged).</summary>
    public enum DhcpEvent
    {
        /// <summary>A new address was configured on the interface.</summary>
        Bound = 0,
        /// <summary>The lease was extended (renew, rebind or reboot); the address is unchanged.</summary>
        Renewed = 1,
        /// <summary>The lease expired, was refused (NAK) or the client was stopped: the interface is unconfigured.</summary>
        Lost = 2,
        /// <summary>The lease was given back (DHCPRELEASE) and the interface unconfigured.</summary>
        Released = 3,
        /// <summary>Another host answered the ARP probe: DHCPDECLINE sent, a new DISCOVER follows after NetConfig.DhcpDeclineWaitMs.</summary>
        Declined = 4
    }
}
