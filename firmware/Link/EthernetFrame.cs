namespace NanoIP.Link
{
    /// <summary>Ethernet II frame layout (IEEE 802.3 §3.1.1 with an EtherType): dst 6, src 6, type 2; no FCS here.</summary>
    public static class EthernetFrame
    {
        public const int HeaderLength = 14;
        public const int DestinationOffset = 0;
        public const int SourceOffset = 6;
        public const int TypeOffset = 12;

        public const int TypeIpv4 = 0x0800;
        public const int TypeArp = 0x0806;
    }
}
