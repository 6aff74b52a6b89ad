namespace NanoIP.UnitTests.Harness
{
    /// <summary>
    /// Builds and reads raw Ethernet/ARP/IPv4/ICMP/UDP frames by hand, independently of the
    /// stack's own code paths (only NetOrder and the checksum primitive are shared), so tests
    /// can send exact frames and check exact replies. Builders write at b[0] and return the
    /// frame length.
    /// </summary>
    public static class Packets
    {
        public const int EthernetHeader = 14;
        public const int IpOffset = 14;
        public const int TypeIpv4 = 0x0800;
        public const int TypeArp = 0x0806;

        public static readonly byte[] BroadcastMac = new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
        public static readonly byte[] ZeroMac = new byte[6];

        // ---- builders ----------------------------------------------------------------

        public static int Ethernet(byte[] b, byte[] destination, byte[] source, int etherType)
        {
            for (int i = 0; i < 6; i++)
            {
                b[i] = destination[i];
                b[6 + i] = source[i];
            }

            NetOrder.WriteUInt16(b, 12, etherType);
            return EthernetHeader;
        }

        public static int Arp(byte[] b, byte[] ethDestination, byte[] ethSource, int operation, byte[] senderMac, uint senderIp, byte[] targetMac, uint targetIp)
        {
            Ethernet(b, ethDestination, ethSource, TypeArp);
            NetOrder.WriteUInt16(b, 14, 1);
            NetOrder.WriteUInt16(b, 16, TypeIpv4);
            b[18] = 6;
            b[19] = 4;
            NetOrder.WriteUInt16(b, 20, operation);
            for (int i = 0; i < 6; i++)
            {
                b[22 + i] = senderMac[i];
                b[32 + i] = targetMac[i];
            }

            NetOrder.WriteUInt32(b, 28, senderIp);
            NetOrder.WriteUInt32(b, 38, targetIp);
            return 42;
        }

        /// <summary>
        /// Writes Ethernet + IPv4 header (with optionBytes of NOP options) in front of a payload of
        /// payloadLength already at TransportOffset; returns the frame length.
        /// </summary>
        public static int Ipv4(byte[] b, byte[] ethDestination, byte[] ethSource, uint source, uint destination, byte protocol, int payloadLength,
            int identification = 1, int ttl = 64, int flagsFragment = 0x4000, int optionBytes = 0)
        {
            Ethernet(b, ethDestination, ethSource, TypeIpv4);
            int ihl = 20 + optionBytes;
            b[14] = (byte)(0x40 | (ihl / 4));
            b[15] = 0;
            NetOrder.WriteUInt16(b, 16, ihl + payloadLength);
            NetOrder.WriteUInt16(b, 18, identification);
            NetOrder.WriteUInt16(b, 20, flagsFragment);
            b[22] = (byte)ttl;
            b[23] = protocol;
            b[24] = 0;
            b[25] = 0;
            NetOrder.WriteUInt32(b, 26, source);
            NetOrder.WriteUInt32(b, 30, destination);
            for (int i = 0; i < optionBytes; i++)
            {
                b[34 + i] = 1; // NOP
            }

            NetOrder.WriteUInt16(b, 24, InternetChecksum.Compute(b, 14, ihl));
            return 14 + ihl + payloadLength;
        }

        /// <summary>Re-computes the IPv4 header checksum of a frame (after a test edited the header).</summary>
        public static void FixIpChecksum(byte[] b)
        {
            int ihl = (b[14] & 0xF) * 4;
            b[24] = 0;
            b[25] = 0;
            NetOrder.WriteUInt16(b, 24, InternetChecksum.Compute(b, 14, ihl));
        }

        public static int Udp(byte[] b, byte[] ethDestination, byte[] ethSource, uint source, uint destination, int sourcePort, int destinationPort,
            byte[] payload, int offset, int length, bool checksum = true, int optionBytes = 0)
        {
            int u = 34 + optionBytes;
            NetOrder.WriteUInt16(b, u, sourcePort);
            NetOrder.WriteUInt16(b, u + 2, destinationPort);
            NetOrder.WriteUInt16(b, u + 4, 8 + length);
            b[u + 6] = 0;
            b[u + 7] = 0;
            if (length > 0)
            {
                System.Array.Copy(payload, offset, b, u + 8, length);
            }

            if (checksum)
            {
                uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, 17, 8 + length);
                ushort c = InternetChecksum.Finish(InternetChecksum.Add(sum, b, u, 8 + length));
                NetOrder.WriteUInt16(b, u + 6, c == 0 ? 0xFFFF : c);
            }

            return Ipv4(b, ethDestination, ethSource, source, destination, 17, 8 + length, 1, 64, 0x4000, optionBytes);
        }

        /// <summary>An ICMP echo (type 8 request or 0 reply) with size data bytes (i + patternStart).</summary>
        public static int IcmpEcho(byte[] b, byte[] ethDestination, byte[] ethSource, uint source, uint destination, int type, int identifier, int sequence, int size, int patternStart = 0)
        {
            b[34] = (byte)type;
            b[35] = 0;
            b[36] = 0;
            b[37] = 0;
            NetOrder.WriteUInt16(b, 38, identifier);
            NetOrder.WriteUInt16(b, 40, sequence);
            for (int i = 0; i < size; i++)
            {
                b[42 + i] = (byte)(i + patternStart);
            }

            NetOrder.WriteUInt16(b, 36, InternetChecksum.Compute(b, 34, 8 + size));
            return Ipv4(b, ethDestination, ethSource, source, destination, 1, 8 + size);
        }

        /// <summary>An ICMP error (type, code) quoting quotedLength bytes of an IPv4 datagram.</summary>
        public static int IcmpError(byte[] b, byte[] ethDestination, byte[] ethSource, uint source, uint destination, int type, int code, byte[] quoted, int quotedOffset, int quotedLength)
        {
            b[34] = (byte)type;
            b[35] = (byte)code;
            for (int i = 36; i < 42; i++)
            {
                b[i] = 0;
            }

            System.Array.Copy(quoted, quotedOffset, b, 42, quotedLength);
            NetOrder.WriteUInt16(b, 36, InternetChecksum.Compute(b, 34, 8 + quotedLength));
            return Ipv4(b, ethDestination, ethSource, source, destination, 1, 8 + quotedLength);
        }

        // ---- readers -----------------------------------------------------------------

        public static int EtherType(byte[] b)
        {
            return NetOrder.ReadUInt16(b, 12);
        }

        public static bool MacAt(byte[] b, int offset, byte[] mac)
        {
            return MacAddress.AreEqual(b, offset, mac, 0);
        }

        public static bool DestinationIs(byte[] b, byte[] mac)
        {
            return MacAt(b, 0, mac);
        }

        public static bool SourceIs(byte[] b, byte[] mac)
        {
            return MacAt(b, 6, mac);
        }

        public static int ArpOperation(byte[] b)
        {
            return NetOrder.ReadUInt16(b, 20);
        }

        public static uint ArpSenderIp(byte[] b)
        {
            return NetOrder.ReadUInt32(b, 28);
        }

        public static uint ArpTargetIp(byte[] b)
        {
            return NetOrder.ReadUInt32(b, 38);
        }

        public static bool IsArp(byte[] b, int operation)
        {
            return EtherType(b) == TypeArp && ArpOperation(b) == operation;
        }

        public static bool IsIpv4(byte[] b, int protocol)
        {
            return EtherType(b) == TypeIpv4 && b[23] == protocol;
        }

        public static int IpHeaderLength(byte[] b)
        {
            return (b[14] & 0xF) * 4;
        }

        public static int IpTotalLength(byte[] b)
        {
            return NetOrder.ReadUInt16(b, 16);
        }

        public static int IpIdentification(byte[] b)
        {
            return NetOrder.ReadUInt16(b, 18);
        }

        public static int IpFlagsFragment(byte[] b)
        {
            return NetOrder.ReadUInt16(b, 20);
        }

        public static int IpTtl(byte[] b)
        {
            return b[22];
        }

        public static int IpProtocolOf(byte[] b)
        {
            return b[23];
        }

        public static uint IpSource(byte[] b)
        {
            return NetOrder.ReadUInt32(b, 26);
        }

        public static uint IpDestination(byte[] b)
        {
            return NetOrder.ReadUInt32(b, 30);
        }

        public static bool IpChecksumOk(byte[] b)
        {
            return InternetChecksum.Compute(b, 14, IpHeaderLength(b)) == 0;
        }

        /// <summary>Where the transport header starts in the frame.</summary>
        public static int TransportOffset(byte[] b)
        {
            return 14 + IpHeaderLength(b);
        }

        public static int TransportLength(byte[] b)
        {
            return IpTotalLength(b) - IpHeaderLength(b);
        }

        public static int UdpSourcePort(byte[] b)
        {
            return NetOrder.ReadUInt16(b, TransportOffset(b));
        }

        public static int UdpDestinationPort(byte[] b)
        {
            return NetOrder.ReadUInt16(b, TransportOffset(b) + 2);
        }

        public static int UdpLength(byte[] b)
        {
            return NetOrder.ReadUInt16(b, TransportOffset(b) + 4);
        }

        public static int UdpChecksumField(byte[] b)
        {
            return NetOrder.ReadUInt16(b, TransportOffset(b) + 6);
        }

        /// <summary>UDP checksum verifies (with the pseudo-header) or is absent.</summary>
        public static bool UdpChecksumOk(byte[] b)
        {
            if (UdpChecksumField(b) == 0)
            {
                return true;
            }

            int len = UdpLength(b);
            uint sum = InternetChecksum.AddPseudoHeader(0, IpSource(b), IpDestination(b), 17, len);
            return InternetChecksum.Finish(InternetChecksum.Add(sum, b, TransportOffset(b), len)) == 0;
        }

        public static int IcmpType(byte[] b)
        {
            return b[TransportOffset(b)];
        }

        public static int IcmpCode(byte[] b)
        {
            return b[TransportOffset(b) + 1];
        }

        public static bool IcmpChecksumOk(byte[] b)
        {
            return InternetChecksum.Compute(b, TransportOffset(b), TransportLength(b)) == 0;
        }

        public static int IcmpSequence(byte[] b)
        {
            return NetOrder.ReadUInt16(b, TransportOffset(b) + 6);
        }

        public static int IcmpIdentifier(byte[] b)
        {
            return NetOrder.ReadUInt16(b, TransportOffset(b) + 4);
        }
    }
}
