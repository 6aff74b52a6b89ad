using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.HostTests.Tcp
{
    /// <summary>
    /// ARCHITECTURE §4: the steady state allocates nothing. After a warm-up, a long transfer
    /// (with periodic loss, so retransmission and recovery paths run too) and a hundred
    /// connect/accept/close cycles must allocate zero bytes on the calling thread.
    /// </summary>
    [TestClass]
    public class TcpAllocationTests
    {
        [TestMethod]
        public void SteadyStateAllocatesNothing()
        {
            NetConfig config = new NetConfig { TcpSockets = 4, TcpSendBufferSize = 8192, TcpReceiveBufferSize = 8192, TimeWaitEntries = 8 };
            var link = new Link(config);
            int listener = link.Listen(80);

            // Warm-up: JIT, first-use paths, every timer kind.
            link.DropEvery = 37;
            link.Cycle(listener, 80, 3);
            RunTransfer(link, listener, 200_000);

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            int errors = RunTransfer(link, listener, 4_000_000);
            errors += link.Cycle(listener, 80, 100);
            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;

            OutputHelper.WriteLine("allocated " + allocated + " bytes; segments " + link.Delivered + ", dropped " + link.Dropped
                + ", retransmits " + (link.A.Counters.Retransmits + link.B.Counters.Retransmits)
                + ", fast " + (link.A.Counters.FastRetransmits + link.B.Counters.FastRetransmits)
                + ", TIME-WAIT evictions " + (link.A.Counters.TimeWaitEvictions + link.B.Counters.TimeWaitEvictions));
            Assert.AreEqual(0, errors);
            Assert.IsTrue(link.Dropped > 0);
            Assert.AreEqual(0L, allocated);
        }

        [TestMethod]
        public void FootprintEstimateMatchesWhatTheConstructorAllocates()
        {
            NetConfig config = new NetConfig();
            var ip = new NullSender();
            new TcpLayer(config, ip); // warm-up (type loading)
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            TcpLayer layer = new TcpLayer(config, ip);
            long measured = System.GC.GetAllocatedBytesForCurrentThread() - before;
            OutputHelper.WriteLine("TcpLayer with default NetConfig: allocated " + measured + " bytes, FootprintBytes " + layer.FootprintBytes);
            Assert.IsTrue(System.Math.Abs(measured - layer.FootprintBytes) < measured / 5);
        }

        private sealed class NullSender : IIpSender
        {
            public byte[] TxBuffer { get; } = new byte[1514];

            public int TransportOffset => 34;

            public int MaxTransportLength => 1480;

            public uint LocalAddress => 0x0A000001;

            public IpSendResult Send(uint destination, byte protocol, int transportLength, long nowMs) => IpSendResult.Sent;

            public IpSendResult RouteStatus(uint destination, long nowMs) => IpSendResult.Sent;
        }

        /// <summary>Connect, move total bytes A→B checking each, close both; returns the number of faults seen.</summary>
        private static int RunTransfer(Link link, int listener, int total)
        {
            int errors = 0;
            if (!link.Connect(listener, 80, out int client, out int server))
            {
                return 1;
            }

            byte[] chunk = link.Chunk;
            byte[] rbuf = link.ReadBuffer;
            int sent = 0;
            int received = 0;
            long limit = link.Now + 3_600_000;
            while (received < total && link.Now < limit)
            {
                while (sent < total)
                {
                    int n = System.Math.Min(chunk.Length, total - sent);
                    for (int k = 0; k < n; k++)
                    {
                        chunk[k] = (byte)((sent + k) * 7 + ((sent + k) >> 9));
                    }

                    if (link.A.Send(client, chunk, 0, n, out int accepted) != SocketError.Success || accepted == 0)
                    {
                        break;
                    }

                    sent += accepted;
                }

                while (link.B.Receive(server, rbuf, 0, rbuf.Length, out int got) == SocketError.Success && got > 0)
                {
                    for (int k = 0; k < got; k++)
                    {
                        if (rbuf[k] != (byte)((received + k) * 7 + ((received + k) >> 9)))
                        {
                            errors++;
                        }
                    }

                    received += got;
                }

                link.Step();
            }

            if (received != total)
            {
                errors++;
            }

            errors += link.CloseBoth(client, server);
            return errors;
        }

        /// <summary>Two layers on a lossless-but-for-DropEvery FIFO link with 1 ms latency; fixed pool, no allocation.</summary>
        private sealed class Link
        {
            private const int Slots = 512;
            private readonly byte[][] _data = new byte[Slots][];
            private readonly int[] _length = new int[Slots];
            private readonly long[] _at = new long[Slots];
            private readonly bool[] _toB = new bool[Slots];
            private int _head;
            private int _count;
            private int _sentCount;
            private readonly NetConfig _config;

            public readonly TcpLayer A;
            public readonly TcpLayer B;
            public readonly byte[] Chunk = new byte[4000];
            public readonly byte[] ReadBuffer = new byte[4000];
            public long Now = 1;
            public int DropEvery;
            public int Delivered;
            public int Dropped;

            public Link(NetConfig config)
            {
                _config = config;
                for (int i = 0; i < Slots; i++)
                {
                    _data[i] = new byte[1500];
                }

                A = new TcpLayer(config, new End(this, true));
                B = new TcpLayer(config, new End(this, false));
            }

            public int Listen(int port)
            {
                B.Open(out int h);
                B.Bind(h, 0, port);
                B.Listen(h, 4);
                return h;
            }

            public void Enqueue(bool fromA, byte[] tx, int length)
            {
                _sentCount++;
                if (DropEvery > 0 && _sentCount % DropEvery == 0)
                {
                    Dropped++;
                    return;
                }

                if (_count == Slots)
                {
                    Dropped++;
                    return;
                }

                int slot = (_head + _count) % Slots;
                System.Array.Copy(tx, 34, _data[slot], 0, length);
                _length[slot] = length;
                _toB[slot] = fromA;
                _at[slot] = Now + 1;
                _count++;
            }

            public void Step()
            {
                long next = System.Math.Min(A.Poll(Now), B.Poll(Now));
                if (_count > 0)
                {
                    next = System.Math.Min(next, _at[_head]);
                }

                Now = next > Now && next != long.MaxValue ? next : Now + 1;
                while (_count > 0 && _at[_head] <= Now)
                {
                    int slot = _head;
                    _head = (_head + 1) % Slots;
                    _count--;
                    Delivered++;
                    if (_toB[slot])
                    {
                        B.Receive(0x0A000001, 0x0A000002, false, _data[slot], 0, _length[slot], Now);
                    }
                    else
                    {
                        A.Receive(0x0A000002, 0x0A000001, false, _data[slot], 0, _length[slot], Now);
                    }
                }
            }

            public bool Connect(int listener, int port, out int client, out int server)
            {
                server = 0;
                A.Open(out client);
                A.Connect(client, 0x0A000002, port, Now);
                for (int i = 0; i < 100_000; i++)
                {
                    Step();
                    if (server == 0 && B.Accept(listener, out server, out _, out _) != SocketError.Success)
                    {
                        server = 0;
                    }

                    if (server != 0 && A.GetState(client) == TcpState.Established)
                    {
                        return true;
                    }
                }

                return false;
            }

            public int CloseBoth(int client, int server)
            {
                A.Close(client, Now);
                bool serverClosed = false;
                for (int i = 0; i < 1_000_000; i++)
                {
                    Step();
                    if (!serverClosed && B.Receive(server, ReadBuffer, 0, 16, out int n) == SocketError.Success && n == 0)
                    {
                        B.Close(server, Now);
                        serverClosed = true;
                    }

                    if (serverClosed && A.FreeSockets == _config.TcpSockets && B.FreeSockets == _config.TcpSockets - 1)
                    {
                        return 0;
                    }
                }

                return 1;
            }

            /// <summary>count connect/send/accept/close cycles, alternating who closes first.</summary>
            public int Cycle(int listener, int port, int count)
            {
                int errors = 0;
                for (int c = 0; c < count; c++)
                {
                    if (!Connect(listener, port, out int client, out int server))
                    {
                        return errors + 1;
                    }

                    A.Send(client, Chunk, 0, 100, out _);
                    B.Send(server, Chunk, 0, 100, out _);
                    int got = 0;
                    for (int i = 0; i < 10_000 && got < 100; i++)
                    {
                        Step();
                        if (B.Receive(server, ReadBuffer, 0, ReadBuffer.Length, out int n) == SocketError.Success)
                        {
                            got += n;
                        }
                    }

                    A.Receive(client, ReadBuffer, 0, ReadBuffer.Length, out _);
                    if (got != 100)
                    {
                        errors++;
                    }

                    if ((c & 1) == 0)
                    {
                        errors += CloseBoth(client, server);
                    }
                    else
                    {
                        // The server closes first this time.
                        B.Close(server, Now);
                        bool clientClosed = false;
                        for (int i = 0; i < 1_000_000 && !(clientClosed && A.FreeSockets == _config.TcpSockets && B.FreeSockets == _config.TcpSockets - 1); i++)
                        {
                            Step();
                            if (!clientClosed && A.Receive(client, ReadBuffer, 0, 16, out int n) == SocketError.Success && n == 0)
                            {
                                A.Close(client, Now);
                                clientClosed = true;
                            }
                        }
                    }
                }

                return errors;
            }

            private sealed class End : IIpSender
            {
                private readonly Link _link;
                private readonly bool _isA;

                public End(Link link, bool isA)
                {
                    _link = link;
                    _isA = isA;
                    LocalAddress = isA ? 0x0A000001u : 0x0A000002u;
                }

                public byte[] TxBuffer { get; } = new byte[1514];

                public int TransportOffset => 34;

                public int MaxTransportLength => 1480;

                public uint LocalAddress { get; }

                public IpSendResult Send(uint destination, byte protocol, int transportLength, long nowMs)
                {
                    _link.Enqueue(_isA, TxBuffer, transportLength);
                    return IpSendResult.Sent;
                }

                public IpSendResult RouteStatus(uint destination, long nowMs) => IpSendResult.Sent;
            }
        }
    }
}
