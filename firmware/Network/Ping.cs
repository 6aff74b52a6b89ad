using NanoIP.Sockets;

namespace NanoIP.Network
{
    /// <summary>
    /// The echo client (RFC 792) behind the console's ping: Send returns a sequence number,
    /// Poll (via NetStack.Poll) times requests out, and GetStatus/GetRttMs/Release read the
    /// outcome. Fixed slots (NetConfig.PingSlots); no allocation. RTT is measured on the
    /// caller's clock (nowMs at Send and at the Poll that received the reply).
    /// </summary>
    public sealed class Ping
    {
        private readonly Ipv4Layer _ip;
        private readonly IcmpCounters _counters;
        private readonly int[] _sequence;
        private readonly PingStatus[] _status;
        private readonly uint[] _destination;
        private readonly int[] _size;
        private readonly long[] _sentMs;
        private readonly long[] _doneMs;
        private readonly uint[] _from;
        private readonly int[] _errorType;
        private readonly int[] _errorCode;
        private int _nextSequence;

        public Ping(NetConfig config, Ipv4Layer ip, IcmpCounters counters)
        {
            _ip = ip;
            _counters = counters;
            int n = config.PingSlots < 1 ? 1 : config.PingSlots;
            _sequence = new int[n];
            _status = new PingStatus[n];
            _destination = new uint[n];
            _size = new int[n];
            _sentMs = new long[n];
            _doneMs = new long[n];
            _from = new uint[n];
            _errorType = new int[n];
            _errorCode = new int[n];
            TimeoutMs = config.PingTimeoutMs;
            Identifier = (ushort)(0x4E00 | (config.IsnSecret & 0xFF));
        }

        /// <summary>Echo identifier of this stack's requests.</summary>
        public ushort Identifier;

        /// <summary>How long a request waits for its reply.</summary>
        public int TimeoutMs;

        /// <summary>Why the last Send returned -1.</summary>
        public SocketError LastError;

        /// <summary>
        /// Sends an echo request with payloadSize data bytes to destination. Returns its
        /// sequence number (0..65535), or -1 with LastError set (MessageSize, NoBufferSpace:
        /// every slot waits, NetworkUnreachable, HostUnreachable, NetworkDown).
        /// </summary>
        public int Send(uint destination, int payloadSize, long nowMs)
        {
            if (payloadSize < 0 || payloadSize > _ip.MaxTransportLength - IcmpMessage.HeaderLength)
            {
                LastError = SocketError.MessageSize;
                return -1;
            }

            int slot = FreeSlot();
            if (slot < 0)
            {
                LastError = SocketError.NoBufferSpace;
                return -1;
            }

            int seq = _nextSequence;
            byte[] tx = _ip.TxBuffer;
            int t = _ip.TransportOffset;
            tx[t + IcmpMessage.TypeOffset] = IcmpMessage.TypeEchoRequest;
            tx[t + IcmpMessage.CodeOffset] = 0;
            tx[t + IcmpMessage.ChecksumOffset] = 0;
            tx[t + IcmpMessage.ChecksumOffset + 1] = 0;
            NetOrder.WriteUInt16(tx, t + IcmpMessage.IdentifierOffset, Identifier);
            NetOrder.WriteUInt16(tx, t + IcmpMessage.SequenceOffset, seq);
            int data = t + IcmpMessage.HeaderLength;
            for (int i = 0; i < payloadSize; i++)
            {
                tx[data + i] = Pattern(i);
            }

            int length = IcmpMessage.HeaderLength + payloadSize;
            NetOrder.WriteUInt16(tx, t + IcmpMessage.ChecksumOffset, InternetChecksum.Compute(tx, t, length));
            IpSendResult r = _ip.Send(destination, IpProtocol.Icmp, length, nowMs);
            if (r != IpSendResult.Sent && r != IpSendResult.Pending)
            {
                LastError = SocketErrors.FromSend(r);
                return -1;
            }

            _nextSequence = (seq + 1) & 0xFFFF;
            _counters.EchoRequestsOut++;
            _counters.MessagesOut++;
            _sequence[slot] = seq;
            _status[slot] = PingStatus.Waiting;
            _destination[slot] = destination;
            _size[slot] = payloadSize;
            _sentMs[slot] = nowMs;
            _from[slot] = 0;
            LastError = SocketError.Success;
            return seq;
        }

        /// <summary>Status of sequence (None when unknown or released).</summary>
        public PingStatus GetStatus(int sequence)
        {
            int s = Slot(sequence);
            return s < 0 ? PingStatus.None : _status[s];
        }

        /// <summary>Round-trip time of a replied sequence in ms, else -1.</summary>
        public long GetRttMs(int sequence)
        {
            int s = Slot(sequence);
            return s >= 0 && _status[s] == PingStatus.Replied ? _doneMs[s] - _sentMs[s] : -1;
        }

        /// <summary>Who sent the echo reply of a Replied sequence (0 otherwise).</summary>
        public uint GetReplyFrom(int sequence)
        {
            int s = Slot(sequence);
            return s < 0 ? 0 : _from[s];
        }

        /// <summary>ICMP type and code of the error that ended an Unreachable sequence.</summary>
        public int GetErrorType(int sequence)
        {
            int s = Slot(sequence);
            return s < 0 ? -1 : _errorType[s];
        }

        public int GetErrorCode(int sequence)
        {
            int s = Slot(sequence);
            return s < 0 ? -1 : _errorCode[s];
        }

        /// <summary>Frees sequence's slot (a finished slot is also reused by Send when none is free).</summary>
        public void Release(int sequence)
        {
            int s = Slot(sequence);
            if (s >= 0)
            {
                _status[s] = PingStatus.None;
            }
        }

        /// <summary>Times out waiting requests; returns the next timeout.</summary>
        public long Poll(long nowMs)
        {
            long next = NetTime.Never;
            for (int s = 0; s < _status.Length; s++)
            {
                if (_status[s] != PingStatus.Waiting)
                {
                    continue;
                }

                long deadline = NetTime.After(_sentMs[s], TimeoutMs);
                if (nowMs >= deadline)
                {
                    _status[s] = PingStatus.TimedOut;
                    _doneMs[s] = nowMs;
                }
                else
                {
                    next = NetTime.Earliest(next, deadline);
                }
            }

            return next;
        }

        internal void OnEchoReply(uint source, byte[] buffer, int offset, int length, long nowMs)
        {
            int s = NetOrder.ReadUInt16(buffer, offset + IcmpMessage.IdentifierOffset) == Identifier
                ? Slot(NetOrder.ReadUInt16(buffer, offset + IcmpMessage.SequenceOffset))
                : -1;
            if (s < 0 || _status[s] != PingStatus.Waiting || !PayloadIntact(s, buffer, offset, length))
            {
                _counters.EchoRepliesUnmatched++;
                return;
            }

            _status[s] = PingStatus.Replied;
            _doneMs[s] = nowMs;
            _from[s] = source;
        }

        internal void OnError(int type, int code, uint quotedDestination, byte[] quoted, int icmpOffset, int available, long nowMs)
        {
            if (available < IcmpMessage.HeaderLength || quoted[icmpOffset] != IcmpMessage.TypeEchoRequest
                || NetOrder.ReadUInt16(quoted, icmpOffset + IcmpMessage.IdentifierOffset) != Identifier)
            {
                return;
            }

            int s = Slot(NetOrder.ReadUInt16(quoted, icmpOffset + IcmpMessage.SequenceOffset));
            if (s >= 0 && _status[s] == PingStatus.Waiting && _destination[s] == quotedDestination)
            {
                _status[s] = PingStatus.Unreachable;
                _doneMs[s] = nowMs;
                _errorType[s] = type;
                _errorCode[s] = code;
            }
        }

        private bool PayloadIntact(int s, byte[] buffer, int offset, int length)
        {
            int size = length - IcmpMessage.HeaderLength;
            if (size != _size[s])
            {
                return false;
            }

            int data = offset + IcmpMessage.HeaderLength;
            for (int i = 0; i < size; i++)
            {
                if (buffer[data + i] != Pattern(i))
                {
                    return false;
                }
            }

            return true;
        }

        private static byte Pattern(int i)
        {
            return (byte)(i & 0xFF);
        }

        private int Slot(int sequence)
        {
            for (int s = 0; s < _status.Length; s++)
            {
                if (_status[s] != PingStatus.None && _sequence[s] == sequence)
                {
                    return s;
                }
            }

            return -1;
        }

        private int FreeSlot()
        {
            int done = -1;
            for (int s = 0; s < _status.Length; s++)
            {
                if (_status[s] == PingStatus.None)
                {
                    return s;
                }

                if (_status[s] != PingStatus.Waiting && (done < 0 || _doneMs[s] < _doneMs[done]))
                {
                    done = s;
                }
            }

            return done;
        }
    }
}
