namespace NanoIP.Services.Dhcp
{
    /// <summary>
    /// What the client needs from a received DHCP message, parsed defensively: the fixed header
    /// is checked, every option must fit its area with the length its type requires, option
    /// overload (52) extends the search into file and sname (RFC 2132 §9.3). The first instance
    /// of an option wins. One instance is reused for every message (no allocation).
    /// </summary>
    internal sealed class DhcpReply
    {
        internal const int Ok = 0;
        internal const int Truncated = 1;
        internal const int BadHeader = 2;
        internal const int BadCookie = 3;
        internal const int BadOptions = 4;

        internal uint Xid;
        internal uint Yiaddr;
        internal int MessageType;
        internal uint ServerId;
        internal bool HasMask;
        internal uint Mask;
        internal uint Router;
        internal int DnsCount;
        internal uint Dns1;
        internal uint Dns2;
        internal bool HasLease;
        internal uint LeaseSeconds;
        internal bool HasT1;
        internal uint T1Seconds;
        internal bool HasT2;
        internal uint T2Seconds;
        private int _overload;

        // Bit per option code already seen (codes 0..63 matter to us).
        private ulong _seen;

        internal int Parse(byte[] b, int length)
        {
            Xid = 0;
            Yiaddr = 0;
            MessageType = 0;
            ServerId = 0;
            HasMask = false;
            Mask = 0;
            Router = 0;
            DnsCount = 0;
            Dns1 = 0;
            Dns2 = 0;
            HasLease = false;
            LeaseSeconds = 0;
            HasT1 = false;
            T1Seconds = 0;
            HasT2 = false;
            T2Seconds = 0;
            _overload = 0;
            _seen = 0;

            if (length < DhcpMessage.OptionsOffset || length > b.Length)
            {
                return Truncated;
            }

            if (b[DhcpMessage.OpOffset] != DhcpMessage.BootReply || b[DhcpMessage.HTypeOffset] != DhcpMessage.HTypeEthernet
                || b[DhcpMessage.HLenOffset] != MacAddress.Length)
            {
                return BadHeader;
            }

            if (NetOrder.ReadUInt32(b, DhcpMessage.CookieOffset) != DhcpMessage.MagicCookie)
            {
                return BadCookie;
            }

            Xid = NetOrder.ReadUInt32(b, DhcpMessage.XidOffset);
            Yiaddr = NetOrder.ReadUInt32(b, DhcpMessage.YiaddrOffset);
            if (!ParseArea(b, DhcpMessage.OptionsOffset, length, true))
            {
                return BadOptions;
            }

            // RFC 2132 §9.3: 1 = file holds options, 2 = sname, 3 = both (file first).
            if ((_overload & 1) != 0 && !ParseArea(b, DhcpMessage.FileOffset, DhcpMessage.FileOffset + DhcpMessage.FileLength, false))
            {
                return BadOptions;
            }

            if ((_overload & 2) != 0 && !ParseArea(b, DhcpMessage.SnameOffset, DhcpMessage.SnameOffset + DhcpMessage.SnameLength, false))
            {
                return BadOptions;
            }

            // Without a message type it is plain BOOTP, not for a DHCP client.
            return MessageType == 0 ? BadOptions : Ok;
        }

        /// <summary>Options in b[start..end): false on an overrun or a bad length. A missing End option is tolerated.</summary>
        private bool ParseArea(byte[] b, int start, int end, bool main)
        {
            int i = start;
            while (i < end)
            {
                int code = b[i];
                if (code == DhcpMessage.OptionPad)
                {
                    i++;
                    continue;
                }

                if (code == DhcpMessage.OptionEnd)
                {
                    return true;
                }

                if (i + 1 >= end)
                {
                    return false;
                }

                int len = b[i + 1];
                int v = i + 2;
                if (v + len > end)
                {
                    return false;
                }

                if (!Take(b, code, v, len, main))
                {
                    return false;
                }

                i = v + len;
            }

            return true;
        }

        private bool Take(byte[] b, int code, int v, int len, bool main)
        {
            if (code >= 64)
            {
                return true;
            }

            ulong bit = 1UL << code;
            if ((_seen & bit) != 0)
            {
                return true;
            }

            _seen |= bit;
            switch (code)
            {
                case DhcpMessage.OptionMessageType:
                    if (len != 1 || b[v] == 0)
                    {
                        return false;
                    }

                    MessageType = b[v];
                    return true;
                case DhcpMessage.OptionOverload:
                    if (len != 1 || b[v] > 3)
                    {
                        return false;
                    }

                    // Only the main area may say where more options are (no recursion).
                    if (main)
                    {
                        _overload = b[v];
                    }

                    return true;
                case DhcpMessage.OptionServerId:
                    if (len != 4)
                    {
                        return false;
                    }

                    ServerId = NetOrder.ReadUInt32(b, v);
                    return true;
                case DhcpMessage.OptionSubnetMask:
                    if (len != 4)
                    {
                        return false;
                    }

                    HasMask = true;
                    Mask = NetOrder.ReadUInt32(b, v);
                    return true;
                case DhcpMessage.OptionRouter:
                    if (len < 4 || (len & 3) != 0)
                    {
                        return false;
                    }

                    Router = NetOrder.ReadUInt32(b, v);
                    return true;
                case DhcpMessage.OptionDnsServer:
                    if (len < 4 || (len & 3) != 0)
                    {
                        return false;
                    }

                    // Keep up to two, skipping 0.0.0.0 and broadcast.
                    for (int j = 0; j < len && DnsCount < 2; j += 4)
                    {
                        uint a = NetOrder.ReadUInt32(b, v + j);
                        if (a == 0 || a == 0xFFFFFFFF)
                        {
                            continue;
                        }

                        if (DnsCount == 0)
                        {
                            Dns1 = a;
                        }
                        else
                        {
                            Dns2 = a;
                        }

                        DnsCount++;
                    }

                    return true;
                case DhcpMessage.OptionLeaseTime:
                    if (len != 4)
                    {
                        return false;
                    }

                    HasLease = true;
                    LeaseSeconds = NetOrder.ReadUInt32(b, v);
                    return true;
                case DhcpMessage.OptionRenewalTime:
                    if (len != 4)
                    {
                        return false;
                    }

                    HasT1 = true;
                    T1Seconds = NetOrder.ReadUInt32(b, v);
                    return true;
                case DhcpMessage.OptionRebindingTime:
                    if (len != 4)
                    {
                        return false;
                    }

                    HasT2 = true;
                    T2Seconds = NetOrder.ReadUInt32(b, v);
                    return true;
                default:
                    return true;
            }
        }
    }
}
