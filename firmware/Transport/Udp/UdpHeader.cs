namespace NanoIP.Transport.Udp
{
    /// <summary>UDP header layout (RFC 768).</summary>
    public static class UdpHeader
    {
        public const int Length = 8;
        public const int SourcePortOffset = 0;
        public const int DestinationPortOffset = 2;
        public const int LengthOffset = 4;
        public const int ChecksumOffset = 6;
    }
}
