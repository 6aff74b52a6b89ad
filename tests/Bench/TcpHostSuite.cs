using System.Diagnostics;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;
using NanoIP.VirtualBoard.Lab;

namespace NanoIP.Bench;

/// <summary>
/// Two NanoIP stacks (Ethernet, ARP, IPv4, TCP) on an untimed in-memory cable: how fast the stack itself
/// runs on this host. goodput_mbps_host is a bulk transfer's payload over wall-clock time;
/// alloc_bytes_per_segment the managed bytes the thread allocated during a long transfer divided by the TCP
/// segments both stacks sent (the steady state should allocate nothing); connections_per_second_host full
/// connect/accept/send/receive/close cycles per wall-clock second. Virtual time moves 1 ms per loop turn so
/// timers work; it does not enter the results.
/// </summary>
public sealed class TcpHostSuite : IBenchSuite
{
    private const long TransferBytes = 8L * 1024 * 1024;
    private const int Runs = 3;
    private static readonly uint IpA = IPv4.FromBytes(10, 0, 0, 1);
    private static readonly uint IpB = IPv4.FromBytes(10, 0, 0, 2);

    public string Name => "tcp_host";

    public string Description => "two NanoIP stacks over an in-memory link: TCP goodput, allocations per segment, connections per second (wall clock)";

    public void Run(BenchReport report)
    {
        foreach (int buffer in new[] { 4096, 16384 })
        {
            var pair = new Pair(buffer, 1460);
            pair.Connect(out int ha, out int hb);
            pair.Run(new TcpBulkTransfer(pair.A.Tcp, ha, pair.B.Tcp, hb, 1024 * 1024, verify: false, chunkBytes: 16384)); // warm-up: JIT, first-use paths
            var runs = new TcpBulkTransfer[Runs];
            for (int r = 0; r < Runs; r++) runs[r] = new TcpBulkTransfer(pair.A.Tcp, ha, pair.B.Tcp, hb, TransferBytes, verify: false, chunkBytes: 16384);
            var wall = new Stopwatch();
            double best = 0;
            int segmentsBefore = pair.A.Tcp.Counters.SegmentsSent + pair.B.Tcp.Counters.SegmentsSent;
            long allocBefore = GC.GetAllocatedBytesForCurrentThread();
            foreach (TcpBulkTransfer run in runs)
            {
                wall.Restart();
                pair.Run(run);
                wall.Stop();
                if (!run.Done) throw new InvalidOperationException("host transfer stalled at " + run.Received);
                best = Math.Max(best, TransferBytes * 8 / wall.Elapsed.TotalSeconds / 1e6);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocBefore;
            int segments = pair.A.Tcp.Counters.SegmentsSent + pair.B.Tcp.Counters.SegmentsSent - segmentsBefore;
            var tags = new (string, object)[] { ("direction", "a_to_b"), ("bytes", TransferBytes), ("send_buffer", buffer), ("receive_buffer", buffer), ("mss", 1460) };
            report.Add("goodput_mbps_host", best, "Mbit/s", tags.Append(("best_of", (object)Runs)).ToArray());
            report.Add("alloc_bytes_per_segment", (double)allocated / segments, "bytes", tags.Append(("segments", (object)segments)).ToArray());
        }

        report.Add("connections_per_second_host", ConnectionsPerSecond(out int cycles, out int evictions), "connections/s",
            ("payload_bytes", 64), ("best_of", Runs), ("cycles", cycles), ("time_wait_entries", 16), ("time_wait_evictions", evictions));
    }

    /// <summary>Connect, accept, 64 bytes each way, close both ends; the best of three 0.5 s windows after a warm-up.</summary>
    private static double ConnectionsPerSecond(out int cycles, out int evictions)
    {
        var pair = new Pair(4096, 1460);
        var payload = new byte[64];
        var back = new byte[64];
        int listener = pair.Listen(80);
        var wall = Stopwatch.StartNew();
        while (wall.ElapsedMilliseconds < 200) pair.Cycle(listener, 80, payload, back);
        double best = 0;
        cycles = 0;
        for (int pass = 0; pass < Runs; pass++)
        {
            int n = 0;
            wall.Restart();
            while (wall.ElapsedMilliseconds < 500)
            {
                for (int k = 0; k < 20; k++) pair.Cycle(listener, 80, payload, back);
                n += 20;
            }

            wall.Stop();
            cycles += n;
            best = Math.Max(best, n / wall.Elapsed.TotalSeconds);
        }

        evictions = pair.A.Tcp.Counters.TimeWaitEvictions + pair.B.Tcp.Counters.TimeWaitEvictions;
        return best;
    }

    /// <summary>Stacks A and B on a MemoryCable, polled in turn, 1 ms of virtual time per turn.</summary>
    private sealed class Pair
    {
        public readonly NetStack A;
        public readonly NetStack B;
        private long _now = 1000;

        public Pair(int buffer, int mss)
        {
            var cable = new MemoryCable(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 }, 128);
            NetConfig Config() => new NetConfig { TcpSendBufferSize = buffer, TcpReceiveBufferSize = buffer, Mss = mss, TcpSockets = 8, TimeWaitEntries = 16, RxFramesPerPoll = 16 };
            A = new NetStack(Config(), cable.A);
            B = new NetStack(Config(), cable.B);
            A.Configure(IpA, 24, 0);
            B.Configure(IpB, 24, 0);
            Turns(50);
        }

        public void Turn()
        {
            A.Poll(_now);
            B.Poll(_now);
            _now++;
        }

        public void Turns(int n)
        {
            for (int i = 0; i < n; i++) Turn();
        }

        public int Listen(int port)
        {
            B.Tcp.Open(out int l);
            B.Tcp.Bind(l, 0, port);
            B.Tcp.Listen(l, 8);
            return l;
        }

        public void Connect(out int ha, out int hb)
        {
            int l = Listen(5001);
            A.Tcp.Open(out ha);
            A.Tcp.Connect(ha, IpB, 5001, _now);
            hb = 0;
            for (int i = 0; i < 1000 && (hb == 0 || A.Tcp.GetState(ha) != TcpState.Established); i++)
            {
                Turn();
                if (hb == 0 && B.Tcp.Accept(l, out int n, out _, out _) == SocketError.Success) hb = n;
            }

            if (hb == 0) throw new InvalidOperationException("no connection");
        }

        /// <summary>Pumps the transfer and polls both stacks until it is done (bounded).</summary>
        public void Run(TcpBulkTransfer t)
        {
            for (long i = 0; i < 10_000_000 && !t.Done; i++)
            {
                t.Pump();
                Turn();
            }
        }

        /// <summary>One connection's whole life; throws when a step does not happen within bounded turns.</summary>
        public void Cycle(int listener, int port, byte[] payload, byte[] back)
        {
            A.Tcp.Open(out int c);
            if (A.Tcp.Connect(c, IpB, port, _now) != SocketError.InProgress) throw new InvalidOperationException("connect");
            int s = 0;
            for (int i = 0; i < 100 && (s == 0 || A.Tcp.GetState(c) != TcpState.Established); i++)
            {
                Turn();
                if (s == 0 && B.Tcp.Accept(listener, out int n, out _, out _) == SocketError.Success) s = n;
            }

            if (s == 0) throw new InvalidOperationException("accept");
            A.Tcp.Send(c, payload, 0, payload.Length, out _);
            int got = 0;
            for (int i = 0; i < 100 && got < payload.Length; i++)
            {
                Turn();
                if (B.Tcp.Receive(s, back, got, back.Length - got, out int n) == SocketError.Success) got += n;
            }

            B.Tcp.Send(s, back, 0, got, out _);
            got = 0;
            for (int i = 0; i < 100 && got < payload.Length; i++)
            {
                Turn();
                if (A.Tcp.Receive(c, back, got, back.Length - got, out int n) == SocketError.Success) got += n;
            }

            if (got != payload.Length) throw new InvalidOperationException("echo");
            A.Tcp.Close(c, _now);
            B.Tcp.Close(s, _now);
            for (int i = 0; i < 100 && (A.Tcp.FreeSockets < 8 || B.Tcp.FreeSockets < 7); i++) Turn();
            if (A.Tcp.FreeSockets < 8 || B.Tcp.FreeSockets < 7) throw new InvalidOperationException("close");
        }
    }
}
