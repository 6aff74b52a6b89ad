using nanoFramework.TestFramework;
using static NanoIP.Drivers.Enc28j60.Enc28j60Registers;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>Frames both ways, byte for byte, at every size; the ring wrapping; long runs.</summary>
    [TestClass]
    public class Enc28j60DriverFrameTests
    {
        [TestMethod]
        public void ReceivesEverySizeFrom60To1514ByteExact()
        {
            using var rig = new DriverRig();
            for (int length = 60; length <= 1514; length++)
            {
                byte[] frame = Frames.Make(length, length);
                Assert.IsTrue(rig.Deliver(frame), "delivered " + length);
                var got = rig.ServiceAndReceive();
                Assert.AreEqual(1, got.Count, "frames for length " + length);
                Assert.IsTrue(Frames.Same(frame, got[0]), "bytes of length " + length);
                // Errata 14: every value the driver wrote to ERXRDPT is odd.
                Assert.AreEqual(1, rig.Peek16(ERXRDPTL) & 1);
            }

            Assert.AreEqual(1455L, rig.Driver.Counters.RxFrames);
            Assert.AreEqual(0L, rig.Driver.Counters.RxRingResets);
        }

        [TestMethod]
        public void TransmitsEverySizeFrom14To1514WithPaddingAndFcs()
        {
            using var rig = new DriverRig();
            long bytes = 0;
            for (int length = 14; length <= 1514; length += length < 80 ? 1 : 7)
            {
                byte[] frame = Frames.Make(length, length, DriverRig.Peer);
                rig.Wire.Clear();
                Assert.IsTrue(rig.Driver.Transmit(frame, 0, length), "transmit " + length);
                rig.Run(5, 1);
                Assert.AreEqual(1, rig.Wire.Count, "on the wire, length " + length);
                byte[] wire = rig.Wire[0];
                int padded = Math.Max(length, 60);
                Assert.AreEqual(padded + 4, wire.Length, "wire length for " + length);
                Assert.IsTrue(wire.AsSpan(0, length).SequenceEqual(frame), "bytes of " + length);
                for (int i = length; i < padded; i++) Assert.AreEqual((byte)0, wire[i], "pad byte");
                Assert.IsTrue(Frames.FcsValid(wire), "FCS of " + length);
                bytes += length;
            }

            Assert.AreEqual(bytes, rig.Driver.Counters.TxBytes);
            Assert.AreEqual(0L, rig.Driver.Counters.TxOtherErrors + rig.Driver.Counters.TxTimeouts + rig.Driver.Counters.TxBusy);
        }

        [TestMethod]
        public void TransmitsBackToBackWithoutWaitingForTheWire()
        {
            // With wire time charged, Transmit returns before the frame is out; the next Transmit
            // waits (bounded) for it. Nothing is lost, nothing is refused.
            using var rig = new DriverRig();
            for (int i = 0; i < 200; i++)
            {
                int length = 60 + (i * 97) % 1455;
                Assert.IsTrue(rig.Driver.Transmit(Frames.Make(length, i, DriverRig.Peer), 0, length), "frame " + i);
            }

            rig.Run(10, 1);
            Assert.AreEqual(200, rig.Wire.Count);
            for (int i = 0; i < 200; i++)
            {
                int length = 60 + (i * 97) % 1455;
                Assert.IsTrue(rig.Wire[i].AsSpan(0, length).SequenceEqual(Frames.Make(length, i, DriverRig.Peer)), "frame " + i);
            }

            Assert.AreEqual(200L, rig.Driver.Counters.TxFrames);
            Assert.AreEqual(0L, rig.Driver.Counters.TxBusy);
        }

        [TestMethod]
        public void RingWrapsManyTimesWithFramesStraddlingTheEnd()
        {
            using var rig = new DriverRig();
            var rng = new Random(5);
            int straddled = 0;
            for (int i = 0; i < 400; i++)
            {
                // Several frames per batch, odd and even sizes, so frames start and end everywhere.
                // At most 3: four full frames do not fit the 5 KB ring left beside two transmit areas.
                int batch = 1 + rng.Next(3);
                var sent = new List<byte[]>();
                for (int b = 0; b < batch; b++)
                {
                    byte[] f = Frames.Make(60 + rng.Next(1455), i * 10 + b);
                    int before = rig.Peek16(ERXWRPTL);
                    Assert.IsTrue(rig.Deliver(f));
                    if (rig.Peek16(ERXWRPTL) < before) straddled++;
                    sent.Add(f);
                }

                var got = rig.ServiceAndReceive();
                Assert.AreEqual(sent.Count, got.Count, "batch " + i);
                for (int b = 0; b < sent.Count; b++) Assert.IsTrue(Frames.Same(sent[b], got[b]), "batch " + i + " frame " + b);
            }

            Assert.IsTrue(straddled > 50, "the ring wrapped " + straddled + " times");
            Assert.AreEqual(0L, rig.Driver.Counters.RxRingResets);
            Assert.AreEqual(0L, rig.Driver.Counters.RxOverflows);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(20_000_000)]
        [DataRow(8_000_000)]
        public void HundredsOfFramesBackToBackBothWays(int spiClockHz)
        {
            // With an SPI clock every transaction also costs virtual time, as on the board.
            using var rig = new DriverRig(model: m => m.SpiClockHz = spiClockHz);
            int received = 0;
            int next = 0;
            var rng = new Random(11);
            for (int round = 0; round < 100; round++)
            {
                // Fill the ring as far as it goes without reading (a burst), then drain it. Each
                // frame takes its header, FCS and pad byte; a byte is left so the ring never looks empty.
                var sent = new List<byte[]>();
                int ring = rig.Options.RxBufferEnd + 1, used = 0;
                while (sent.Count < 20)
                {
                    byte[] f = Frames.Make(60 + rng.Next(300), next++);
                    int stored = 6 + f.Length + 4 + ((f.Length + 4) & 1);
                    if (used + stored >= ring) break;
                    used += stored;
                    Assert.IsTrue(rig.Deliver(f), "room in the ring");
                    sent.Add(f);
                }

                var got = rig.ServiceAndReceive();
                Assert.AreEqual(sent.Count, got.Count, "round " + round);
                for (int b = 0; b < sent.Count; b++) Assert.IsTrue(Frames.Same(sent[b], got[b]), "frame " + b + " of round " + round);
                received += got.Count;

                int length = 60 + rng.Next(1455);
                Assert.IsTrue(rig.Driver.Transmit(Frames.Make(length, round, DriverRig.Peer), 0, length));
            }

            rig.Run(10, 1);
            Assert.IsTrue(received > 1500, "bursts of about 20: " + received);
            Assert.AreEqual((long)received, rig.Driver.Counters.RxFrames);
            Assert.AreEqual(100, rig.Wire.Count);
            Assert.AreEqual(0L, rig.Driver.Counters.RxOverflows);
        }

        [TestMethod]
        public void FramesLongerThanTheCallersBufferAreDroppedAndCounted()
        {
            using var rig = new DriverRig();
            Assert.IsTrue(rig.Deliver(Frames.Make(600, 1)));
            Assert.IsTrue(rig.Deliver(Frames.Make(100, 2)));
            rig.Poll();
            var small = new byte[200];
            int n = rig.Driver.Receive(small, 0, small.Length);
            Assert.AreEqual(100, n);
            Assert.IsTrue(small.AsSpan(0, 100).SequenceEqual(Frames.Make(100, 2)));
            Assert.AreEqual(1L, rig.Driver.Counters.RxDropTooLong);
            Assert.AreEqual(0, rig.Driver.Receive(small, 0, small.Length));
        }

        [TestMethod]
        public void ReceiveWritesOnlyInsideTheCallersWindow()
        {
            using var rig = new DriverRig();
            byte[] frame = Frames.Make(101, 3);
            Assert.IsTrue(rig.Deliver(frame));
            rig.Poll();
            var buffer = new byte[300];
            Array.Fill(buffer, (byte)0xEE);
            Assert.AreEqual(101, rig.Driver.Receive(buffer, 50, 101));
            Assert.IsTrue(buffer.AsSpan(50, 101).SequenceEqual(frame));
            for (int i = 0; i < 50; i++) Assert.AreEqual((byte)0xEE, buffer[i]);
            for (int i = 151; i < 300; i++) Assert.AreEqual((byte)0xEE, buffer[i]);
        }

        [TestMethod]
        public void TransmitRefusesBadLengthsAndADownLink()
        {
            using var rig = new DriverRig();
            var big = new byte[1600];
            Assert.IsFalse(rig.Driver.Transmit(big, 0, 1515));
            Assert.IsFalse(rig.Driver.Transmit(big, 0, 13));
            Assert.AreEqual(2L, rig.Driver.Counters.TxDropBadLength);
            rig.Model.LinkUp = false;
            rig.Run(20);
            Assert.IsFalse(rig.Driver.Transmit(Frames.Make(60, 1), 0, 60));
            Assert.AreEqual(1L, rig.Driver.Counters.TxDropNoLink);
            Assert.AreEqual(0, rig.Wire.Count);
        }
    }
}
