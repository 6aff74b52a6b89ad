namespace NanoIP.Network
{
    /// <summary>IPv4 header layout (RFC 791 §3.1): offsets from the start of the header.</summary>
    public static class Ipv4Header
    {
        public const int MinLength = 20;
        public const int VersionIhlOffset = 0;
        public const int TosOffset = 1;
        public const int TotalLengthOffset = 2;
        public const int IdentificationOffset = 4;
        public const int FlagsFragmentOffset = 6;
        public const int TtlOffset = 8;
        public const int ProtocolOffset = 9;
        public const int ChecksumOffset = 10;
        public const int SourceOffset = 12;
        public const int DestinationOffset = 16;

        /// <summary>Don't Fragment: we never fragment, so we say so (RFC 791 §3.1, flags bit 1).</summary>
        public const int FlagDontFragment = 0x4000;
        public const int FlagMoreFragments = 0x2000;
        public const int FragmentOffsetMask = 0x1FFF;

        /// <summary>Writes a 20-byte header without options at offset, checksum included.</summary>
        public static void Write(byte[] b, int offset, int totalLength, int identification, byte ttl, byte protocol, uint source, uint destination)
        {
            b[offset + VersionIhlOffset] = 0x45;
            b[offset + TosOffset] = 0;
            NetOrder.WriteUInt16(b, offset + TotalLengthOffset, totalLength);
            NetOrder.WriteUInt16(b, offset + IdentificationOffset, identification);
            NetOrder.WriteUInt16(b, offset + FlagsFragmentOffset, FlagDontFragment);
            b[offset + TtlOffset] = ttl;
            b[offset + ProtocolOffset] = protocol;
            b[offset + ChecksumOffset] = 0;
            b[offset + ChecksumOffset + 1] = 0;
            NetOrder.WriteUInt32(b, offset + SourceOffset, source);
            NetOrder.WriteUInt32(b, offset + DestinationOffset, destination);
            NetOrder.WriteUInt16(b, offset + ChecksumOffset, InternetChecksum.Compute(b, offset, MinLength));
        }

        public static int HeaderLength(byte[] b, int offset)
        {
            return (b[offset] & 0x0F) * 4;
        }
    }
}
