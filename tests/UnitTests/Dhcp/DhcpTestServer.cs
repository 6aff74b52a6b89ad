using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dhcp
{
    /// <summary>One client message as the scripted server saw it on the wire.</summary>
    public sealed class DhcpSeen
    {
        public long TimeMs;
        public int Type;
        public int Op;
        public int HType;
        public int HLen;
        public uint Xid;
        public int Secs;
        public int Flags;
        public uint Ciaddr;
        public bool ChaddrIsClient;
        public bool CookieOk;
        public int Length;
        public uint RequestedAddress;
        public uint ServerId;
        public bool HasClientIdMac;
        public bool HasParameterList;
        public int MaxMessageSize;
        public string HostName;
        public uint IpSource;
        public uint IpDestination;
        public bool EthernetBroadcast;
        public int SourcePort;
        public int DestinationPort;
    }

    /// <summary>
    /// A DHCP server on the virtual wire, scripted by the test (written from RFC 2131 alone,
    /// sharing no code with the client): it offers one address, answers REQUESTs with ACK or
    /// NAK, replies broadcast or unicast as §4.1 says, answers ARP for its own address, and
    /// logs every client message it sees. Switches make it silent, NAK, or misbehave.
    /// </summary>
    public sealed class DhcpTestServer
    {
        private readonly byte[] _mac = new byte[6];
        private readonly byte[] _clientMac = new byte[6];
        private readonly byte[] _frame = new byte[1514];
        private readonly byte[] _payload = new byte[600];
        private readonly byte[] _arp = new byte[60];
        private readonly byte[] _requester = new byte[6];

        public DhcpTestServer(VirtualWire wire, byte[] mac, uint address)
        {
            MacAddress.Copy(mac, 0, _mac, 0);
            Address = address;
            Link = new VirtualLink(mac);
            Link.Arrived = OnArrived;
            wire.Attach(Link);
            for (int i = 0; i < Log.Length; i++)
            {
                Log[i] = new DhcpSeen();
            }
        }

        public readonly VirtualLink Link;
        public uint Address;
        /// <summary>The client's MAC, to check chaddr against.</summary>
        public byte[] ClientMac;

        // What is leased.
        public uint OfferAddress;
        public uint Mask = 0xFFFFFF00;
        public bool SendMask = true;
        public uint Router;
        public uint Dns1;
        public uint Dns2;
        public uint LeaseSeconds = 3600;
        public uint T1Seconds;
        public uint T2Seconds;
        public bool SendLease = true;
        /// <summary>Server id option in replies (default: Address).</summary>
        public uint ServerIdOption;

        // Behaviour switches.
        public bool AnswerDiscover = true;
        public bool AnswerRequest = true;
        /// <summary>Answer REQUESTs that carry ciaddr (RENEWING/REBINDING).</summary>
        public bool AnswerRenew = true;
        /// <summary>The next N REQUESTs get a NAK.</summary>
        public int NaksToSend;
        /// <summary>The next N OFFERs carry a wrong xid.</summary>
        public int WrongXidOffers;

        public int Offers;
        public int Acks;
        public int Naks;

        public readonly DhcpSeen[] Log = new DhcpSeen[128];
        public int Count;

        public byte[] Mac
        {
            get { return _mac; }
        }

        /// <summary>The i-th logged message of a type (0-based), null when there is none.</summary>
        public DhcpSeen Find(int type, int index)
        {
            int n = 0;
            for (int i = 0; i < Count && i < Log.Length; i++)
            {
                if (Log[i].Type == type)
                {
                    if (n == index)
                    {
                        return Log[i];
                    }

                    n++;
                }
            }

            return null;
        }

        public int CountOf(int type)
        {
            int n = 0;
            for (int i = 0; i < Count && i < Log.Length; i++)
            {
                if (Log[i].Type == type)
                {
                    n++;
                }
            }

            return n;
        }

        public DhcpSeen Last
        {
            get { return Count == 0 ? null : Log[(Count - 1) % Log.Length]; }
        }

        // ---- building replies (also used by tests to craft bad ones) -----------------

        /// <summary>
        /// A BOOTREPLY of messageType for xid and chaddr into b (UDP payload); options as the
        /// switches say. Returns the payload length.
        /// </summary>
        public int BuildReply(byte[] b, int messageType, uint xid, byte[] chaddr, uint yiaddr, int flags)
        {
            System.Array.Clear(b, 0, b.Length);
            b[0] = 2;
            b[1] = 1;
            b[2] = 6;
            NetOrder.WriteUInt32(b, 4, xid);
            NetOrder.WriteUInt16(b, 10, flags);
            NetOrder.WriteUInt32(b, 16, yiaddr);
            NetOrder.WriteUInt32(b, 20, Address);
            MacAddress.Copy(chaddr, 0, b, 28);
            NetOrder.WriteUInt32(b, 236, 0x63825363);
            int o = 240;
            b[o++] = 53;
            b[o++] = 1;
            b[o++] = (byte)messageType;
            o = Addr(b, o, 54, ServerIdOption != 0 ? ServerIdOption : Address);
            if (messageType != 6)
            {
                if (SendLease)
                {
                    o = Addr(b, o, 51, LeaseSeconds);
                }

                if (T1Seconds != 0)
                {
                    o = Addr(b, o, 58, T1Seconds);
                }

                if (T2Seconds != 0)
                {
                    o = Addr(b, o, 59, T2Seconds);
                }

                if (SendMask)
                {
                    o = Addr(b, o, 1, Mask);
                }

                if (Router != 0)
                {
                    o = Addr(b, o, 3, Router);
                }

                if (Dns1 != 0)
                {
                    b[o++] = 6;
                    b[o++] = (byte)(Dns2 != 0 ? 8 : 4);
                    NetOrder.WriteUInt32(b, o, Dns1);
                    o += 4;
                    if (Dns2 != 0)
                    {
                        NetOrder.WriteUInt32(b, o, Dns2);
                        o += 4;
                    }
                }
            }

            b[o++] = 255;
            return o < 300 ? 300 : o;
        }

        private static int Addr(byte[] b, int o, int code, uint value)
        {
            b[o] = (byte)code;
            b[o + 1] = 4;
            NetOrder.WriteUInt32(b, o + 2, value);
            return o + 6;
        }

        /// <summary>Sends payload[0..length) from port 67 to 255.255.255.255:68 (link broadcast).</summary>
        public void SendBroadcast(byte[] payload, int length)
        {
            int n = Packets.Udp(_frame, Packets.BroadcastMac, _mac, Address, 0xFFFFFFFF, 67, 68, payload, 0, length);
            Link.Transmit(_frame, 0, n);
        }

        /// <summary>Sends payload unicast to address at MAC mac, port 68.</summary>
        public void SendUnicast(byte[] payload, int length, byte[] mac, uint address)
        {
            int n = Packets.Udp(_frame, mac, _mac, Address, address, 67, 68, payload, 0, length);
            Link.Transmit(_frame, 0, n);
        }

        // ---- the server --------------------------------------------------------------

        private bool OnArrived(byte[] frame, int length, long nowMs)
        {
            if (length >= 42 && Packets.IsArp(frame, 1))
            {
                if (Packets.ArpTargetIp(frame) != Address || Address == 0)
                {
                    return false;
                }

                MacAddress.Copy(frame, 22, _requester, 0);
                int a = Packets.Arp(_arp, _requester, _mac, 2, _mac, Address, _requester, Packets.ArpSenderIp(frame));
                Link.Transmit(_arp, 0, a);
                return true;
            }

            if (length < 42 || !Packets.IsIpv4(frame, 17) || Packets.UdpDestinationPort(frame) != 67)
            {
                return false;
            }

            int p = Packets.TransportOffset(frame) + 8;
            int len = Packets.UdpLength(frame) - 8;
            DhcpSeen s = Log[Count % Log.Length];
            Count++;
            Record(s, frame, p, len, nowMs);
            if (!s.CookieOk || s.Op != 1)
            {
                return true;
            }

            MacAddress.Copy(frame, p + 28, _clientMac, 0);
            if (s.Type == 1 && AnswerDiscover)
            {
                uint xid = s.Xid;
                if (WrongXidOffers > 0)
                {
                    WrongXidOffers--;
                    xid++;
                }

                int n = BuildReply(_payload, 2, xid, _clientMac, OfferAddress, s.Flags);
                Offers++;
                Reply(n, s);
            }
            else if (s.Type == 3 && AnswerRequest)
            {
                if (s.ServerId != 0 && s.ServerId != Address)
                {
                    return true;
                }

                if (s.Ciaddr != 0 && !AnswerRenew)
                {
                    return true;
                }

                uint yiaddr = s.Ciaddr != 0 ? s.Ciaddr : s.RequestedAddress;
                int type = 5;
                if (NaksToSend > 0)
                {
                    NaksToSend--;
                    type = 6;
                    yiaddr = 0;
                }

                int n = BuildReply(_payload, type, s.Xid, _clientMac, yiaddr, s.Flags);
                if (type == 5)
                {
                    Acks++;
                }
                else
                {
                    Naks++;
                }

                Reply(n, s);
            }

            return true;
        }

        /// <summary>RFC 2131 §4.1: to ciaddr when set; broadcast when the flag asks (and always for NAK); else unicast to yiaddr.</summary>
        private void Reply(int n, DhcpSeen s)
        {
            int type = _payload[242];
            if (s.Ciaddr != 0 && type != 6)
            {
                SendUnicast(_payload, n, _clientMac, s.Ciaddr);
            }
            else if ((s.Flags & 0x8000) != 0 || type == 6)
            {
                SendBroadcast(_payload, n);
            }
            else
            {
                SendUnicast(_payload, n, _clientMac, NetOrder.ReadUInt32(_payload, 16));
            }
        }

        private void Record(DhcpSeen s, byte[] f, int p, int len, long nowMs)
        {
            s.TimeMs = nowMs;
            s.Length = len;
            s.IpSource = Packets.IpSource(f);
            s.IpDestination = Packets.IpDestination(f);
            s.EthernetBroadcast = Packets.DestinationIs(f, Packets.BroadcastMac);
            s.SourcePort = Packets.UdpSourcePort(f);
            s.DestinationPort = Packets.UdpDestinationPort(f);
            s.Type = 0;
            s.RequestedAddress = 0;
            s.ServerId = 0;
            s.HasClientIdMac = false;
            s.HasParameterList = false;
            s.MaxMessageSize = 0;
            s.HostName = null;
            s.CookieOk = len >= 240 && NetOrder.ReadUInt32(f, p + 236) == 0x63825363;
            if (len < 240)
            {
                return;
            }

            s.Op = f[p];
            s.HType = f[p + 1];
            s.HLen = f[p + 2];
            s.Xid = NetOrder.ReadUInt32(f, p + 4);
            s.Secs = NetOrder.ReadUInt16(f, p + 8);
            s.Flags = NetOrder.ReadUInt16(f, p + 10);
            s.Ciaddr = NetOrder.ReadUInt32(f, p + 12);
            s.ChaddrIsClient = ClientMac != null && MacAddress.AreEqual(f, p + 28, ClientMac, 0);
            int i = p + 240;
            int end = p + len;
            while (i < end && f[i] != 255)
            {
                if (f[i] == 0)
                {
                    i++;
                    continue;
                }

                int code = f[i];
                int l = f[i + 1];
                int v = i + 2;
                if (code == 53)
                {
                    s.Type = f[v];
                }
                else if (code == 50 && l == 4)
                {
                    s.RequestedAddress = NetOrder.ReadUInt32(f, v);
                }
                else if (code == 54 && l == 4)
                {
                    s.ServerId = NetOrder.ReadUInt32(f, v);
                }
                else if (code == 61 && l == 7 && f[v] == 1)
                {
                    s.HasClientIdMac = MacAddress.AreEqual(f, v + 1, f, p + 28);
                }
                else if (code == 55)
                {
                    s.HasParameterList = l >= 3;
                }
                else if (code == 57 && l == 2)
                {
                    s.MaxMessageSize = NetOrder.ReadUInt16(f, v);
                }
                else if (code == 12)
                {
                    char[] c = new char[l];
                    for (int k = 0; k < l; k++)
                    {
                        c[k] = (char)f[v + k];
                    }

                    s.HostName = new string(c);
                }

                i = v + l;
            }
        }
    }
}
