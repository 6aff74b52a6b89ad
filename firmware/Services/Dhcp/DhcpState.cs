namespace NanoIP.Services.Dhcp
{
    /// <summary>The client states of RFC 2131 §4.4 (figure 5), plus Stopped and lwIP's Checking.</summary>
    public enum DhcpState
    {
        /// <summary>Disabled: the client does not touch the interface.</summary>
        Stopped = 0,
        /// <summary>No lease; a DISCOVER goes out when the (start or decline) wait ends.</summary>
        Init = 1,
        /// <summary>DISCOVER sent, waiting for an OFFER.</summary>
        Selecting = 2,
        /// <summary>REQUEST for an offered address sent, waiting for ACK or NAK.</summary>
        Requesting = 3,
        /// <summary>ACK received; ARP probes check the address is free (RFC 2131 §4.4.1, RFC 5227 §2.1).</summary>
        Checking = 4,
        /// <summary>Lease held and configured; renewal at T1.</summary>
        Bound = 5,
        /// <summary>Past T1: REQUEST unicast to the leasing server.</summary>
        Renewing = 6,
        /// <summary>Past T2: REQUEST broadcast to any server.</summary>
        Rebinding = 7,
        /// <summary>INIT-REBOOT: REQUEST broadcast to confirm a known address (start-up with one, or link back up).</summary>
        Rebooting = 8
    }
}
