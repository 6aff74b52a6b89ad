using NanoIP.Sockets;

namespace NanoIP.Transport.Tcp
{
    /// <summary>Who holds a control block.</summary>
    internal enum TcpOwner
    {
        /// <summary>In the free pool.</summary>
        Free = 0,
        /// <summary>The application holds a handle to it.</summary>
        App = 1,
        /// <summary>Completed the handshake, waits in a listener's accept queue.</summary>
        Queued = 2,
        /// <summary>Closed by the application, still finishing (FIN, linger); freed when done.</summary>
        Orphan = 3
    }

    /// <summary>
    /// One transmission control block (RFC 9293 §3.3.1): its state, sequence variables,
    /// rings, timers and options. Allocated once at start-up in TcpLayer's fixed table and
    /// reused; the state machine lives in the partial files beside this one (Input, Output,
    /// Timers, User).
    /// </summary>
    internal sealed partial class TcpConnection
    {
        internal const long Never = long.MaxValue;

        private readonly TcpLayer _layer;
        private readonly NetConfig _config;
        private readonly TcpCounters _counters;
        private readonly TcpEmitter _emitter;

        internal readonly int Index;
        internal int Generation;
        internal TcpOwner Owner;
        internal TcpState State;

        // Identity
        internal uint LocalAddress;
        internal uint RemoteAddress;
        internal int LocalPort;
        internal int RemotePort;
        internal bool Bound;
        /// <summary>The listener whose accept queue holds this block (Owner == Queued).</summary>
        internal TcpConnection Parent;
        internal readonly ListenQueue Queue;

        // Buffers and estimators
        internal readonly SendRing Tx;
        internal readonly ReceiveRing Rx;
        internal readonly RtoEstimator Rtt;
        internal readonly CongestionControl Cc;

        // Options
        internal bool NoDelay;
        internal bool KeepAlive;
        internal bool ReuseAddress;
        internal bool LingerEnabled;
        internal int LingerMs;

        // Send sequence space (RFC 9293 §3.3.1). SndMax: highest sequence ever sent (SND.NXT
        // moves back to SND.UNA on a timeout; ACKs up to SndMax stay acceptable).
        internal uint Iss;
        internal uint SndUna;
        internal uint SndNxt;
        internal uint SndMax;
        internal uint SndWl1;
        internal uint SndWl2;
        internal int SndWnd;
        internal int MaxSndWnd;
        internal int SendMss;
        /// <summary>The application closed the send side: FIN follows the queued data.</summary>
        internal bool FinQueued;
        internal bool FinSent;
        internal bool FinAcked;

        // Receive sequence space. RcvAdvEdge = RCV.NXT + the window last advertised (never shrinks).
        internal uint Irs;
        internal uint RcvNxt;
        internal uint RcvAdvEdge;
        internal bool FinReceived;
        internal bool RemoteFinPending;
        internal uint RemoteFinSeq;
        internal bool ReceiveShutdown;

        // ACK state
        internal bool AckNow;
        internal int AckPendingSegments;
        internal long DelayedAckAt;

        // Timers
        internal long RetransmitAt;
        internal int Retries;
        internal long PersistAt;
        internal int PersistIntervalMs;
        internal int PersistUnanswered;
        internal long LastReceivedAt;
        internal int KeepAliveSent;
        internal long OrphanDeadline;

        // RTT measurement of one segment at a time (Karn: never a retransmitted one).
        internal bool RttTiming;
        internal uint RttSeq;
        internal long RttStart;
        internal bool SynRetransmitted;

        // Errors and change indication
        internal SocketError Error;
        internal SocketError SoftError;
        internal int Changes;

        internal TcpConnection(TcpLayer layer, NetConfig config, TcpCounters counters, TcpEmitter emitter, int index)
        {
            _layer = layer;
            _config = config;
            _counters = counters;
            _emitter = emitter;
            Index = index;
            Tx = new SendRing(config.TcpSendBufferSize);
            Rx = new ReceiveRing(config.TcpReceiveBufferSize, config.OutOfOrderSlots);
            Rtt = new RtoEstimator(config.InitialRtoMs, config.MinRtoMs, config.MaxRtoMs);
            Cc = new CongestionControl();
            Queue = new ListenQueue(config.MaxSynQueue, config.MaxAcceptQueue);
            Reset();
        }

        /// <summary>Back to a fresh CLOSED block with default options (on allocation).</summary>
        internal void Reset()
        {
            State = TcpState.Closed;
            LocalAddress = 0;
            RemoteAddress = 0;
            LocalPort = 0;
            RemotePort = 0;
            Bound = false;
            Parent = null;
            NoDelay = false;
            KeepAlive = false;
            ReuseAddress = false;
            LingerEnabled = false;
            LingerMs = 0;
            Error = SocketError.Success;
            ResetConnection();
        }

        /// <summary>Clears everything a connection attempt uses, keeping identity and options.</summary>
        internal void ResetConnection()
        {
            Tx.Clear();
            Rx.Clear();
            Rtt.Reset();
            Cc.Init(_config.Mss, false);
            Queue.ClearSyn();
            Iss = 0;
            SndUna = 0;
            SndNxt = 0;
            SndMax = 0;
            SndWl1 = 0;
            SndWl2 = 0;
            SndWnd = 0;
            MaxSndWnd = 0;
            SendMss = 536;
            FinQueued = false;
            FinSent = false;
            FinAcked = false;
            Irs = 0;
            RcvNxt = 0;
            RcvAdvEdge = 0;
            FinReceived = false;
            RemoteFinPending = false;
            RemoteFinSeq = 0;
            ReceiveShutdown = false;
            AckNow = false;
            AckPendingSegments = 0;
            DelayedAckAt = Never;
            RetransmitAt = Never;
            Retries = 0;
            PersistAt = Never;
            PersistIntervalMs = 0;
            PersistUnanswered = 0;
            LastReceivedAt = 0;
            KeepAliveSent = 0;
            OrphanDeadline = Never;
            RttTiming = false;
            RttSeq = 0;
            RttStart = 0;
            SynRetransmitted = false;
            TsOk = false;
            TsRecent = 0;
            TsRecentAt = 0;
            LastAckSent = 0;
            RetransmitTsVal = 0;
            HasRetransmitted = false;
            SoftError = SocketError.Success;
        }

        /// <summary>States in which the block is found by the 4-tuple demultiplexer.</summary>
        internal bool IsActive
        {
            get { return State != TcpState.Closed && State != TcpState.Listen && State != TcpState.TimeWait; }
        }

        /// <summary>Sequence number just past the last byte queued for sending.</summary>
        internal uint DataEnd { get { return unchecked(SndUna + (uint)Tx.Count); } }

        /// <summary>Something the application may wait on changed.</summary>
        internal void Touch()
        {
            Changes++;
            _layer.NoteChange();
        }

        /// <summary>The window currently offered: RcvAdvEdge − RCV.NXT.</summary>
        internal int ReceiveWindow()
        {
            int w = TcpSeq.Diff(RcvAdvEdge, RcvNxt);
            return w > 0 ? w : 0;
        }

        /// <summary>What the buffer could offer now: free space, capped to the 16-bit field (no window scaling).</summary>
        private int PotentialWindow()
        {
            int free = ReceiveShutdown ? Rx.Capacity : Rx.Free;
            return free > 0xFFFF ? 0xFFFF : free;
        }

        /// <summary>
        /// Receiver-side silly window avoidance (RFC 9293 §3.8.6.2.2, RFC 1122 §4.2.3.3): the
        /// right edge moves only when it can move by min(buffer/2, MSS).
        /// </summary>
        private int WindowUpdateThreshold()
        {
            int half = Rx.Capacity / 2;
            return half < SendMss ? half : SendMss;
        }

        /// <summary>How far the right edge would move if a segment were sent now.</summary>
        internal int PendingWindowIncrease()
        {
            return TcpSeq.Diff(unchecked(RcvNxt + (uint)PotentialWindow()), RcvAdvEdge);
        }

        /// <summary>The window to put in an outgoing segment; moves the edge when worth it.</summary>
        internal int AdvertiseWindow()
        {
            int increase = PendingWindowIncrease();
            if (increase > 0 && increase >= WindowUpdateThreshold())
            {
                RcvAdvEdge = unchecked(RcvNxt + (uint)PotentialWindow());
            }

            return ReceiveWindow();
        }

        /// <summary>Our MSS option value: configured, within the link's MTU.</summary>
        internal int OwnMss()
        {
            return _emitter.LinkMss(_config.Mss);
        }

        /// <summary>Send MSS = min(peer's option or 536, ours, link) (RFC 9293 §3.7.1) less the timestamps option, with a floor against absurd options.</summary>
        internal void SetPeerMss(int peerMss)
        {
            if (peerMss <= 0)
            {
                peerMss = 536;
            }

            int own = OwnMss();
            int mss = peerMss < own ? peerMss : own;
            if (TsOk)
            {
                mss -= 12; // The MSS counts no options; the timestamps ride in every segment (RFC 6691 §2).
            }

            SendMss = mss < 64 ? 64 : mss;
        }

        /// <summary>The connection is over (reset, refused, timed out or closed): stop everything.</summary>
        internal void Fail(SocketError error)
        {
            State = TcpState.Closed;
            if (error != SocketError.Success)
            {
                Error = error;
            }

            Tx.Clear();
            RetransmitAt = Never;
            PersistAt = Never;
            DelayedAckAt = Never;
            OrphanDeadline = Never;
            AckNow = false;
            Touch();
            if (Owner != TcpOwner.App)
            {
                _layer.Release(this);
            }
        }

        /// <summary>RST &lt;SEQ=SND.NXT&gt; for an abort (RFC 9293 §3.10.5); then the block is closed.</summary>
        internal void SendReset(long nowMs)
        {
            Emit(SndNxt, RcvNxt, TcpFlags.Rst | TcpFlags.Ack, 0, 0, 0, 0, nowMs);
        }

        internal void FillInfo(TcpInfo info)
        {
            info.State = State;
            info.Iss = Iss;
            info.Irs = Irs;
            info.SndUna = SndUna;
            info.SndNxt = SndNxt;
            info.SndMax = SndMax;
            info.SndWnd = SndWnd;
            info.RcvNxt = RcvNxt;
            info.RcvWnd = ReceiveWindow();
            info.SendMss = SendMss;
            info.Timestamps = TsOk;
            info.Cwnd = Cc.Cwnd;
            info.Ssthresh = Cc.Ssthresh;
            info.InRecovery = Cc.InRecovery;
            info.Rto = Rtt.Rto;
            info.Srtt = Rtt.Srtt;
            info.RttVar = Rtt.RttVar;
            info.Retries = Retries;
            info.SendQueued = Tx.Count;
            info.ReceiveQueued = Rx.Readable;
            info.OutOfOrderRanges = Rx.OutOfOrder.Count;
            info.RetransmitAt = RetransmitAt;
            info.PersistAt = PersistAt;
            info.DelayedAckAt = DelayedAckAt;
            info.LocalAddress = LocalAddress;
            info.LocalPort = LocalPort;
            bool listening = State == TcpState.Listen;
            info.RemoteAddress = listening || State == TcpState.Closed ? 0 : RemoteAddress;
            info.RemotePort = listening || State == TcpState.Closed ? 0 : RemotePort;
            info.SynQueued = listening ? Queue.SynCount : 0;
            info.SynLimit = listening ? Queue.SynLimit : 0;
            info.AcceptQueued = listening ? Queue.AcceptCount : 0;
            info.AcceptLimit = listening ? Queue.AcceptLimit : 0;
            info.Detached = Owner != TcpOwner.App;
        }
    }
}
