namespace NanoIP.Transport.Tcp
{
    /// <summary>Why TcpSegment.Parse refused a segment.</summary>
    public enum TcpParseResult
    {
        Ok = 0,
        /// <summary>Shorter than a header, or the data offset points outside the segment.</summary>
        Truncated = 1,
        BadChecksum = 2,
        /// <summary>An option whose length runs past the header or is impossible (RFC 9293 §3.1, §3.2).</summary>
        BadOption = 3,
        /// <summary>Source or destination port 0.</summary>
        BadPort = 4
    }

    /// <summary>
    /// A received segment, parsed in place: header fields are copied out, the payload stays
    /// in the receive frame (Buffer, DataOffset, DataLength). One instance is reused for every
    /// segment, so parsing allocates nothing.
    /// </summary>
    public sealed class TcpSegment
    {
        public uint Source;
        public uint Destination;
        public int SourcePort;
        public int DestinationPort;
        public uint Seq;
        public uint Ack;
        public int Flags;
        public int Window;
        public int HeaderLength;
        /// <summary>The MSS option's value, or 0 when the segment had none.</summary>
        public int Mss;
        /// <summary>The segment carried the timestamps option (RFC 7323 §3.2): TsVal and TsEcr are valid.</summary>
        public bool HasTimestamp;
        public uint TsVal;
        public uint TsEcr;
        public byte[] Buffer;
        public int DataOffset;
        public int DataLength;

        public bool Syn { get { return (Flags & TcpFlags.Syn) != 0; } }

        public bool AckFlag { get { return (Flags & TcpFlags.Ack) != 0; } }

        public bool Rst { get { return (Flags & TcpFlags.Rst) != 0; } }

        public bool Fin { get { return (Flags & TcpFlags.Fin) != 0; } }

        /// <summary>SEG.LEN: payload plus one for each of SYN and FIN (RFC 9293 §3.4).</summary>
        public int SequenceLength
        {
            get { return DataLength + ((Flags & TcpFlags.Syn) != 0 ? 1 : 0) + ((Flags & TcpFlags.Fin) != 0 ? 1 : 0); }
        }

        /// <summary>Checks length, data offset, checksum (with the pseudo-header) and options, then fills the fields.</summary>
        public TcpParseResult Parse(uint source, uint destination, byte[] b, int offset, int length)
        {
            if (length < 20 || offset < 0 || offset + length > b.Length)
            {
                return TcpParseResult.Truncated;
            }

            int headerLength = (b[offset + 12] >> 4) * 4;
            if (headerLength < 20 || headerLength > length)
            {
                return TcpParseResult.Truncated;
            }

            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, Network.IpProtocol.Tcp, length);
            sum = InternetChecksum.Add(sum, b, offset, length);
            if (InternetChecksum.Finish(sum) != 0)
            {
                return TcpParseResult.BadChecksum;
            }

            int mss = 0;
            int timestampAt = 0;
            int i = offset + 20;
            int end = offset + headerLength;
            while (i < end)
            {
                int kind = b[i];
                if (kind == 0)
                {
                    break; // End of option list.
                }

                if (kind == 1)
                {
                    i++; // NOP.
                    continue;
                }

                if (i + 1 >= end)
                {
                    return TcpParseResult.BadOption;
                }

                int optionLength = b[i + 1];
                if (optionLength < 2 || i + optionLength > end)
                {
                    return TcpParseResult.BadOption;
                }

                if (kind == 2)
                {
                    if (optionLength != 4)
                    {
                        return TcpParseResult.BadOption;
                    }

                    mss = NetOrder.ReadUInt16(b, i + 2);
                }
                else if (kind == 8)
                {
                    if (optionLength != 10)
                    {
                        return TcpParseResult.BadOption;
                    }

                    timestampAt = i + 2;
                }

                // Every other option (window scale, SACK...) is skipped: we never offer them, so
                // a peer must not use them (RFC 7323 §1.3, RFC 2018 §2).
                i += optionLength;
            }

            int sourcePort = NetOrder.ReadUInt16(b, offset);
            int destinationPort = NetOrder.ReadUInt16(b, offset + 2);
            if (sourcePort == 0 || destinationPort == 0)
            {
                return TcpParseResult.BadPort;
            }

            Source = source;
            Destination = destination;
            SourcePort = sourcePort;
            DestinationPort = destinationPort;
            Seq = NetOrder.ReadUInt32(b, offset + 4);
            Ack = NetOrder.ReadUInt32(b, offset + 8);
            Flags = b[offset + 13] & 0x3F;
            Window = NetOrder.ReadUInt16(b, offset + 14);
            HeaderLength = headerLength;
            Mss = mss;
            HasTimestamp = timestampAt != 0;
            TsVal = HasTimestamp ? NetOrder.ReadUInt32(b, timestampAt) : 0;
            TsEcr = HasTimestamp ? NetOrder.ReadUInt32(b, timestampAt + 4) : 0;
            Buffer = b;
            DataOffset = offset + headerLength;
            DataLength = length - headerLength;
            return TcpParseResult.Ok;
        }
    }
}
