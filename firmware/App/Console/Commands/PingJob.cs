using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>
    /// One ping run as a state machine (iputils' output): sends on schedule, prints each
    /// reply, timeout or error as the stack's ping client reports it, and ends with the
    /// statistics. Requests in flight sit in a fixed table; a run allocates only its text.
    /// </summary>
    public sealed class PingJob : IConsoleJob
    {
        private const int Slots = 16;
        private const int StateIdle = 0;
        private const int StateResolving = 1;
        private const int StateRunning = 2;

        private readonly int[] _wireSequence = new int[Slots];
        private readonly int[] _icmpSeq = new int[Slots];
        private readonly bool[] _used = new bool[Slots];
        private int _state;
        private string _host;
        private uint _address;
        private int _count;
        private int _size;
        private int _intervalMs;
        private int _waitMs;
        private int _savedTimeoutMs;
        private int _resolveHandle;
        private int _attempts;
        private int _transmitted;
        private int _received;
        private int _errors;
        private long _startMs;
        private long _nextSendMs;
        /// <summary>Wait before sending again when the stack had no room for a request.</summary>
        private const int BusyRetryMs = 10;
        private long _minUs;
        private long _maxUs;
        private long _sumUs;
        private long _sum2Ms;

        public bool Running
        {
            get { return _state != StateIdle; }
        }

        public long NextDueMs
        {
            // With every slot waiting, a reply or the stack's timeout frees one (the stack's deadline).
            get { return _state == StateRunning && MoreToSend && FreeSlot() >= 0 ? _nextSendMs : NetTime.Never; }
        }

        /// <summary>Starts pinging address; null when it cannot start (the reason is printed).</summary>
        public IConsoleJob Start(ConsoleContext ctx, string host, uint address, int count, int size, int intervalMs, int waitMs)
        {
            Reset(host, count, size, intervalMs, waitMs);
            return Begin(ctx, address) ? this : null;
        }

        /// <summary>Starts with a name lookup through ctx.Resolver; pinging begins when it resolves.</summary>
        public IConsoleJob StartResolving(ConsoleContext ctx, string host, int count, int size, int intervalMs, int waitMs)
        {
            Reset(host, count, size, intervalMs, waitMs);
            int h = ctx.Resolver.Begin(host, ctx.NowMs);
            if (h < 0)
            {
                ctx.WriteLine("ping: " + host + ": Temporary failure in name resolution");
                return null;
            }

            _resolveHandle = h;
            _state = StateResolving;
            return this;
        }

        public bool Step(ConsoleContext ctx)
        {
            if (_state == StateResolving)
            {
                uint address;
                int looked = HostLookup.Finish(ctx, _resolveHandle, "ping", _host, out address);
                if (looked < 0)
                {
                    return false;
                }

                _state = StateIdle;
                if (looked == 0)
                {
                    return true;
                }

                return !Begin(ctx, address);
            }

            if (_state != StateRunning)
            {
                return true;
            }

            Collect(ctx);
            if (MoreToSend && ctx.NowMs >= _nextSendMs && FreeSlot() >= 0)
            {
                Send(ctx);
                Collect(ctx);
            }

            if ((_count > 0 && _received >= _count) || (!MoreToSend && InFlight() == 0))
            {
                Finish(ctx);
                return true;
            }

            return false;
        }

        public void Cancel(ConsoleContext ctx)
        {
            if (_state == StateResolving)
            {
                ctx.Resolver.End(_resolveHandle);
                _state = StateIdle;
                return;
            }

            if (_state == StateRunning)
            {
                Collect(ctx);
                Finish(ctx);
            }
        }

        private bool MoreToSend
        {
            get { return _count == 0 || _attempts < _count; }
        }

        private void Reset(string host, int count, int size, int intervalMs, int waitMs)
        {
            _host = host;
            _count = count;
            _size = size;
            _intervalMs = intervalMs;
            _waitMs = waitMs;
            _attempts = 0;
            _transmitted = 0;
            _received = 0;
            _errors = 0;
            _minUs = long.MaxValue;
            _maxUs = 0;
            _sumUs = 0;
            _sum2Ms = 0;
            for (int i = 0; i < Slots; i++)
            {
                _used[i] = false;
            }
        }

        private bool Begin(ConsoleContext ctx, uint address)
        {
            _address = address;
            Ping ping = ctx.Stack.Ping;
            _savedTimeoutMs = ping.TimeoutMs;
            ping.TimeoutMs = _waitMs;
            _startMs = ctx.NowMs;
            _nextSendMs = ctx.NowMs;
            int seq = ping.Send(address, _size, ctx.NowMs);
            if (seq < 0 && (ping.LastError == SocketError.NetworkUnreachable || ping.LastError == SocketError.InvalidArgument))
            {
                // iputils connects first: no route means no run at all, just this line.
                ping.TimeoutMs = _savedTimeoutMs;
                ctx.WriteLine("ping: connect: " + TextFormat.ErrorText(ping.LastError));
                return false;
            }

            _state = StateRunning;
            ctx.WriteLine("PING " + _host + " (" + IPv4.ToString(address) + ") " + _size.ToString() + "("
                + (_size + IcmpMessage.HeaderLength + 20).ToString() + ") bytes of data.");
            Sent(ctx, seq, ping.LastError);
            return true;
        }

        private void Send(ConsoleContext ctx)
        {
            Ping ping = ctx.Stack.Ping;
            int seq = ping.Send(_address, _size, ctx.NowMs);
            Sent(ctx, seq, ping.LastError);
        }

        private void Sent(ConsoleContext ctx, int seq, SocketError error)
        {
            if (seq < 0 && error == SocketError.NoBufferSpace)
            {
                // Every slot of the stack's ping client waits (or the ARP queue is full): try
                // again shortly. Not at once: on a virtual clock a due time that never moves
                // would keep the network thread at this instant for good.
                _nextSendMs = ctx.NowMs + BusyRetryMs;
                return;
            }

            _attempts++;
            _transmitted++;
            _nextSendMs = _nextSendMs + _intervalMs;
            if (_nextSendMs <= ctx.NowMs)
            {
                _nextSendMs = ctx.NowMs + _intervalMs;
            }

            if (seq >= 0)
            {
                int slot = FreeSlot();
                _used[slot] = true;
                _wireSequence[slot] = seq;
                _icmpSeq[slot] = _attempts;
                return;
            }

            if (error == SocketError.HostUnreachable)
            {
                // ARP failed for this next hop moments ago: Linux reports it as the local host's error.
                _errors++;
                ctx.WriteLine("From " + IPv4.ToString(ctx.Stack.Address) + " icmp_seq=" + _attempts.ToString() + " Destination Host Unreachable");
                return;
            }

            ctx.WriteLine("ping: sendmsg: " + TextFormat.ErrorText(error));
        }

        /// <summary>Prints every finished request, oldest first, and frees its slot.</summary>
        private void Collect(ConsoleContext ctx)
        {
            Ping ping = ctx.Stack.Ping;
            while (true)
            {
                int pick = -1;
                for (int i = 0; i < Slots; i++)
                {
                    if (_used[i] && ping.GetStatus(_wireSequence[i]) != PingStatus.Waiting && (pick < 0 || _icmpSeq[i] < _icmpSeq[pick]))
                    {
                        pick = i;
                    }
                }

                if (pick < 0)
                {
                    return;
                }

                Report(ctx, ping, pick);
                ping.Release(_wireSequence[pick]);
                _used[pick] = false;
            }
        }

        private void Report(ConsoleContext ctx, Ping ping, int slot)
        {
            int wire = _wireSequence[slot];
            string seq = _icmpSeq[slot].ToString();
            PingStatus status = ping.GetStatus(wire);
            if (status == PingStatus.Replied)
            {
                long rttMs = ping.GetRttMs(wire);
                long us = rttMs * 1000;
                _received++;
                _sumUs += us;
                _sum2Ms += rttMs * rttMs;
                if (us < _minUs)
                {
                    _minUs = us;
                }

                if (us > _maxUs)
                {
                    _maxUs = us;
                }

                ctx.WriteLine((_size + IcmpMessage.HeaderLength).ToString() + " bytes from " + IPv4.ToString(ping.GetReplyFrom(wire))
                    + ": icmp_seq=" + seq + " time=" + TextFormat.PingTime(us) + " ms");
            }
            else if (status == PingStatus.TimedOut)
            {
                ctx.WriteLine("no answer yet for icmp_seq=" + seq);
            }
            else if (status == PingStatus.Unreachable)
            {
                _errors++;
                int type = ping.GetErrorType(wire);
                int code = ping.GetErrorCode(wire);
                string what = ErrorText(type, code);
                ctx.WriteLine(type == 3 && code == 1
                    ? "From " + IPv4.ToString(ctx.Stack.Address) + " icmp_seq=" + seq + " " + what
                    : "icmp_seq=" + seq + " " + what);
            }
        }

        private void Finish(ConsoleContext ctx)
        {
            Ping ping = ctx.Stack.Ping;
            for (int i = 0; i < Slots; i++)
            {
                if (_used[i])
                {
                    ping.Release(_wireSequence[i]);
                    _used[i] = false;
                }
            }

            ping.TimeoutMs = _savedTimeoutMs;
            _state = StateIdle;
            ctx.Write(Statistics(ctx.NowMs - _startMs));
        }

        /// <summary>iputils' closing block: the counts, loss and time, then rtt min/avg/max/mdev.</summary>
        private string Statistics(long elapsedMs)
        {
            string text = "\r\n--- " + _host + " ping statistics ---\r\n"
                + _transmitted.ToString() + " packets transmitted, " + _received.ToString() + " received, ";
            if (_errors > 0)
            {
                text = text + "+" + _errors.ToString() + " errors, ";
            }

            if (_transmitted > 0)
            {
                text = text + ((long)(_transmitted - _received) * 100 / _transmitted).ToString() + "% packet loss, ";
            }

            text = text + "time " + elapsedMs.ToString() + "ms\r\n";
            if (_received > 0)
            {
                long avg = _sumUs / _received;
                // E[x²] in µs² without overflowing: the sum of squares is kept in ms².
                long meanSquare = (_sum2Ms / _received) * 1000000 + (_sum2Ms % _received) * 1000000 / _received;
                long mdev = TextFormat.Sqrt(meanSquare - avg * avg);
                text = text + "rtt min/avg/max/mdev = " + TextFormat.Millis3(_minUs) + "/" + TextFormat.Millis3(avg) + "/"
                    + TextFormat.Millis3(_maxUs) + "/" + TextFormat.Millis3(mdev) + " ms\r\n";
            }

            return text;
        }

        /// <summary>iputils' wording for ICMP errors.</summary>
        public static string ErrorText(int type, int code)
        {
            if (type == 3)
            {
                switch (code)
                {
                    case 0: return "Destination Net Unreachable";
                    case 1: return "Destination Host Unreachable";
                    case 2: return "Destination Protocol Unreachable";
                    case 3: return "Destination Port Unreachable";
                    case 4: return "Frag needed and DF set";
                    case 5: return "Source Route Failed";
                    case 6: return "Destination Net Unknown";
                    case 7: return "Destination Host Unknown";
                    case 9: return "Destination Net Prohibited";
                    case 10: return "Destination Host Prohibited";
                    case 13: return "Communication prohibited by filter";
                    default: return "Dest Unreachable, Bad Code: " + code.ToString();
                }
            }

            if (type == 11)
            {
                return code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
            }

            if (type == 12)
            {
                return "Parameter problem";
            }

            return "Bad ICMP type: " + type.ToString();
        }

        private int FreeSlot()
        {
            for (int i = 0; i < Slots; i++)
            {
                if (!_used[i])
                {
                    return i;
                }
            }

            return -1;
        }

        private int InFlight()
        {
            int n = 0;
            for (int i = 0; i < Slots; i++)
            {
                if (_used[i])
                {
                    n++;
                }
            }

            return n;
        }
    }
}
