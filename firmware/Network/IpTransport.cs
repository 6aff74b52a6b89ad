namespace NanoIP.Network
{
    /// <summary>IP protocol numbers (IANA).</summary>
    public static class IpProtocol
    {
        public const byte Icmp = 1;
        public const byte Tcp = 6;
        public const byte Udp = 17;
    }

    /// <summary>What happened to a datagram handed to IPv4 for sending.</summary>
    public enum IpSendResult
    {
        /// <summary>Handed to the link device.</summary>
        Sent,
        /// <summary>Parked in the ARP pending slot while the next hop is resolved.</summary>
        Pending,
        /// <summary>The next hop did not answer ARP within its retries.</summary>
        HostUnreachable,
        /// <summary>No route: no address configured, or off-subnet without a gateway.</summary>
        NetworkUnreachable,
        /// <summary>The link is down or the device refused the frame.</summary>
        LinkDown,
        /// <summary>The pending slot for that next hop is taken; try again later.</summary>
        NoBuffer
    }

    /// <summary>
    /// Transport layers (UDP, TCP) send through this. The caller writes its segment into
    /// <see cref="TxBuffer"/> at <see cref="TransportOffset"/>, then calls Send: IPv4 writes
    /// its header in front, ARP/Ethernet write theirs, and the frame goes to the device.
    /// Nothing is copied on the way unless ARP has to park the frame.
    /// </summary>
    public interface IIpSender
    {
        /// <summary>A frame-sized scratch buffer owned by the network layer.</summary>
        byte[] TxBuffer { get; }

        /// <summary>Where the transport header starts in TxBuffer (Ethernet 14 + IPv4 20 = 34).</summary>
        int TransportOffset { get; }

        /// <summary>Largest transport segment (MTU − 20).</summary>
        int MaxTransportLength { get; }

        /// <summary>The interface address (0 while unconfigured), host byte order.</summary>
        uint LocalAddress { get; }

        /// <summary>Sends transportLength bytes at TransportOffset to dst (host byte order).</summary>
        IpSendResult Send(uint destination, byte protocol, int transportLength, long nowMs);

        /// <summary>Whether dst can be reached now (route known and, if needed, ARP resolved or resolvable).</summary>
        IpSendResult RouteStatus(uint destination, long nowMs);
    }

    /// <summary>A transport protocol as IPv4 sees it on receive.</summary>
    public interface IIpReceiver
    {
        /// <summary>
        /// A datagram for this protocol arrived; the transport header starts at offset.
        /// Addresses are host byte order. Returns false when no endpoint wanted it
        /// (IPv4 then answers a UDP datagram with ICMP port unreachable).
        /// </summary>
        bool Receive(uint source, uint destination, bool broadcast, byte[] buffer, int offset, int length, long nowMs);

        /// <summary>
        /// An ICMP destination-unreachable (type 3) or time-exceeded (type 11) quoting one of
        /// our datagrams: quoted holds the original IPv4 header and at least 8 bytes after it.
        /// </summary>
        void IcmpError(int type, int code, uint quotedDestination, byte[] quoted, int transportOffset, int available, long nowMs);

        /// <summary>Fires due timers and sends what is ready. Returns the next time it needs a call, or long.MaxValue.</summary>
        long Poll(long nowMs);
    }
}
