using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>The receive ring (DS39662 6.1, 7.2): layout, wrap, free space, overflow, EPKTCNT, PKTDEC, RXRST.</summary>
    [TestClass]
    public class Enc28j60ModelReceiveTests
    {
        private const int HeaderLength = 6;

        [TestMethod]
        public void AFrameIsStoredAsNextPointerStatusVectorAndFrameWithFcs()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            byte[] wire = Frames.Wire(Frames.OwnMac, 65);
            Assert.IsTrue(bus.Model.DeliverFrame(wire, 0, wire.Length));

            ReceivedFrame f = bus.ReadFrame(0x0000);
            int expectedNext = HeaderLength + wire.Length + ((HeaderLength + wire.Length) % 2);
            Assert.AreEqual(expectedNext, f.NextPointer, "next frame starts at the next even address");
            Assert.AreEqual(wire.Length, f.ByteCount, "byte count includes the FCS");
            Assert.IsTrue(f.ReceivedOk);
            Assert.IsTrue(Frames.Equal(wire, f.Data));
            Assert.AreEqual(1, (int)bus.Read(1, Bank1.EPKTCNT));
            Assert.AreEqual(expectedNext, bus.Read16(0, Bank0.ERXWRPTL));
            Assert.AreEqual((byte)0x40, (byte)(bus.PeekEir() & 0x40), "PKTIF");
        }

        [TestMethod]
        public void FramesFollowTheRingAcrossErxndAndReadBackWhole()
        {
            const int start = 0x0000, end = 0x03FF;
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(start, end, 0x00);
            int next = start;
            int straddled = 0;
            for (int i = 0; i < 12; i++)
            {
                byte[] wire = Frames.Wire(Frames.OwnMac, 150 + (i * 7), seed: i);
                Assert.IsTrue(bus.Model.DeliverFrame(wire, 0, wire.Length), $"frame {i}");
                ReceivedFrame f = bus.ReadFrame(next);
                Assert.IsTrue(Frames.Equal(wire, f.Data), $"frame {i} content");
                Assert.AreEqual(0, f.NextPointer % 2, "even");
                Assert.IsTrue(f.NextPointer >= start && f.NextPointer <= end, "inside the ring");
                if (next + HeaderLength + wire.Length > end + 1)
                {
                    straddled++;
                }

                bus.FreeFrame(f, start, end);
                next = f.NextPointer;
            }

            Assert.IsTrue(straddled >= 2, "some frames crossed ERXND");
            Assert.AreEqual(0, (int)bus.Read(1, Bank1.EPKTCNT));
        }

        [TestMethod]
        public void AFullRingDropsTheFrameAndSetsRxerif()
        {
            const int start = 0x0000, end = 0x03FF;
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(start, end, 0x00);
            const int frameLength = 200;
            int slot = HeaderLength + frameLength; // even: no pad
            int free = end - start - 1;             // ERXRDPT = ERXND, ERXWRPT = ERXST: DS39662 7.2.4
            int fits = free / slot;
            for (int i = 0; i < fits; i++)
            {
                Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, frameLength, seed: i)), $"frame {i} fits");
            }

            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x01));
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, frameLength, seed: 99)));
            Assert.AreEqual(ReceiveOutcome.NoSpace, bus.Model.LastReceiveOutcome);
            Assert.AreEqual((byte)0x01, (byte)(bus.PeekEir() & 0x01), "RXERIF");
            Assert.AreEqual(fits, (int)bus.Read(1, Bank1.EPKTCNT));
            ReceivedFrame first = bus.ReadFrame(start);
            Assert.IsTrue(Frames.Equal(Frames.Wire(Frames.OwnMac, frameLength, seed: 0), first.Data), "stored frames untouched");

            bus.FreeFrame(first, start, end);
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, frameLength, seed: 100)));
            int last = start + (fits * slot);
            ReceivedFrame after = bus.ReadFrame(last % (end + 1));
            Assert.AreEqual(1u << 16, after.Status & (1u << 16), "RSV bit 16: a frame was dropped before this one");
        }

        [TestMethod]
        public void TheHardwareNeverWritesAtErxrdpt()
        {
            const int frameLength = 100;
            int need = HeaderLength + frameLength;

            ChipBus exact = ChipBus.Create();
            exact.StartReceive(0x0000, 0x03FF, 0x00);
            exact.Write16(0, Bank0.ERXRDPTL, need + 1); // free = ERXRDPT − ERXWRPT − 1 = need
            Assert.IsTrue(exact.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, frameLength)));

            ChipBus tight = ChipBus.Create();
            tight.StartReceive(0x0000, 0x03FF, 0x00);
            tight.Write16(0, Bank0.ERXRDPTL, need - 1);
            byte guard = tight.Model.PeekBuffer(need - 1);
            Assert.IsFalse(tight.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, frameLength)));
            Assert.AreEqual(guard, tight.Model.PeekBuffer(need - 1));
        }

        [TestMethod]
        public void EpktcntSaturatesAt255AndThenFramesAreDropped()
        {
            const int start = 0x0000, end = 0x1FFF;
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(start, end, 0x00);
            int next = start;
            for (int i = 0; i < 255; i++)
            {
                Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64, seed: i)), $"frame {i}");
                next = (next + HeaderLength + 64) & 0x1FFF;
                bus.Write16(0, Bank0.ERXRDPTL, (next - 1) & 0x1FFF); // room again, but no PKTDEC
            }

            Assert.AreEqual(255, (int)bus.Read(1, Bank1.EPKTCNT));
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64, seed: 300)));
            Assert.AreEqual(ReceiveOutcome.PacketCountFull, bus.Model.LastReceiveOutcome);
            Assert.AreEqual((byte)0x01, (byte)(bus.PeekEir() & 0x01), "RXERIF");
            Assert.AreEqual(255, (int)bus.Read(1, Bank1.EPKTCNT));
            bus.Bfs(ChipBus.ECON2, 0x40);
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64, seed: 301)));
            Assert.AreEqual(255, (int)bus.Read(1, Bank1.EPKTCNT));
        }

        [TestMethod]
        public void PktdecDecrementsAndPktifFollowsEpktcnt()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64, 1));
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64, 2));
            Assert.AreEqual(2, (int)bus.Read(1, Bank1.EPKTCNT));

            bus.Bfc(ChipBus.EIR, 0x40);
            Assert.AreEqual((byte)0x40, (byte)(bus.PeekEir() & 0x40), "BFC cannot clear PKTIF");
            bus.Wcr(ChipBus.ECON2, 0xC0); // AUTOINC | PKTDEC by WCR
            Assert.AreEqual(1, (int)bus.Read(1, Bank1.EPKTCNT));
            Assert.AreEqual((byte)0x80, bus.RcrEth(ChipBus.ECON2), "PKTDEC reads 0");
            bus.Bfs(ChipBus.ECON2, 0x40);
            Assert.AreEqual(0, (int)bus.Read(1, Bank1.EPKTCNT));
            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x40), "PKTIF clears with EPKTCNT");
            bus.Bfs(ChipBus.ECON2, 0x40);
            Assert.AreEqual(0, (int)bus.Read(1, Bank1.EPKTCNT), "no underflow");
        }

        [TestMethod]
        [DataRow(false, false)]
        [DataRow(true, false)]
        [DataRow(false, true)]
        [DataRow(true, true)]
        public void ReceptionNeedsBothMarxenAndRxen(bool marxen, bool rxen)
        {
            ChipBus bus = ChipBus.Create();
            bus.Write16(0, Bank0.ERXSTL, 0);
            bus.Write16(0, Bank0.ERXNDL, 0x0FFF);
            bus.Write16(0, Bank0.ERXRDPTL, 0x0FFF);
            bus.Write(1, Bank1.ERXFCON, 0x00);
            bus.Write(2, Bank2.MACON1, marxen ? (byte)0x01 : (byte)0x00);
            if (rxen)
            {
                bus.Bfs(ChipBus.ECON1, 0x04);
            }

            bool accepted = bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            Assert.AreEqual(marxen && rxen, accepted);
        }

        [TestMethod]
        public void RxrstResetsTheWritePointerAndThePacketCount()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 100));
            Assert.AreNotEqual(0, bus.Read16(0, Bank0.ERXWRPTL));
            bus.Bfs(ChipBus.ECON1, 0x40);
            bus.Bfc(ChipBus.ECON1, 0x40);
            Assert.AreEqual(0, bus.Read16(0, Bank0.ERXWRPTL));
            Assert.AreEqual(0, (int)bus.Read(1, Bank1.EPKTCNT));
            Assert.AreEqual((byte)0, (byte)(bus.PeekEir() & 0x40));
        }

        [TestMethod]
        public void WritingErxstLoadsTheWritePointer()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0100, 0x0FFF, 0x00);
            Assert.AreEqual(0x0100, bus.Read16(0, Bank0.ERXWRPTL));
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 100));
            Assert.AreEqual(0x0100 + 106, bus.Read16(0, Bank0.ERXWRPTL));
            ReceivedFrame f = bus.ReadFrame(0x0100);
            Assert.AreEqual(0x0100 + 106, f.NextPointer);
        }

        [TestMethod]
        public void StatusVectorFlagsBroadcastMulticastTypeAndCrcError()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            byte[] badCrc = Frames.Wire(Frames.OwnMac, 80, seed: 3);
            badCrc[40] ^= 0x01;
            byte[][] frames =
            {
                Frames.Wire(Frames.Broadcast, 64, type: 0x0806),
                Frames.Wire(Frames.Multicast, 64, type: 0x0800),
                badCrc,
                Frames.Wire(Frames.OwnMac, 64, type: 0x002E), // a length field: 46 bytes of data
            };
            foreach (byte[] f in frames)
            {
                Assert.IsTrue(bus.Model.DeliverFrame(f), "promiscuous");
            }

            int address = 0;
            var status = new uint[frames.Length];
            for (int i = 0; i < frames.Length; i++)
            {
                ReceivedFrame r = bus.ReadFrame(address);
                status[i] = r.Status;
                address = r.NextPointer;
            }

            const uint ok = 1u << 23, crcError = 1u << 20, multicast = 1u << 24, broadcast = 1u << 25, outOfRange = 1u << 22;
            Assert.AreEqual(ok | broadcast | outOfRange, status[0] & 0xFFFF0000);
            Assert.AreEqual(ok | multicast | outOfRange, status[1] & 0xFFFF0000);
            Assert.AreEqual(crcError | outOfRange, status[2] & 0xFFFF0000);
            Assert.AreEqual(ok, status[3] & 0xFFFF0000, "length 46 matches the data");
        }

        [TestMethod]
        public void FrmlnenFlagsALengthFieldThatDisagreesWithTheData()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Write(2, Bank2.MACON3, 0x02); // FRMLNEN
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 100, type: 0x0010));
            ReceivedFrame r = bus.ReadFrame(0);
            Assert.AreEqual(1u << 21, r.Status & (1u << 21));
        }

        [TestMethod]
        public void FramesLongerThanMamxflAreDroppedUnlessHfrmen()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x1FFF, 0x00);
            bus.Write(2, Bank2.MAMXFLL, 0xEE);
            bus.Write(2, Bank2.MAMXFLH, 0x05); // 1518
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 1518)));
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 1522)));
            Assert.AreEqual(ReceiveOutcome.TooLong, bus.Model.LastReceiveOutcome);
            bus.Write(2, Bank2.MACON3, 0x04); // HFRMEN
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 1522)));
        }

        [TestMethod]
        public void MacControlFramesAreKeptOnlyWithPassall()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            byte[] pause = Frames.Build(new byte[] { 0x01, 0x80, 0xC2, 0x00, 0x00, 0x01 }, 60, type: 0x8808);
            pause[14] = 0x00;
            pause[15] = 0x01;
            byte[] wire = Frames.WithFcs(pause);
            Assert.IsFalse(bus.Model.DeliverFrame(wire));
            bus.Write(2, Bank2.MACON1, 0x03); // MARXEN | PASSALL
            Assert.IsTrue(bus.Model.DeliverFrame(wire));
            ReceivedFrame r = bus.ReadFrame(0);
            Assert.AreEqual((1u << 27) | (1u << 28), r.Status & ((1u << 27) | (1u << 28)), "control + pause");
        }

        [TestMethod]
        public void NoLinkNoReception()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Model.LinkUp = false;
            Assert.IsFalse(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)));
            Assert.AreEqual(ReceiveOutcome.NoLink, bus.Model.LastReceiveOutcome);
        }
    }
}
