using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>
    /// Each erratum of DS80349 the model reproduces: the misbehaviour when it is on, none when it is off,
    /// and that the documented workaround avoids it.
    /// </summary>
    [TestClass]
    public class Enc28j60ModelErrataTests
    {
        [TestMethod]
        public void Errata2ClkrdyLiesAfterSrcAndWritesAreLostFor1Ms()
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(Enc28j60Errata.ClkRdyEarly, clock);
            bus.Src();
            Assert.AreEqual((byte)0x01, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x01), "CLKRDY reads ready at once");
            bus.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0x00, bus.RcrEth(ChipBus.EIE), "a driver trusting CLKRDY loses its write");
            clock.AdvanceMicroseconds(999);
            bus.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0x00, bus.RcrEth(ChipBus.EIE), "still inside the 1 ms");
            clock.AdvanceMicroseconds(1);
            bus.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0x40, bus.RcrEth(ChipBus.EIE), "the workaround: wait 1 ms");
        }

        [TestMethod]
        public void Errata2WithoutAClockIgnoresTheConfiguredTransactionCount()
        {
            var bus = new ChipBus(new Enc28j60Model(new Enc28j60ModelOptions { Errata = Enc28j60Errata.ClkRdyEarly, ResetIgnoreTransactions = 3 }));
            bus.Src();
            bus.Wcr(ChipBus.EIE, 0x40); // ignored (1)
            bus.Wcr(ChipBus.EIE, 0x40); // ignored (2)
            Assert.AreEqual((byte)0x00, bus.RcrEth(ChipBus.EIE)); // (3) reads work, the value is unchanged
            bus.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0x40, bus.RcrEth(ChipBus.EIE));

            ChipBus plain = ChipBus.Create(Enc28j60Errata.ClkRdyEarly);
            plain.Src();
            plain.Wcr(ChipBus.EIE, 0x40);
            Assert.AreEqual((byte)0x40, plain.RcrEth(ChipBus.EIE), "default: no window without a clock");
        }

        [TestMethod]
        [DataRow(true, 0x1000)]
        [DataRow(false, 0x1000)]
        [DataRow(true, 0x0000)]
        public void Errata5ARingNotAtZeroStartsWritingAtZero(bool erratum, int ringStart)
        {
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.RxStartMustBeZero : Enc28j60Errata.None);
            int ringEnd = ringStart + 0x0BFF;
            bus.StartReceive(ringStart, ringEnd, 0x00);
            byte[] wire = Frames.Wire(Frames.OwnMac, 64);
            bus.Model.DeliverFrame(wire);
            ReceivedFrame atStart = bus.ReadFrame(ringStart);
            bool intact = atStart.ByteCount == wire.Length && Frames.Equal(wire, atStart.Data);
            bool corrupt = erratum && ringStart != 0;
            Assert.AreEqual(!corrupt, intact, "the frame is where the driver looks for it");
            if (corrupt)
            {
                Assert.AreEqual(0, bus.Read16(0, Bank0.ERXWRPTL) & 0x1F00, "the write pointer went to 0x0000");
                Assert.IsTrue(Frames.Equal(wire, bus.ReadFrame(0x0000).Data), "...and the frame landed there, in the transmit area");
            }
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata6PktifReadsZeroSometimesButIntAndEpktcntAreRight(bool erratum)
        {
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.PktifUnreliable : Enc28j60Errata.None);
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Wcr(ChipBus.EIE, 0xC0);
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            int zeros = 0;
            for (int i = 0; i < 64; i++)
            {
                if ((bus.RcrEth(ChipBus.EIR) & 0x40) == 0)
                {
                    zeros++;
                }

                Assert.IsTrue(bus.Model.IntAsserted, "the INT pin does not lie");
            }

            Assert.AreEqual(erratum, zeros > 0, $"{zeros} of 64 reads missed PKTIF");
            Assert.IsTrue(zeros < 64);
            Assert.AreEqual(1, (int)bus.Read(1, Bank1.EPKTCNT), "EPKTCNT is the reliable source");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata12AfterAnAbortTxrtsHangsUntilTxrst(bool erratum)
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.TxLogicStall : Enc28j60Errata.None, clock);
            bus.Write(2, Bank2.MACON3, 0x31);
            bus.PhyWrite(0x00, 0x0100, clock);
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            bus.Model.LinkUp = false;
            bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 60));
            clock.AdvanceMs(1);
            Assert.AreEqual((byte)0x02, (byte)(bus.PeekEir() & 0x02), "aborted: TXERIF");
            bus.Model.LinkUp = true;

            bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 60));
            clock.AdvanceMs(10);
            bool stuck = (bus.PeekEcon1() & 0x08) != 0;
            Assert.AreEqual(erratum, stuck, "TXRTS never clears");
            Assert.AreEqual(erratum ? 0 : 1, sent.Count);

            // The workaround: pulse TXRST and send again.
            bus.Bfs(ChipBus.ECON1, 0x80);
            bus.Bfc(ChipBus.ECON1, 0x80);
            bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 60));
            clock.AdvanceMs(1);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x08));
            Assert.AreEqual(erratum ? 1 : 2, sent.Count);
        }

        [TestMethod]
        [DataRow(true, false, true)]
        [DataRow(true, true, false)]
        [DataRow(false, false, false)]
        public void Errata13HalfDuplexTransmissionsSometimesLateCollide(bool erratum, bool fullDuplex, bool expectCollisions)
        {
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.LateCollisionOnLinkPulse : Enc28j60Errata.None);
            bus.Write(2, Bank2.MACON3, fullDuplex ? (byte)0x31 : (byte)0x30);
            bus.PhyWrite(0x00, fullDuplex ? 0x0100 : 0x0000);
            bus.PhyWrite(0x10, 0x0100); // HDLDIS
            var sent = new List<byte[]>();
            bus.Model.FrameTransmitted += sent.Add;
            int collisions = 0;
            int retriesNeeded = 0;
            for (int i = 0; i < 100; i++)
            {
                byte[] frame = Frames.Build(Frames.PeerMac, 100, seed: i);
                for (int attempt = 0; attempt < 16; attempt++)
                {
                    bus.Transmit(0x1A00, 0x00, frame);
                    ulong vector = bus.ReadTransmitVector();
                    if ((bus.PeekEir() & 0x02) == 0)
                    {
                        break;
                    }

                    Assert.AreEqual(1ul << 29, vector & (1ul << 29), "TXERIF from a late collision: vector bit 29");
                    collisions++;
                    retriesNeeded = Math.Max(retriesNeeded, attempt + 1);
                }
            }

            Assert.AreEqual(expectCollisions, collisions > 0, $"{collisions} late collisions");
            Assert.AreEqual(100, sent.Count, "the retry (Linux, ESP-IDF) gets every frame out");
            Assert.IsTrue(collisions < 50);
        }

        [TestMethod]
        [DataRow(true, true, true)]
        [DataRow(true, false, false)]
        [DataRow(false, true, false)]
        public void Errata14EvenErxrdptCorruptsNextPacketPointers(bool erratum, bool evenReadPointer, bool expectCorruption)
        {
            const int start = 0x0000, end = 0x0FFF;
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.EvenErxrdptCorrupts : Enc28j60Errata.None);
            bus.StartReceive(start, end, 0x00);
            int next = start;
            int corrupt = 0;
            for (int i = 0; i < 64; i++)
            {
                Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64, seed: i)));
                ReceivedFrame f = bus.ReadFrame(next);
                int expectedNext = (next + 6 + 64) % (end + 1);
                if (f.NextPointer != expectedNext)
                {
                    corrupt++;
                }

                next = expectedNext;
                int rdpt = evenReadPointer ? next : (next == start ? end : next - 1);
                bus.Write16(0, Bank0.ERXRDPTL, rdpt);
                bus.Bfs(ChipBus.ECON2, 0x40);
            }

            Assert.AreEqual(expectCorruption, corrupt > 0, $"{corrupt} corrupt next-packet pointers");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata14EvenErxrdptLetsTheWriterRunOverUnreadFrames(bool erratum)
        {
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.EvenErxrdptCorrupts : Enc28j60Errata.None);
            bus.StartReceive(0x0000, 0x00FF, 0x00);
            bus.Write16(0, Bank0.ERXRDPTL, 0x0050); // even
            byte[] first = Frames.Wire(Frames.OwnMac, 73); // 6 + 73 = 79 bytes, padded to 80 = up to ERXRDPT
            bool accepted = bus.Model.DeliverFrame(first);
            Assert.AreEqual(erratum, accepted, "the pad byte is forgotten when checking for room");
            if (!erratum)
            {
                return;
            }

            Assert.AreEqual(0x0050, bus.Read16(0, Bank0.ERXWRPTL), "ERXWRPT = ERXRDPT: the ring now looks empty");
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 200, seed: 9)));
            ReceivedFrame unread = bus.ReadFrame(0x0000);
            Assert.IsFalse(Frames.Equal(first, unread.Data), "the unread frame was overwritten");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata17AFrameArrivingDuringADmaChecksumIsDropped(bool erratum)
        {
            var clock = new VirtualClock();
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.DmaChecksumDropsRx : Enc28j60Errata.None, clock);
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Write16(0, Bank0.EDMASTL, 0x1000);
            bus.Write16(0, Bank0.EDMANDL, 0x13FF);
            bus.Bfs(ChipBus.ECON1, 0x30); // CSUMEN | DMAST
            Assert.AreEqual(!erratum, bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)));
            if (erratum)
            {
                Assert.AreEqual(ReceiveOutcome.DroppedByErratum, bus.Model.LastReceiveOutcome);
            }

            clock.AdvanceMs(1);
            Assert.AreEqual((byte)0, (byte)(bus.PeekEcon1() & 0x20), "checksum done");
            Assert.IsTrue(bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64)), "the workaround: no DMA checksum while receiving");
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata18PatternMatchLetsExtraFramesThrough(bool erratum)
        {
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.PatternMatchLeaks : Enc28j60Errata.None);
            bus.StartReceive(0x0000, 0x1FFF, 0x30, Frames.OwnMac); // PMEN | CRCEN
            bus.Write16(1, Bank1.EPMOL, 0);
            bus.Write(1, Bank1.EPMM0, 0x3F);   // the destination address
            bus.Write(1, Bank1.EPMCSL, 0x00);
            bus.Write(1, Bank1.EPMCSH, 0x00);  // no address checksums to 0x0000 here
            int accepted = 0;
            for (int i = 0; i < 64; i++)
            {
                if (bus.Model.DeliverFrame(Frames.Wire(Frames.OtherMac, 100, seed: i)))
                {
                    accepted++;
                }
            }

            Assert.AreEqual(erratum, accepted > 0, $"{accepted} frames leaked through");
            Assert.IsTrue(accepted < 64);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata19SrcIsIgnoredInPowerSave(bool erratum)
        {
            ChipBus bus = ChipBus.Create(erratum ? Enc28j60Errata.NoSrcInPowerSave : Enc28j60Errata.None);
            bus.Write(1, Bank1.ERXFCON, 0x00);
            bus.Bfs(ChipBus.ECON2, 0x20);
            bus.Src();
            Assert.AreEqual(erratum, (bus.RcrEth(ChipBus.ECON2) & 0x20) != 0, "still in power save");
            Assert.AreEqual(erratum ? (byte)0x00 : (byte)0xA1, bus.Read(1, Bank1.ERXFCON));

            // The workaround: leave power save first.
            bus.Bfc(ChipBus.ECON2, 0x20);
            bus.Src();
            Assert.AreEqual((byte)0xA1, bus.Read(1, Bank1.ERXFCON));
        }

        [TestMethod]
        public void B7DefaultSwitchesEveryB7ErratumOn()
        {
            var model = new Enc28j60Model();
            foreach (Enc28j60Errata e in Enum.GetValues<Enc28j60Errata>())
            {
                // Errata 1 exists only on B1/B4 silicon; All also holds it.
                if (e == Enc28j60Errata.SlowSpiCorruptsReads || e == Enc28j60Errata.All) continue;
                Assert.AreEqual(e, model.Errata & e, e.ToString());
            }

            Assert.AreEqual(Enc28j60Errata.None, model.Errata & Enc28j60Errata.SlowSpiCorruptsReads);
        }

        [TestMethod]
        [DataRow(true)]
        [DataRow(false)]
        public void Errata15LatecolStatusBitIsNotSetOnLateCollision(bool erratum)
        {
            Enc28j60Errata errata = Enc28j60Errata.LateCollisionOnLinkPulse | (erratum ? Enc28j60Errata.LatecolUnreliable : Enc28j60Errata.None);
            ChipBus bus = ChipBus.Create(errata);
            bus.Write(2, Bank2.MACON3, 0x30); // half duplex
            bus.PhyWrite(0x00, 0x0000);
            bus.PhyWrite(0x10, 0x0100);
            int collisions = 0, latecolSeen = 0;
            for (int i = 0; i < 64 && collisions < 4; i++)
            {
                bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 100, seed: i));
                ulong vector = bus.ReadTransmitVector();
                if ((vector & (1ul << 29)) == 0) continue;
                collisions++;
                if ((bus.RcrEth(ChipBus.ESTAT) & 0x10) != 0) latecolSeen++;
                bus.Bfc(ChipBus.ESTAT, 0x12);
                bus.Bfc(ChipBus.EIR, 0x0A);
            }

            Assert.IsTrue(collisions > 0, "late collisions happen in half duplex with errata 13 on");
            Assert.AreEqual(erratum ? 0 : collisions, latecolSeen, "ESTAT.LATECOL");
        }

        [TestMethod]
        [DataRow((byte)0x04, 4_000_000L, true)]
        [DataRow((byte)0x04, 10_000_000L, false)]
        [DataRow((byte)0x06, 4_000_000L, false)]
        public void Errata1SlowSpiCorruptsBufferReadsOnOldSilicon(byte revision, long spiHz, bool corrupts)
        {
            var clock = new VirtualClock();
            var model = new Enc28j60Model(new Enc28j60ModelOptions { Revision = revision, SpiClockHz = spiHz, Clock = clock, Errata = Enc28j60Errata.All });
            var bus = new ChipBus(model);
            byte[] pattern = new byte[64];
            for (int i = 0; i < pattern.Length; i++) pattern[i] = (byte)(i * 7);
            bus.WriteMemory(0x1000, pattern);
            int bad = 0;
            for (int i = 0; i < 40; i++)
            {
                if (!bus.ReadMemory(0x1000, pattern.Length).AsSpan().SequenceEqual(pattern)) bad++;
            }

            Assert.AreEqual(corrupts, bad > 0, bad + " of 40 reads corrupted");
        }
    }
}
