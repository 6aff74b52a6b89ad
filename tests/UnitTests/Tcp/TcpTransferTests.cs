using nanoFramework.TestFramework;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>Long byte-exact transfers between two layers through the in-memory pipe, clean and faulty.</summary>
    [TestClass]
    public class TcpTransferTests
    {
        private static NetConfig Config(int buffers)
        {
            NetConfig c = new NetConfig();
            c.TcpSockets = 4;
            c.TcpSendBufferSize = buffers;
            c.TcpReceiveBufferSize = buffers;
            return c;
        }

        [TestMethod]
        [DataRow(true, 4096)]
        [DataRow(false, 4096)]
        [DataRow(true, 16384)]
        public void OneMegabyteLossless(bool aToB, int buffers)
        {
            NetConfig config = Config(buffers);
            TcpPipe pipe = new TcpPipe(config, config, 1);
            int listener;
            int client;
            int server;
            PipeDriver.Connect(pipe, 80, out listener, out client, out server);
            long wall = PipeDriver.WallMs();
            long ms = aToB
                ? PipeDriver.Transfer(pipe, pipe.A, client, pipe.B, server, TestScale.TransferBytes, 7, 600000)
                : PipeDriver.Transfer(pipe, pipe.B, server, pipe.A, client, TestScale.TransferBytes, 7, 600000);
            wall = PipeDriver.WallMs() - wall;
            long goodput = (long)TestScale.TransferBytes * 1000 / (ms > 0 ? ms : 1);
            OutputHelper.WriteLine("lossless " + buffers.ToString() + " B windows: " + TestScale.TransferBytes.ToString() + " bytes in " + ms.ToString() + " virtual ms = " + goodput.ToString() + " B/s; wall " + wall.ToString() + " ms; segments " + pipe.Delivered.ToString());
            Assert.AreEqual(0, pipe.A.Counters.RetransmitTimeouts + pipe.B.Counters.RetransmitTimeouts);
            Assert.AreEqual(0, pipe.Lost + pipe.QueueDrops);
            if (aToB)
            {
                PipeDriver.CloseBoth(pipe, pipe.A, client, pipe.B, server, 4, 3, 300000);
            }
            else
            {
                PipeDriver.CloseBoth(pipe, pipe.B, server, pipe.A, client, 3, 4, 300000);
            }
        }

        [TestMethod]
        [DataRow(true, 4096, 5, 11)]
        [DataRow(false, 4096, 5, 12)]
        [DataRow(true, 16384, 10, 13)]
        [DataRow(false, 16384, 10, 14)]
        public void OneMegabyteThroughFaultyPipe(bool aToB, int buffers, int lossPercent, int seed)
        {
            NetConfig config = Config(buffers);
            TcpPipe pipe = new TcpPipe(config, config, seed);
            int listener;
            int client;
            int server;
            PipeDriver.Connect(pipe, 80, out listener, out client, out server);
            pipe.LossPercent = lossPercent;
            pipe.DuplicatePercent = 3;
            pipe.ReorderPercent = 5;
            pipe.CorruptPercent = 3;
            long wall = PipeDriver.WallMs();
            long ms = aToB
                ? PipeDriver.Transfer(pipe, pipe.A, client, pipe.B, server, TestScale.TransferBytes, seed, 3600000)
                : PipeDriver.Transfer(pipe, pipe.B, server, pipe.A, client, TestScale.TransferBytes, seed, 3600000);
            wall = PipeDriver.WallMs() - wall;
            TcpCounters ca = pipe.A.Counters;
            TcpCounters cb = pipe.B.Counters;
            OutputHelper.WriteLine("faulty (" + buffers.ToString() + " B windows, loss " + lossPercent.ToString() + "%): " + ms.ToString() + " virtual ms, wall " + wall.ToString()
                + " ms; lost " + pipe.Lost.ToString() + " dup " + pipe.Duplicated.ToString() + " reord " + pipe.Reordered.ToString() + " corrupt " + pipe.Corrupted.ToString()
                + "; rexmit " + (ca.Retransmits + cb.Retransmits).ToString() + " fast " + (ca.FastRetransmits + cb.FastRetransmits).ToString()
                + " rto " + (ca.RetransmitTimeouts + cb.RetransmitTimeouts).ToString() + " ooo " + (ca.OutOfOrderQueued + cb.OutOfOrderQueued).ToString());
            Assert.IsTrue(pipe.Lost > 0 && pipe.Corrupted > 0 && pipe.Duplicated > 0 && pipe.Reordered > 0);
            // Every corrupted segment delivered was refused by the checksum, nothing else was.
            PipeDriver.CloseBoth(pipe, aToB ? pipe.A : pipe.B, aToB ? client : server, aToB ? pipe.B : pipe.A, aToB ? server : client, aToB ? 4 : 3, aToB ? 3 : 4, 3600000);
            pipe.RunUntil(pipe.Now + 10000);
            Assert.AreEqual(0, pipe.QueuedSegments);
            Assert.AreEqual(pipe.Corrupted, ca.BadChecksum + cb.BadChecksum + ca.Malformed + cb.Malformed);
        }

        [TestMethod]
        public void BothDirectionsAtOnceThroughFaultyPipe()
        {
            NetConfig config = Config(8192);
            TcpPipe pipe = new TcpPipe(config, config, 21);
            int listener;
            int client;
            int server;
            PipeDriver.Connect(pipe, 80, out listener, out client, out server);
            pipe.LossPercent = 5;
            pipe.ReorderPercent = 5;
            pipe.DuplicatePercent = 2;
            int total = TestScale.TransferBytes / 4;
            byte[] ca = new byte[2000];
            byte[] cb = new byte[2000];
            int sentA = 0;
            int sentB = 0;
            int gotA = 0;
            int gotB = 0;
            long limit = pipe.Now + 3600000;
            while (gotA < total || gotB < total)
            {
                Assert.IsTrue(pipe.Now < limit);
                PipeDriver.PumpSend(pipe.A, client, ca, ref sentA, total, 1);
                PipeDriver.PumpSend(pipe.B, server, cb, ref sentB, total, 2);
                gotB += PipeDriver.PumpReceive(pipe.B, server, ca, gotB, 1);
                gotA += PipeDriver.PumpReceive(pipe.A, client, cb, gotA, 2);
                pipe.Step();
            }

            PipeDriver.CloseBoth(pipe, pipe.A, client, pipe.B, server, 4, 3, 3600000);
        }

        [TestMethod]
        public void HundredConnectAcceptCloseCycles()
        {
            NetConfig config = Config(2048);
            config.TimeWaitEntries = 8;
            TcpPipe pipe = new TcpPipe(config, config, 5);
            pipe.MaxStepMs = 5;
            int listener;
            pipe.B.Open(out listener);
            pipe.B.Bind(listener, 0, 7);
            pipe.B.Listen(listener, 2);
            byte[] b = new byte[64];
            for (int i = 0; i < TestScale.Cycles; i++)
            {
                int client;
                int server;
                PipeDriver.ConnectTo(pipe, listener, 7, out client, out server);
                int sent = 0;
                PipeDriver.PumpSend(pipe.A, client, b, ref sent, 10, i);
                int got = 0;
                for (int k = 0; k < 100 && got < 10; k++)
                {
                    pipe.Step();
                    got += PipeDriver.PumpReceive(pipe.B, server, b, got, i);
                }

                Assert.AreEqual(10, got);
                // Alternate which side closes first.
                if ((i & 1) == 0)
                {
                    PipeDriver.CloseBoth(pipe, pipe.A, client, pipe.B, server, 4, 3, 100000);
                }
                else
                {
                    PipeDriver.CloseBoth(pipe, pipe.B, server, pipe.A, client, 3, 4, 100000);
                }
            }

            Assert.AreEqual(TestScale.Cycles, pipe.B.Counters.PassiveOpens);
            Assert.IsTrue(pipe.A.TimeWaitCount + pipe.B.TimeWaitCount <= 16);
            Assert.IsTrue(pipe.A.Counters.TimeWaitEvictions + pipe.B.Counters.TimeWaitEvictions > 0);
            pipe.RunUntil(pipe.Now + 2L * config.MslMs);
            Assert.AreEqual(0, pipe.A.TimeWaitCount + pipe.B.TimeWaitCount);
        }
    }
}
