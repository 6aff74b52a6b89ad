namespace NanoIP.Services.Dns
{
    /// <summary>DNS message layout and codes (RFC 1035 §4.1) for A queries over UDP.</summary>
    public static class DnsMessage
    {
        public const int Port = 53;
        /// <summary>RFC 1035 §4.2.1: UDP messages carry at most 512 bytes (we send no EDNS).</summary>
        public const int MaxUdpLength = 512;
        public const int HeaderLength = 12;

        public const int IdOffset = 0;
        public const int FlagsOffset = 2;
        public const int QdCountOffset = 4;
        public const int AnCountOffset = 6;
        public const int NsCountOffset = 8;
        public const int ArCountOffset = 10;

        public const int FlagQr = 0x8000;
        public const int OpcodeMask = 0x7800;
        public const int FlagAa = 0x0400;
        public const int FlagTc = 0x0200;
        public const int FlagRd = 0x0100;
        public const int FlagRa = 0x0080;
        public const int RcodeMask = 0x000F;

        public const int RcodeNoError = 0;
        public const int RcodeFormatError = 1;
        public const int RcodeServerFailure = 2;
        public const int RcodeNameError = 3;
        public const int RcodeNotImplemented = 4;
        public const int RcodeRefused = 5;

        public const int TypeA = 1;
        public const int TypeCname = 5;
        public const int ClassIn = 1;
    }
}
