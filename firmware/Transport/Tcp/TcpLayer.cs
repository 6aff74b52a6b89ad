using System;
using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// TCP (RFC 9293) for one interface, poll-driven: IPv4 calls Receive for each segment,
    /// IcmpError for ICMP errors quoting ours, and Poll to fire timers and send. Everything is
    /// allocated here from NetConfig: a fixed table of control blocks with their rings and
    /// listen queues, the TIME-WAIT table, one parse buffer. Segments to our address find, in
    /// order: a connection by 4-tuple, a TIME-WAIT entry, a listener (specific address before
    /// wildcard, whose SYN queue is searched first), else a RST answers (RFC 9293 §3.10.7.1).
    /// Not thread-safe: the caller (the network thread, or a facade holding a lock)
    /// serializes every call. The handle API is in TcpLayer.Api.cs.
    /// </summary>
    public sealed partial class TcpLayer : IIpReceiver
    {
        private const int IndexBits = 10;
        private const int IndexMask = (1 << IndexBits) - 1;
        private const int GenerationMask = (1 << (31 - IndexBits)) - 1;

        private readonly NetConfig _config;
        private readonly IIpSender _ip;
        private readonly TcpEmitter _emitter;
        private readonly IsnGenerator _isn;
        private readonly TcpConnection[] _connections;
        private readonly TimeWaitTable _timeWait;
        private readonly TcpSegment _segment = new TcpSegment();
        private int _nextEphemeral;
        private int _changeCount;
        private bool _pollNeeded;

        public TcpLayer(NetConfig config, IIpSender ip)
        {
            if (config.TcpSockets < 1 || config.TcpSockets > IndexMask + 1)
            {
                throw new ArgumentException("TcpSockets must be 1..1024");
            }

            if (config.TcpSendBufferSize < 1 || config.TcpReceiveBufferSize < 1)
            {
                throw new ArgumentException("TCP buffer sizes must be positive");
            }

            _config = config;
            _ip = ip;
            Counters = new TcpCounters();
            _emitter = new TcpEmitter(ip, Counters);
            _isn = new IsnGenerator(config.IsnSecret);
            ChallengeAcks = new ChallengeAckLimiter(config.ChallengeAckLimitPerSecond);
            _timeWait = new TimeWaitTable(config.TimeWaitEntries, 2L * config.MslMs, _emitter, ChallengeAcks, Counters);
            _connections = new TcpConnection[config.TcpSockets];
            for (int i = 0; i < _connections.Length; i++)
            {
                _connections[i] = new TcpConnection(this, config, Counters, _emitter, i);
                _connections[i].Generation = 1;
            }

            int range = config.EphemeralPortLast - config.EphemeralPortFirst + 1;
            _nextEphemeral = range > 0 ? (int)(_isn.Hash(0, 0, 0, 0) % (uint)range) : 0;
        }

        public TcpCounters Counters { get; private set; }

        /// <summary>
        /// Bytes allocated at start-up (array payloads: rings, assembler ranges, listen queues,
        /// TIME-WAIT table; plus a rough 48 bytes per object for headers and fields).
        /// </summary>
        public int FootprintBytes
        {
            get
            {
                int slots = _config.OutOfOrderSlots < 0 ? 1 : _config.OutOfOrderSlots + 1;
                int synEntries = _config.MaxSynQueue < 1 ? 1 : _config.MaxSynQueue;
                int acceptEntries = _config.MaxAcceptQueue < 1 ? 1 : _config.MaxAcceptQueue;
                int perConnection = _config.TcpSendBufferSize + _config.TcpReceiveBufferSize + slots * 8
                    + synEntries * (4 + 80) + acceptEntries * 4 + 8 * 48 + 200;
                int timeWait = _timeWait.Capacity * (4 + 4 + 4 + 4 + 4 + 4 + 4 + 8 + 1);
                return _connections.Length * perConnection + timeWait + 12 + 6 * 48;
            }
        }

        /// <summary>Entries in the TIME-WAIT table now.</summary>
        public int TimeWaitCount { get { return _timeWait.Count; } }

        internal IIpSender Ip { get { return _ip; } }

        internal ChallengeAckLimiter ChallengeAcks { get; private set; }

        /// <summary>Incremented on every change a waiting application may care about (any handle).</summary>
        public int ChangeCount { get { return _changeCount; } }

        /// <summary>
        /// True when an application call queued work (data to send, a window update, a FIN)
        /// that the next Poll sends: the facade wakes the network thread when it sees it.
        /// </summary>
        public bool PollNeeded { get { return _pollNeeded; } }

        internal void NoteChange()
        {
            _changeCount++;
        }

        internal void RequestPoll()
        {
            _pollNeeded = true;
        }

        /// <inheritdoc />
        public bool Receive(uint source, uint destination, bool broadcast, byte[] buffer, int offset, int length, long nowMs)
        {
            Counters.SegmentsReceived++;
            TcpSegment s = _segment;
            TcpParseResult parsed = s.Parse(source, destination, buffer, offset, length);
            if (parsed != TcpParseResult.Ok)
            {
                if (parsed == TcpParseResult.BadChecksum)
                {
                    Counters.BadChecksum++;
                }
                else
                {
                    Counters.Malformed++;
                }

                return true;
            }

            // RFC 1122 §4.2.3.10: TCP is unicast only; never answer such a segment.
            if (broadcast || !IsUnicast(destination) || !IsUnicast(source))
            {
                Counters.NotUnicast++;
                return true;
            }

            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c.Owner != TcpOwner.Free && c.IsActive && c.LocalPort == s.DestinationPort && c.RemotePort == s.SourcePort
                    && c.RemoteAddress == source && (c.LocalAddress == destination || c.LocalAddress == 0))
                {
                    c.Input(s, nowMs);
                    return true;
                }
            }

            int tw = _timeWait.Find(destination, source, s.DestinationPort, s.SourcePort);
            if (tw >= 0 && !_timeWait.Input(tw, s, nowMs))
            {
                return true;
            }

            TcpConnection listener = FindListener(destination, s.DestinationPort);
            if (listener != null)
            {
                ListenInput(listener, s, nowMs);
                return true;
            }

            Counters.NoSocket++;
            _emitter.SendResetFor(s, nowMs);
            return false;
        }

        /// <inheritdoc />
        public void IcmpError(int type, int code, uint quotedDestination, byte[] quoted, int transportOffset, int available, long nowMs)
        {
            Counters.IcmpErrors++;
            if (available < 8 || quoted == null || transportOffset < 0 || transportOffset + 8 > quoted.Length)
            {
                return;
            }

            SocketError error = IcmpToError(type, code);
            if (error == SocketError.Success)
            {
                return;
            }

            int localPort = NetOrder.ReadUInt16(quoted, transportOffset);
            int remotePort = NetOrder.ReadUInt16(quoted, transportOffset + 2);
            uint seq = NetOrder.ReadUInt32(quoted, transportOffset + 4);
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c.Owner == TcpOwner.Free || c.LocalPort != localPort)
                {
                    continue;
                }

                if (c.State == TcpState.Listen)
                {
                    // A SYN-ACK of ours bounced: forget the half-open entry.
                    SynEntry e = FindSynAnyLocal(c, quotedDestination, localPort, remotePort);

                    if (e != null && seq == e.Iss)
                    {
                        c.Queue.RemoveSyn(e);
                    }

                    continue;
                }

                if (!c.IsActive || c.RemotePort != remotePort || c.RemoteAddress != quotedDestination)
                {
                    continue;
                }

                // Only errors quoting a sequence number we have in flight count (RFC 5927 §4.1).
                if (!TcpSeq.Le(c.SndUna, seq) || !TcpSeq.Lt(seq, c.SndMax))
                {
                    return;
                }

                if (c.State == TcpState.SynSent || (c.State == TcpState.SynReceived && c.Parent == null))
                {
                    c.Fail(error); // While connecting the error is final (what Linux does).
                }
                else
                {
                    c.SoftError = error; // RFC 1122 §4.2.3.9: soft; reported only if we later time out.
                }

                return;
            }
        }

        /// <summary>ICMP type/code to the error a connect would report; Success for those ignored.</summary>
        private static SocketError IcmpToError(int type, int code)
        {
            if (type == 11)
            {
                return SocketError.HostUnreachable; // Time exceeded.
            }

            if (type != 3)
            {
                return SocketError.Success;
            }

            switch (code)
            {
                case 0: // Network unreachable
                case 6: // Destination network unknown
                case 9: // Network administratively prohibited
                case 11: // Network unreachable for TOS
                    return SocketError.NetworkUnreachable;
                case 2: // Protocol unreachable
                case 3: // Port unreachable
                    return SocketError.ConnectionRefused;
                case 4: // Fragmentation needed: no path MTU discovery here, we never set DF.
                    return SocketError.Success;
                default: // 1, 5, 7, 8, 10, 12, 13, 14, 15: host unreachable or prohibited.
                    return SocketError.HostUnreachable;
            }
        }

        /// <inheritdoc />
        public long Poll(long nowMs)
        {
            _pollNeeded = false;
            long next = long.MaxValue;
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c.Owner == TcpOwner.Free)
                {
                    continue;
                }

                if (c.State == TcpState.Listen)
                {
                    long synNext = PollSynQueue(c, nowMs);
                    if (synNext < next)
                    {
                        next = synNext;
                    }

                    continue;
                }

                if (!c.IsActive)
                {
                    continue;
                }

                c.OnTimers(nowMs);
                if (c.Owner != TcpOwner.Free && c.IsActive)
                {
                    long t = c.NextDeadline();
                    if (t < next)
                    {
                        next = t;
                    }
                }
            }

            long tw = _timeWait.Expire(nowMs);
            return tw < next ? tw : next;
        }

        /// <summary>Frees a block: out of any accept queue, back to the pool, old handles invalid.</summary>
        internal void Release(TcpConnection c)
        {
            if (c.Owner == TcpOwner.Free)
            {
                return;
            }

            if (c.Parent != null)
            {
                c.Parent.Queue.RemoveAccept(c);
                c.Parent = null;
            }

            c.Owner = TcpOwner.Free;
            c.Generation = NextGeneration(c.Generation);
            c.Reset();
            NoteChange();
        }

        /// <summary>
        /// The connection reached TIME-WAIT: its duty moves to the compact table. An orphan's
        /// block is freed now; one the application still holds keeps only its unread data
        /// (state TIME_WAIT, out of the demultiplexer) until the application closes it.
        /// </summary>
        internal void EnterTimeWait(TcpConnection c, long nowMs)
        {
            _timeWait.Add(c.LocalAddress == 0 ? _ip.LocalAddress : c.LocalAddress, c.RemoteAddress, c.LocalPort, c.RemotePort, c.SndMax, c.RcvNxt, c.ReceiveWindow(), c.TsOk, c.Iss, c.TsRecent, nowMs);
            c.State = TcpState.TimeWait;
            c.Tx.Clear();
            c.RetransmitAt = TcpConnection.Never;
            c.PersistAt = TcpConnection.Never;
            c.DelayedAckAt = TcpConnection.Never;
            c.OrphanDeadline = TcpConnection.Never;
            c.AckNow = false;
            c.Touch();
            if (c.Owner != TcpOwner.App)
            {
                Release(c);
            }
        }

        private TcpConnection AllocateConnection()
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c.Owner == TcpOwner.Free)
                {
                    c.Reset();
                    return c;
                }
            }

            return null;
        }

        private bool HasFreeConnection()
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                if (_connections[i].Owner == TcpOwner.Free)
                {
                    return true;
                }
            }

            return false;
        }

        private static int NextGeneration(int generation)
        {
            generation = (generation + 1) & GenerationMask;
            return generation == 0 ? 1 : generation;
        }

        private static bool IsUnicast(uint address)
        {
            return address != 0 && address != 0xFFFFFFFF && (address & 0xF0000000) != 0xE0000000;
        }
    }
}
