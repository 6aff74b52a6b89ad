using NanoIP.Services.Apps;

namespace NanoIP.App
{
    /// <summary>Start-up choices beyond NetConfig: the static address, and how socket calls wait.</summary>
    public sealed class FirmwareOptions
    {
        /// <summary>Static IPv4 address (host byte order, e.g. IPv4.Parse("192.168.1.50")); 0 = none (unconfigured until DHCP or the console sets one).</summary>
        public uint Address;
        /// <summary>Subnet prefix length for Address (24 = 255.255.255.0).</summary>
        public int PrefixLength = 24;
        /// <summary>Default gateway, 0 = none (off-subnet destinations are then NetworkUnreachable).</summary>
        public uint Gateway;
        /// <summary>
        /// False (default): a network thread runs Run, application threads block on events
        /// (ThreadedSocketWaiter). True: one thread does everything and a blocking socket
        /// call polls the network itself (PumpingSocketWaiter over the firmware's own Poll),
        /// as the virtual board does on virtual time.
        /// </summary>
        public bool SingleThreaded;

        /// <summary>Ask a DHCP server for the address (RFC 2131); with a static Address as well, the static one is used until a lease arrives.</summary>
        public bool Dhcp;

        /// <summary>Run the serial console on the board's console port.</summary>
        public bool Console = true;

        /// <summary>
        /// TCP services (echo, discard, chargen, HTTP status page) run on the network thread:
        /// Services.Enabled start at boot, Services.Available wait for the console's "service
        /// enable". Null (the default): none, so a device exposes no port unless its image or
        /// the user asks. The board adds ServiceOptions.TcpSocketsNeeded to NetConfig.TcpSockets
        /// so the services' control blocks never come out of the application's.
        /// </summary>
        public ServiceOptions Services;
    }
}
