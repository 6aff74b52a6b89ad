using System;
using nanoFramework.TestFramework;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Opens connections and moves verified byte streams through a TcpPipe.</summary>
    public static class PipeDriver
    {
        /// <summary>The byte at stream position i: not periodic at small powers of two, so a misplaced segment shows.</summary>
        public static byte Pattern(int i, int seed)
        {
            return (byte)((((uint)i + (uint)seed) * 2654435761u) >> 24);
        }

        /// <summary>B listens on port, A connects; steps until both ends are ESTABLISHED and accepted.</summary>
        public static void Connect(TcpPipe pipe, int port, out int listener, out int client, out int server)
        {
            Assert.AreEqual((int)SocketError.Success, (int)pipe.B.Open(out listener));
            Assert.AreEqual((int)SocketError.Success, (int)pipe.B.Bind(listener, 0, port));
            Assert.AreEqual((int)SocketError.Success, (int)pipe.B.Listen(listener, 4));
            ConnectTo(pipe, listener, port, out client, out server);
        }

        /// <summary>A connects to B's existing listener.</summary>
        public static void ConnectTo(TcpPipe pipe, int listener, int port, out int client, out int server)
        {
            Assert.AreEqual((int)SocketError.Success, (int)pipe.A.Open(out client));
            Assert.AreEqual((int)SocketError.InProgress, (int)pipe.A.Connect(client, TcpPipe.AddressB, port, pipe.Now));
            server = 0;
            long limit = pipe.Now + 200000;
            while (pipe.Now < limit)
            {
                pipe.Step();
                if (server == 0)
                {
                    uint addr;
                    int rport;
                    if (pipe.B.Accept(listener, out server, out addr, out rport) != SocketError.Success)
                    {
                        server = 0;
                    }
                }

                if (server != 0 && pipe.A.GetState(client) == TcpState.Established)
                {
                    return;
                }

                Assert.AreEqual((int)SocketError.Success, (int)pipe.A.GetError(client));
            }

            Assert.IsTrue(false, "connection not established in time");
        }

        /// <summary>
        /// Sends total bytes from (tx, th) to (rx, rh), checking every byte on arrival; returns
        /// the virtual milliseconds from the first write to the last byte read.
        /// </summary>
        public static long Transfer(TcpPipe pipe, TcpLayer tx, int th, TcpLayer rx, int rh, int total, int seed, long limitMs)
        {
            byte[] chunk = new byte[3000];
            byte[] rbuf = new byte[3000];
            int sent = 0;
            int received = 0;
            long start = pipe.Now;
            while (received < total)
            {
                Assert.IsTrue(pipe.Now - start < limitMs, "transfer too slow: " + received.ToString() + " of " + total.ToString());
                PumpSend(tx, th, chunk, ref sent, total, seed);
                received += PumpReceive(rx, rh, rbuf, received, seed);
                pipe.Step();
            }

            Assert.AreEqual(total, received);
            return pipe.Now - start;
        }

        /// <summary>Writes as much of the pattern as the send ring takes.</summary>
        public static void PumpSend(TcpLayer tx, int th, byte[] chunk, ref int sent, int total, int seed)
        {
            while (sent < total)
            {
                int n = total - sent < chunk.Length ? total - sent : chunk.Length;
                for (int k = 0; k < n; k++)
                {
                    chunk[k] = Pattern(sent + k, seed);
                }

                int accepted;
                SocketError e = tx.Send(th, chunk, 0, n, out accepted);
                if (e == SocketError.WouldBlock || accepted == 0)
                {
                    return;
                }

                Assert.AreEqual((int)SocketError.Success, (int)e);
                sent += accepted;
            }
        }

        /// <summary>Reads what is there and checks it against the pattern; returns the count.</summary>
        public static int PumpReceive(TcpLayer rx, int rh, byte[] rbuf, int position, int seed)
        {
            int got = 0;
            while (true)
            {
                int n;
                SocketError e = rx.Receive(rh, rbuf, 0, rbuf.Length, out n);
                if (e == SocketError.WouldBlock || n == 0)
                {
                    return got;
                }

                Assert.AreEqual((int)SocketError.Success, (int)e);
                for (int k = 0; k < n; k++)
                {
                    if (rbuf[k] != Pattern(position + got + k, seed))
                    {
                        Assert.AreEqual(Pattern(position + got + k, seed), rbuf[k], "byte " + (position + got + k).ToString());
                    }
                }

                got += n;
            }
        }

        /// <summary>Both ends close (tx first, rx after reading end of stream); steps until every block is free.</summary>
        public static void CloseBoth(TcpPipe pipe, TcpLayer tx, int th, TcpLayer rx, int rh, int txSockets, int rxSockets, long limitMs)
        {
            Assert.AreEqual((int)SocketError.Success, (int)tx.Close(th, pipe.Now));
            byte[] b = new byte[16];
            bool rxClosed = false;
            long limit = pipe.Now + limitMs;
            while (pipe.Now < limit)
            {
                pipe.Step();
                if (!rxClosed)
                {
                    int n;
                    SocketError e = rx.Receive(rh, b, 0, b.Length, out n);
                    if (e == SocketError.Success && n == 0)
                    {
                        Assert.AreEqual((int)SocketError.Success, (int)rx.Close(rh, pipe.Now));
                        rxClosed = true;
                    }
                    else
                    {
                        Assert.AreEqual((int)SocketError.WouldBlock, (int)e, "unexpected data or error before end of stream");
                    }
                }

                if (rxClosed && tx.FreeSockets == txSockets && rx.FreeSockets == rxSockets)
                {
                    return;
                }
            }

            Assert.IsTrue(false, "close did not finish in time");
        }

        public static long WallMs()
        {
            return DateTime.UtcNow.Ticks / 10000;
        }
    }
}
