using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Dns
{
    /// <summary>Writes a test's own response to a query into response; returns its length (0: stay silent).</summary>
    public delegate int DnsResponder(byte[] query, int queryLength, byte[] response);

    /// <summary>
    /// A DNS server on the virtual wire, scripted by the test (written from RFC 1035 alone,
    /// sharing no code with the resolver): A and CNAME records from a small table, answers
    /// whose owner names point at the question (compression), switches for silence, an
    /// RCODE, a wrong id, and a hook for hand-made responses. Answers ARP for itself.
    /// </summary>
    public sealed class DnsTestServer
    {
        private readonly byte[] _mac = new byte[6];
        private readonly byte[] _requester = new byte[6];
        private readonly byte[] _frame = new byte[1514];
        private readonly byte[] _arp = new byte[60];
        private readonly byte[] _response = new byte[1400];
        private readonly string[] _names = new string[16];
        private readonly string[] _targets = new string[16];
        private readonly uint[] _addresses = new uint[16];
        private readonly uint[] _ttls = new uint[16];
        private int _records;

        public DnsTestServer(VirtualWire wire, byte[] mac, uint address)
        {
            MacAddress.Copy(mac, 0, _mac, 0);
            Address = address;
            Link = new VirtualLink(mac);
            Link.Arrived = OnArrived;
            wire.Attach(Link);
        }

        public readonly VirtualLink Link;
        public uint Address;
        public bool Silent;
        public int Rcode;
        public int IdDelta;
        /// <summary>Sends the answer from this port instead of 53.</summary>
        public int SourcePort = 53;
        public DnsResponder Responder;

        public int Queries;
        public readonly long[] QueryTimes = new long[64];
        public readonly byte[] LastQuery = new byte[512];
        public int LastQueryLength;
        public uint LastQuerySource;
        public int LastQuerySourcePort;
        public int LastQueryDestinationPort;

        public byte[] Mac
        {
            get { return _mac; }
        }

        public void AddA(string name, uint address, uint ttl)
        {
            _names[_records] = name;
            _targets[_records] = null;
            _addresses[_records] = address;
            _ttls[_records] = ttl;
            _records++;
        }

        public void AddCname(string name, string target, uint ttl)
        {
            _names[_records] = name;
            _targets[_records] = target;
            _ttls[_records] = ttl;
            _records++;
        }

        private int Find(string name)
        {
            for (int i = 0; i < _records; i++)
            {
                if (_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>"a.b.c" in wire form (no compression) at b[o]; returns the offset after it.</summary>
        public static int WriteName(byte[] b, int o, string name)
        {
            int start = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i == name.Length || name[i] == '.')
                {
                    int len = i - start;
                    if (len > 0)
                    {
                        b[o++] = (byte)len;
                        for (int k = start; k < i; k++)
                        {
                            b[o++] = (byte)name[k];
                        }
                    }

                    start = i + 1;
                }
            }

            b[o++] = 0;
            return o;
        }

        /// <summary>The question name of a query as lower-case text; the offset after the name in end.</summary>
        public static string QuestionName(byte[] q, int length, out int end)
        {
            char[] c = new char[256];
            int n = 0;
            int i = 12;
            while (i < length && q[i] != 0)
            {
                int len = q[i];
                if (n > 0)
                {
                    c[n++] = '.';
                }

                for (int k = 1; k <= len; k++)
                {
                    char ch = (char)q[i + k];
                    c[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
                }

                i += 1 + len;
            }

            end = i + 1;
            return new string(c, 0, n);
        }

        /// <summary>Header and echoed question of a response to query (ancount 0); returns the offset after the question.</summary>
        public static int Begin(byte[] query, int queryLength, byte[] r, int flags)
        {
            int end;
            QuestionName(query, queryLength, out end);
            end += 4;
            System.Array.Copy(query, 0, r, 0, end);
            NetOrder.WriteUInt16(r, 2, flags);
            NetOrder.WriteUInt16(r, 6, 0);
            NetOrder.WriteUInt16(r, 8, 0);
            NetOrder.WriteUInt16(r, 10, 0);
            return end;
        }

        /// <summary>A resource record header at r[o] for an owner name already written; returns where rdata goes.</summary>
        public static int Record(byte[] r, int o, int type, uint ttl, int rdLength)
        {
            NetOrder.WriteUInt16(r, o, type);
            NetOrder.WriteUInt16(r, o + 2, 1);
            NetOrder.WriteUInt32(r, o + 4, ttl);
            NetOrder.WriteUInt16(r, o + 8, rdLength);
            return o + 10;
        }

        /// <summary>The server's table answer: the chain from the question name, owners compressed against the question.</summary>
        public int Answer(byte[] q, int length, byte[] r)
        {
            int end;
            string name = QuestionName(q, length, out end);
            int o = Begin(q, length, r, 0x8180 | Rcode);
            if (Rcode != 0)
            {
                return o;
            }

            int count = 0;
            string current = name;
            for (int hop = 0; hop < 12; hop++)
            {
                int i = Find(current);
                if (i < 0)
                {
                    break;
                }

                if (current == name)
                {
                    r[o++] = 0xC0;
                    r[o++] = 12;
                }
                else
                {
                    o = WriteName(r, o, current);
                }

                count++;
                if (_targets[i] == null)
                {
                    o = Record(r, o, 1, _ttls[i], 4);
                    NetOrder.WriteUInt32(r, o, _addresses[i]);
                    o += 4;
                    break;
                }

                int rd = Record(r, o, 5, _ttls[i], 0);
                int after = WriteName(r, rd, _targets[i]);
                NetOrder.WriteUInt16(r, rd - 2, after - rd);
                o = after;
                current = _targets[i];
            }

            NetOrder.WriteUInt16(r, 6, count);
            return o;
        }

        private bool OnArrived(byte[] frame, int length, long nowMs)
        {
            if (length >= 42 && Packets.IsArp(frame, 1))
            {
                if (Packets.ArpTargetIp(frame) != Address)
                {
                    return false;
                }

                MacAddress.Copy(frame, 22, _requester, 0);
                int a = Packets.Arp(_arp, _requester, _mac, 2, _mac, Address, _requester, Packets.ArpSenderIp(frame));
                Link.Transmit(_arp, 0, a);
                return true;
            }

            if (length < 42 || !Packets.IsIpv4(frame, 17) || Packets.IpDestination(frame) != Address)
            {
                return false;
            }

            int p = Packets.TransportOffset(frame);
            int len = Packets.UdpLength(frame) - 8;
            if (Queries < QueryTimes.Length)
            {
                QueryTimes[Queries] = nowMs;
            }

            Queries++;
            LastQueryLength = len < LastQuery.Length ? len : LastQuery.Length;
            System.Array.Copy(frame, p + 8, LastQuery, 0, LastQueryLength);
            LastQuerySource = Packets.IpSource(frame);
            LastQueryDestinationPort = Packets.UdpDestinationPort(frame);
            LastQuerySourcePort = Packets.UdpSourcePort(frame);
            if (Silent || LastQueryDestinationPort != 53)
            {
                return true;
            }

            int n = Responder != null ? Responder(LastQuery, LastQueryLength, _response) : Answer(LastQuery, LastQueryLength, _response);
            if (n <= 0)
            {
                return true;
            }

            if (IdDelta != 0)
            {
                NetOrder.WriteUInt16(_response, 0, (NetOrder.ReadUInt16(_response, 0) + IdDelta) & 0xFFFF);
            }

            Send(frame, _response, n);
            return true;
        }

        /// <summary>Sends payload back to the sender of query frame.</summary>
        private void Send(byte[] query, byte[] payload, int n)
        {
            MacAddress.Copy(query, 6, _requester, 0);
            int f = Packets.Udp(_frame, _requester, _mac, Address, Packets.IpSource(query), SourcePort, Packets.UdpSourcePort(query), payload, 0, n);
            Link.Transmit(_frame, 0, f);
        }

        /// <summary>Sends payload from this server's port 53 to toIp:toPort at toMac (a forged or unsolicited answer).</summary>
        public void SendRaw(byte[] toMac, uint toIp, int toPort, byte[] payload, int n)
        {
            int f = Packets.Udp(_frame, toMac, _mac, Address, toIp, 53, toPort, payload, 0, n);
            Link.Transmit(_frame, 0, f);
        }
    }
}
