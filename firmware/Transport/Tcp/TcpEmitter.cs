using NanoIP.Network;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Builds outgoing segments straight into the IPv4 layer's transmit buffer: header, the
    /// MSS option on SYNs, RFC 7323 timestamps when in use, payload copied from a send ring, checksum over the pseudo-header
    /// (RFC 9293 §3.1); then hands them to IIpSender. Also answers segments nobody owns.
    /// </summary>
    public sealed class TcpEmitter
    {
        private readonly IIpSender _ip;
        private readonly TcpCounters _counters;

        public TcpEmitter(IIpSender ip, TcpCounters counters)
        {
            _ip = ip;
            _counters = counters;
        }

        /// <summary>Our MSS: the configured one, no larger than the link allows (MTU − 40).</summary>
        public int LinkMss(int configuredMss)
        {
            int link = _ip.MaxTransportLength - 20;
            return configuredMss < link ? configuredMss : link;
        }

        /// <summary>Sends one segment without timestamps. mss &gt; 0 adds the MSS option; data may be null when dataLength is 0.</summary>
        public IpSendResult Send(uint local, uint remote, int localPort, int remotePort, uint seq, uint ack, int flags,
            int window, int mss, SendRing data, int dataOffset, int dataLength, long nowMs)
        {
            return Send(local, remote, localPort, remotePort, seq, ack, flags, window, mss, false, 0, 0, data, dataOffset, dataLength, nowMs);
        }

        /// <summary>
        /// Sends one segment. mss &gt; 0 adds the MSS option; timestamp adds TSval and TSecr laid
        /// out as RFC 7323 Appendix A suggests (NOP, NOP, kind 8, length 10), 12 bytes that keep
        /// the payload 32-bit aligned; data may be null when dataLength is 0.
        /// </summary>
        public IpSendResult Send(uint local, uint remote, int localPort, int remotePort, uint seq, uint ack, int flags,
            int window, int mss, bool timestamp, uint tsVal, uint tsEcr, SendRing data, int dataOffset, int dataLength, long nowMs)
        {
            byte[] b = _ip.TxBuffer;
            int o = _ip.TransportOffset;
            int headerLength = 20 + (mss > 0 ? 4 : 0) + (timestamp ? 12 : 0);
            if (local == 0)
            {
                local = _ip.LocalAddress;
            }

            if (window > 0xFFFF)
            {
                window = 0xFFFF;
            }
            else if (window < 0)
            {
                window = 0;
            }

            NetOrder.WriteUInt16(b, o, localPort);
            NetOrder.WriteUInt16(b, o + 2, remotePort);
            NetOrder.WriteUInt32(b, o + 4, seq);
            NetOrder.WriteUInt32(b, o + 8, (flags & TcpFlags.Ack) != 0 ? ack : 0);
            b[o + 12] = (byte)((headerLength / 4) << 4);
            b[o + 13] = (byte)flags;
            NetOrder.WriteUInt16(b, o + 14, window);
            b[o + 16] = 0;
            b[o + 17] = 0;
            b[o + 18] = 0;
            b[o + 19] = 0;
            if (mss > 0)
            {
                b[o + 20] = 2;
                b[o + 21] = 4;
                NetOrder.WriteUInt16(b, o + 22, mss);
            }

            if (timestamp)
            {
                int t = o + (mss > 0 ? 24 : 20);
                b[t] = 1;
                b[t + 1] = 1;
                b[t + 2] = 8;
                b[t + 3] = 10;
                NetOrder.WriteUInt32(b, t + 4, tsVal);
                NetOrder.WriteUInt32(b, t + 8, tsEcr);
            }

            if (dataLength > 0)
            {
                data.CopyOut(dataOffset, b, o + headerLength, dataLength);
            }

            int length = headerLength + dataLength;
            uint sum = InternetChecksum.AddPseudoHeader(0, local, remote, IpProtocol.Tcp, length);
            sum = InternetChecksum.Add(sum, b, o, length);
            NetOrder.WriteUInt16(b, o + 16, InternetChecksum.Finish(sum));

            _counters.SegmentsSent++;
            if ((flags & TcpFlags.Rst) != 0)
            {
                _counters.ResetsSent++;
            }

            IpSendResult result = _ip.Send(remote, IpProtocol.Tcp, length, nowMs);
            if (result != IpSendResult.Sent && result != IpSendResult.Pending)
            {
                _counters.SendErrors++;
            }

            return result;
        }

        /// <summary>
        /// The reset RFC 9293 §3.10.7.1 prescribes for a segment that finds no connection (or
        /// an unacceptable ACK in LISTEN/SYN-SENT/SYN-RECEIVED): never in answer to a RST;
        /// &lt;SEQ=SEG.ACK&gt;&lt;CTL=RST&gt; if it had ACK, else &lt;SEQ=0&gt;&lt;ACK=SEG.SEQ+SEG.LEN&gt;&lt;CTL=RST,ACK&gt;.
        /// </summary>
        public void SendResetFor(TcpSegment s, long nowMs)
        {
            if (s.Rst)
            {
                return;
            }

            if (s.AckFlag)
            {
                Send(s.Destination, s.Source, s.DestinationPort, s.SourcePort, s.Ack, 0, TcpFlags.Rst, 0, 0, null, 0, 0, nowMs);
            }
            else
            {
                uint ack = unchecked(s.Seq + (uint)s.SequenceLength);
                Send(s.Destination, s.Source, s.DestinationPort, s.SourcePort, 0, ack, TcpFlags.Rst | TcpFlags.Ack, 0, 0, null, 0, 0, nowMs);
            }
        }
    }
}
