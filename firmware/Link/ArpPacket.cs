namespace NanoIP.Link
{
    /// <summary>ARP packet layout for Ethernet/IPv4 (RFC 826): offsets from the start of the ARP payload.</summary>
    public static class ArpPacket
    {
        public const int Length = 28;
        public const int HardwareTypeOffset = 0;
        public const int ProtocolTypeOffset = 2;
        public const int HardwareLengthOffset = 4;
        public const int ProtocolLengthOffset = 5;
        public const int OperationOffset = 6;
        public const int SenderMacOffset = 8;
        public const int SenderIpOffset = 14;
        public const int TargetMacOffset = 18;
        public const int TargetIpOffset = 24;

        public const int HardwareEthernet = 1;
        public const int OperationRequest = 1;
        public const int OperationReply = 2;

        /// <summary>Writes an ARP packet at offset (the Ethernet header is written by EthernetLayer).</summary>
        public static void Write(byte[] b, int offset, int operation, byte[] senderMac, int senderMacOffset, uint senderIp, byte[] targetMac, int targetMacOffset, uint targetIp)
        {
            NetOrder.WriteUInt16(b, offset + HardwareTypeOffset, HardwareEthernet);
            NetOrder.WriteUInt16(b, offset + ProtocolTypeOffset, EthernetFrame.TypeIpv4);
            b[offset + HardwareLengthOffset] = 6;
            b[offset + ProtocolLengthOffset] = 4;
            NetOrder.WriteUInt16(b, offset + OperationOffset, operation);
            MacAddress.Copy(senderMac, senderMacOffset, b, offset + SenderMacOffset);
            NetOrder.WriteUInt32(b, offset + SenderIpOffset, senderIp);
            MacAddress.Copy(targetMac, targetMacOffset, b, offset + TargetMacOffset);
            NetOrder.WriteUInt32(b, offset + TargetIpOffset, targetIp);
        }
    }
}
