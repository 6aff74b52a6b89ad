namespace NanoIP.Network
{
    /// <summary>ICMP message types, codes and layout (RFC 792).</summary>
    public static class IcmpMessage
    {
        public const int HeaderLength = 8;
        public const int TypeOffset = 0;
        public const int CodeOffset = 1;
        public const int ChecksumOffset = 2;
        /// <summary>Echo identifier and sequence number (RFC 792 "Echo or Echo Reply Message").</summary>
        public const int IdentifierOffset = 4;
        public const int SequenceOffset = 6;

        public const int TypeEchoReply = 0;
        public const int TypeDestinationUnreachable = 3;
        public const int TypeEchoRequest = 8;
        public const int TypeTimeExceeded = 11;
        public const int TypeParameterProblem = 12;

        public const int CodeNetUnreachable = 0;
        public const int CodeHostUnreachable = 1;
        public const int CodeProtocolUnreachable = 2;
        public const int CodePortUnreachable = 3;
        public const int CodeFragmentationNeeded = 4;

        /// <summary>Most of the offending datagram an error quotes: the error stays within 576 bytes (RFC 1812 §4.3.2.3).</summary>
        public const int MaxQuote = 576 - 20 - HeaderLength;
    }
}
