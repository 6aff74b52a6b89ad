namespace NanoIP
{
    /// <summary>Ethernet II counters: every received frame ends in exactly one of the drop fields or is dispatched.</summary>
    public sealed class EthernetCounters
    {
        public long FramesIn;
        public long BytesIn;
        public long FramesOut;
        public long BytesOut;
        /// <summary>Shorter than the 14-byte header.</summary>
        public long TooShort;
        /// <summary>Not our MAC, or broadcast/multicast while not enabled.</summary>
        public long NotForUs;
        /// <summary>Source MAC is a group address (never valid, IEEE 802 §8.2).</summary>
        public long BadSource;
        /// <summary>EtherType other than IPv4 and ARP (including 802.3 length fields and VLAN tags).</summary>
        public long UnknownEthertype;
        /// <summary>The device refused a frame (link down, transmitter busy).</summary>
        public long TransmitFailed;
        /// <summary>Exceptions caught around frame processing: must stay 0 (a bug if not).</summary>
        public long ProcessingFaults;
    }
}
