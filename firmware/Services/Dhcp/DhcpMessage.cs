namespace NanoIP.Services.Dhcp
{
    /// <summary>
    /// DHCP message layout (RFC 2131 §2, figure 1), option codes (RFC 2132) and the option
    /// writer the client builds its messages with. Offsets are from the start of the UDP payload.
    /// </summary>
    public static class DhcpMessage
    {
        public const int ServerPort = 67;
        public const int ClientPort = 68;

        public const int OpOffset = 0;
        public const int HTypeOffset = 1;
        public const int HLenOffset = 2;
        public const int HopsOffset = 3;
        public const int XidOffset = 4;
        public const int SecsOffset = 8;
        public const int FlagsOffset = 10;
        public const int CiaddrOffset = 12;
        public const int YiaddrOffset = 16;
        public const int SiaddrOffset = 20;
        public const int GiaddrOffset = 24;
        public const int ChaddrOffset = 28;
        public const int ChaddrLength = 16;
        public const int SnameOffset = 44;
        public const int SnameLength = 64;
        public const int FileOffset = 108;
        public const int FileLength = 128;
        public const int CookieOffset = 236;
        public const int OptionsOffset = 240;

        /// <summary>RFC 1542 §2.1: relay agents may drop BOOTP messages shorter than 300 octets.</summary>
        public const int MinLength = 300;
        /// <summary>A DHCP message within the 576-byte datagram every host takes (RFC 2131 §2): 576 − 20 − 8.</summary>
        public const int MaxLength = 548;

        public const uint MagicCookie = 0x63825363;
        public const int BootRequest = 1;
        public const int BootReply = 2;
        public const int HTypeEthernet = 1;
        /// <summary>RFC 2131 §2 figure 2: the server broadcasts its reply (we cannot take unicast before we have an address).</summary>
        public const int FlagBroadcast = 0x8000;

        // Message types (option 53).
        public const int Discover = 1;
        public const int Offer = 2;
        public const int Request = 3;
        public const int Decline = 4;
        public const int Ack = 5;
        public const int Nak = 6;
        public const int Release = 7;

        // Options (RFC 2132).
        public const int OptionPad = 0;
        public const int OptionSubnetMask = 1;
        public const int OptionRouter = 3;
        public const int OptionDnsServer = 6;
        public const int OptionHostName = 12;
        public const int OptionRequestedAddress = 50;
        public const int OptionLeaseTime = 51;
        public const int OptionOverload = 52;
        public const int OptionMessageType = 53;
        public const int OptionServerId = 54;
        public const int OptionParameterList = 55;
        public const int OptionMaxMessageSize = 57;
        public const int OptionRenewalTime = 58;
        public const int OptionRebindingTime = 59;
        public const int OptionClientId = 61;
        public const int OptionEnd = 255;

        /// <summary>Writes a one-byte option; returns the offset after it.</summary>
        public static int WriteByteOption(byte[] b, int offset, int code, int value)
        {
            b[offset] = (byte)code;
            b[offset + 1] = 1;
            b[offset + 2] = (byte)value;
            return offset + 3;
        }

        public static int WriteUInt16Option(byte[] b, int offset, int code, int value)
        {
            b[offset] = (byte)code;
            b[offset + 1] = 2;
            NetOrder.WriteUInt16(b, offset + 2, value);
            return offset + 4;
        }

        public static int WriteAddressOption(byte[] b, int offset, int code, uint address)
        {
            b[offset] = (byte)code;
            b[offset + 1] = 4;
            NetOrder.WriteUInt32(b, offset + 2, address);
            return offset + 6;
        }
    }
}
