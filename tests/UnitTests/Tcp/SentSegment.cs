using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>A segment the layer under test emitted, decoded for assertions (test side: allocates freely).</summary>
    public sealed class SentSegment
    {
        public uint Source;
        public uint Destination;
        public int SourcePort;
        public int DestinationPort;
        public uint Seq;
        public uint Ack;
        public int Flags;
        public int Window;
        public int Mss;
        public bool HasTimestamp;
        public uint TsVal;
        public uint TsEcr;
        public int HeaderLength;
        public byte[] Data;
        public long TimeMs;
        public bool ChecksumOk;

        public bool Has(int flag)
        {
            return (Flags & flag) != 0;
        }

        public bool IsSyn { get { return Has(TcpFlags.Syn); } }

        public bool IsRst { get { return Has(TcpFlags.Rst); } }

        public bool IsFin { get { return Has(TcpFlags.Fin); } }

        /// <summary>Only ACK (possibly PSH), no payload: a pure acknowledgment.</summary>
        public bool IsPureAck
        {
            get { return (Flags & ~TcpFlags.Psh) == TcpFlags.Ack && Data.Length == 0; }
        }

        public int SequenceLength
        {
            get { return Data.Length + (IsSyn ? 1 : 0) + (IsFin ? 1 : 0); }
        }

        public static SentSegment Decode(byte[] b, int offset, int length, uint source, uint destination, long nowMs)
        {
            SentSegment s = new SentSegment();
            s.Source = source;
            s.Destination = destination;
            s.TimeMs = nowMs;
            s.SourcePort = NetOrder.ReadUInt16(b, offset);
            s.DestinationPort = NetOrder.ReadUInt16(b, offset + 2);
            s.Seq = NetOrder.ReadUInt32(b, offset + 4);
            s.Ack = NetOrder.ReadUInt32(b, offset + 8);
            s.HeaderLength = (b[offset + 12] >> 4) * 4;
            s.Flags = b[offset + 13];
            s.Window = NetOrder.ReadUInt16(b, offset + 14);
            int i = offset + 20;
            int end = offset + s.HeaderLength;
            while (i < end && b[i] != 0)
            {
                if (b[i] == 1)
                {
                    i++;
                    continue;
                }

                if (i + 1 >= end || b[i + 1] < 2)
                {
                    break;
                }

                if (b[i] == 2 && b[i + 1] == 4)
                {
                    s.Mss = NetOrder.ReadUInt16(b, i + 2);
                }
                else if (b[i] == 8 && b[i + 1] == 10)
                {
                    s.HasTimestamp = true;
                    s.TsVal = NetOrder.ReadUInt32(b, i + 2);
                    s.TsEcr = NetOrder.ReadUInt32(b, i + 6);
                }

                i += b[i + 1];
            }

            int dataLength = length - s.HeaderLength;
            if (dataLength < 0)
            {
                dataLength = 0;
            }

            s.Data = new byte[dataLength];
            System.Array.Copy(b, offset + s.HeaderLength, s.Data, 0, dataLength);
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, global::NanoIP.Network.IpProtocol.Tcp, length);
            sum = InternetChecksum.Add(sum, b, offset, length);
            s.ChecksumOk = InternetChecksum.Finish(sum) == 0;
            return s;
        }

        public override string ToString()
        {
            string f = "";
            if (IsSyn) f += "S";
            if (Has(TcpFlags.Ack)) f += "A";
            if (IsFin) f += "F";
            if (IsRst) f += "R";
            if (Has(TcpFlags.Psh)) f += "P";
            return "[" + f + " seq=" + Seq.ToString() + " ack=" + Ack.ToString() + " win=" + Window.ToString() + " len=" + Data.Length.ToString() + " t=" + TimeMs.ToString() + "]";
        }
    }
}
