namespace NanoIP.Services.Dns
{
    /// <summary>
    /// Reads a response to one A query: header checks, the echoed question (RFC 5452 §9.1),
    /// the RCODE, and the answer section, following a CNAME chain within the response
    /// (RFC 1034 §3.6.2) up to MaxChain links. Every read is bounds-checked: a malformed
    /// message yields Malformed, never an exception. Scratch buffers are allocated once.
    /// </summary>
    internal sealed class DnsResponse
    {
        internal const int Answer = 0;
        internal const int Malformed = 1;
        internal const int QuestionMismatch = 2;
        internal const int NameError = 3;
        internal const int NoData = 4;
        internal const int ServerFailure = 5;
        internal const int Failure = 6;
        internal const int Truncated = 7;
        internal const int ChainTooLong = 8;

        /// <summary>CNAME links followed in one response (BIND and Unbound stop at a similar depth).</summary>
        internal const int MaxChain = 8;

        private readonly byte[] _owner = new byte[DnsName.MaxWireLength];
        private readonly byte[] _target = new byte[DnsName.MaxWireLength];

        internal uint Address;
        /// <summary>The smallest TTL along the chain to the address (seconds).</summary>
        internal uint TtlSeconds;

        internal int Parse(byte[] m, int length, byte[] qname, int qnameOffset, int qnameLength)
        {
            Address = 0;
            TtlSeconds = 0;
            if (length < DnsMessage.HeaderLength)
            {
                return Malformed;
            }

            int flags = NetOrder.ReadUInt16(m, DnsMessage.FlagsOffset);
            if ((flags & DnsMessage.FlagQr) == 0 || (flags & DnsMessage.OpcodeMask) != 0)
            {
                return Malformed;
            }

            if (NetOrder.ReadUInt16(m, DnsMessage.QdCountOffset) != 1)
            {
                return QuestionMismatch;
            }

            int answers = NetOrder.ReadUInt16(m, DnsMessage.AnCountOffset);
            int p;
            int n = DnsName.Read(m, length, DnsMessage.HeaderLength, _owner, out p);
            if (n < 0 || p + 4 > length)
            {
                return Malformed;
            }

            if (n != qnameLength || !DnsName.Equal(_owner, 0, qname, qnameOffset, n)
                || NetOrder.ReadUInt16(m, p) != DnsMessage.TypeA || NetOrder.ReadUInt16(m, p + 2) != DnsMessage.ClassIn)
            {
                return QuestionMismatch;
            }

            p += 4;
            int rcode = flags & DnsMessage.RcodeMask;
            if (rcode == DnsMessage.RcodeNameError)
            {
                return NameError;
            }

            if (rcode == DnsMessage.RcodeServerFailure || rcode == DnsMessage.RcodeRefused)
            {
                return ServerFailure;
            }

            if (rcode != DnsMessage.RcodeNoError)
            {
                return Failure;
            }

            int r = FindAddress(m, length, p, answers, qname, qnameOffset, qnameLength);
            if (r == NoData && (flags & DnsMessage.FlagTc) != 0)
            {
                return Truncated;
            }

            return r;
        }

        /// <summary>
        /// Looks for an A record of the query name, moving the target along CNAME records;
        /// records may come in any order, so the section is scanned again after a change.
        /// </summary>
        private int FindAddress(byte[] m, int length, int start, int answers, byte[] qname, int qnameOffset, int qnameLength)
        {
            System.Array.Copy(qname, qnameOffset, _target, 0, qnameLength);
            int targetLength = qnameLength;
            uint ttl = 0xFFFFFFFF;
            int links = 0;
            for (int pass = 0; pass <= MaxChain; pass++)
            {
                bool moved = false;
                int p = start;
                for (int i = 0; i < answers; i++)
                {
                    int n = DnsName.Read(m, length, p, _owner, out p);
                    if (n < 0 || p + 10 > length)
                    {
                        return Malformed;
                    }

                    int type = NetOrder.ReadUInt16(m, p);
                    int cls = NetOrder.ReadUInt16(m, p + 2);
                    uint recordTtl = NetOrder.ReadUInt32(m, p + 4);
                    int rdLength = NetOrder.ReadUInt16(m, p + 8);
                    p += 10;
                    if (p + rdLength > length)
                    {
                        return Malformed;
                    }

                    // RFC 2181 §8: a TTL with the top bit set counts as zero.
                    if ((recordTtl & 0x80000000) != 0)
                    {
                        recordTtl = 0;
                    }

                    if (cls == DnsMessage.ClassIn && n == targetLength && DnsName.Equal(_owner, 0, _target, 0, n))
                    {
                        if (type == DnsMessage.TypeA)
                        {
                            if (rdLength != 4)
                            {
                                return Malformed;
                            }

                            Address = NetOrder.ReadUInt32(m, p);
                            TtlSeconds = recordTtl < ttl ? recordTtl : ttl;
                            return Answer;
                        }

                        if (type == DnsMessage.TypeCname)
                        {
                            int end;
                            int c = DnsName.Read(m, length, p, _owner, out end);
                            if (c < 0 || end > p + rdLength)
                            {
                                return Malformed;
                            }

                            if (++links > MaxChain)
                            {
                                return ChainTooLong;
                            }

                            System.Array.Copy(_owner, 0, _target, 0, c);
                            targetLength = c;
                            if (recordTtl < ttl)
                            {
                                ttl = recordTtl;
                            }

                            moved = true;
                        }
                    }

                    p += rdLength;
                }

                if (!moved)
                {
                    return NoData;
                }
            }

            return ChainTooLong;
        }
    }
}
