namespace NanoIP.Network
{
    /// <summary>
    /// ICMP (RFC 792, RFC 1122 §3.2.2): answers echo requests, feeds echo replies to the
    /// ping client, passes received errors to the transport whose datagram they quote,
    /// and sends destination unreachable (port, protocol) at most once per
    /// NetConfig.IcmpErrorIntervalMs, never about broadcasts or ICMP errors.
    /// </summary>
    public sealed class IcmpLayer : IIpReceiver
    {
        private readonly Ipv4Layer _ip;
        private readonly IcmpCounters _counters;
        private readonly Ping _ping;
        private readonly int _errorIntervalMs;
        private long _nextErrorAllowedMs = long.MinValue;

        public IcmpLayer(NetConfig config, Ipv4Layer ip, IcmpCounters counters)
        {
            _ip = ip;
            _counters = counters;
            _errorIntervalMs = config.IcmpErrorIntervalMs;
            _ping = new Ping(config, ip, counters);
        }

        public IcmpCounters Counters
        {
            get { return _counters; }
        }

        /// <summary>The echo client.</summary>
        public Ping Ping
        {
            get { return _ping; }
        }

        public bool Receive(uint source, uint destination, bool broadcast, byte[] buffer, int offset, int length, long nowMs)
        {
            _counters.MessagesIn++;
            if (length < IcmpMessage.HeaderLength)
            {
                _counters.TooShort++;
                return true;
            }

            if (InternetChecksum.Compute(buffer, offset, length) != 0)
            {
                _counters.BadChecksum++;
                return true;
            }

            int type = buffer[offset + IcmpMessage.TypeOffset];
            int code = buffer[offset + IcmpMessage.CodeOffset];
            switch (type)
            {
                case IcmpMessage.TypeEchoRequest:
                    _counters.EchoRequestsIn++;
                    if (broadcast)
                    {
                        _counters.BroadcastEchoIgnored++;
                    }
                    else
                    {
                        EchoReply(source, buffer, offset, length, nowMs);
                    }

                    break;

                case IcmpMessage.TypeEchoReply:
                    _counters.EchoRepliesIn++;
                    _ping.OnEchoReply(source, buffer, offset, length, nowMs);
                    break;

                case IcmpMessage.TypeDestinationUnreachable:
                case IcmpMessage.TypeTimeExceeded:
                case IcmpMessage.TypeParameterProblem:
                    if (type == IcmpMessage.TypeDestinationUnreachable)
                    {
                        _counters.UnreachableIn++;
                    }
                    else if (type == IcmpMessage.TypeTimeExceeded)
                    {
                        _counters.TimeExceededIn++;
                    }
                    else
                    {
                        _counters.ParameterProblemIn++;
                    }

                    _ip.DeliverIcmpError(type, code, buffer, offset + IcmpMessage.HeaderLength, length - IcmpMessage.HeaderLength, nowMs);
                    break;

                default:
                    _counters.UnknownType++;
                    break;
            }

            // ICMP is never answered with a protocol or port unreachable.
            return true;
        }

        private void EchoReply(uint source, byte[] buffer, int offset, int length, long nowMs)
        {
            // RFC 792: same identifier, sequence and data; type 0. One copy, into the transmit buffer.
            byte[] tx = _ip.TxBuffer;
            int t = _ip.TransportOffset;
            System.Array.Copy(buffer, offset, tx, t, length);
            tx[t + IcmpMessage.TypeOffset] = IcmpMessage.TypeEchoReply;
            tx[t + IcmpMessage.CodeOffset] = 0;
            tx[t + IcmpMessage.ChecksumOffset] = 0;
            tx[t + IcmpMessage.ChecksumOffset + 1] = 0;
            NetOrder.WriteUInt16(tx, t + IcmpMessage.ChecksumOffset, InternetChecksum.Compute(tx, t, length));
            IpSendResult r = _ip.Send(source, IpProtocol.Icmp, length, nowMs);
            if (r == IpSendResult.Sent || r == IpSendResult.Pending)
            {
                _counters.EchoRepliesOut++;
                _counters.MessagesOut++;
            }
            else
            {
                _counters.ReplyFailed++;
            }
        }

        /// <summary>
        /// Sends destination unreachable with code about the datagram at buffer[ipOffset..+ipLength)
        /// from originalSource, unless the rules or the rate limit forbid it.
        /// </summary>
        internal void SendDestinationUnreachable(int code, byte[] buffer, int ipOffset, int ipLength, uint originalSource, long nowMs)
        {
            // RFC 1122 §3.2.2: never about a datagram from a non-unique source (0, broadcast, multicast).
            if (originalSource == 0 || originalSource == IPv4.LimitedBroadcast || IPv4.IsMulticast(originalSource) || _ip.IsBroadcast(originalSource))
            {
                _counters.ErrorsSuppressed++;
                return;
            }

            if (nowMs < _nextErrorAllowedMs)
            {
                _counters.ErrorsRateLimited++;
                return;
            }

            int quote = ipLength < IcmpMessage.MaxQuote ? ipLength : IcmpMessage.MaxQuote;
            byte[] tx = _ip.TxBuffer;
            int t = _ip.TransportOffset;
            tx[t + IcmpMessage.TypeOffset] = IcmpMessage.TypeDestinationUnreachable;
            tx[t + IcmpMessage.CodeOffset] = (byte)code;
            for (int i = 2; i < IcmpMessage.HeaderLength; i++)
            {
                tx[t + i] = 0;
            }

            System.Array.Copy(buffer, ipOffset, tx, t + IcmpMessage.HeaderLength, quote);
            int length = IcmpMessage.HeaderLength + quote;
            NetOrder.WriteUInt16(tx, t + IcmpMessage.ChecksumOffset, InternetChecksum.Compute(tx, t, length));
            IpSendResult r = _ip.Send(originalSource, IpProtocol.Icmp, length, nowMs);
            if (r == IpSendResult.Sent || r == IpSendResult.Pending)
            {
                _nextErrorAllowedMs = NetTime.After(nowMs, _errorIntervalMs);
                _counters.UnreachableOut++;
                _counters.MessagesOut++;
            }
        }

        /// <summary>An ICMP error quoting an ICMP message we sent (an echo request): the ping client hears of it.</summary>
        public void IcmpError(int type, int code, uint quotedDestination, byte[] quoted, int transportOffset, int available, long nowMs)
        {
            _ping.OnError(type, code, quotedDestination, quoted, transportOffset, available, nowMs);
        }

        public long Poll(long nowMs)
        {
            return _ping.Poll(nowMs);
        }
    }
}
