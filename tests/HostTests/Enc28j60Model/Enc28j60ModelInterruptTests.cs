using System.Device.Gpio;
using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>EIE/EIR, ESTAT.INT and the INT pin (DS39662 section 12), also through the virtual GPIO.</summary>
    [TestClass]
    public class Enc28j60ModelInterruptTests
    {
        [TestMethod]
        public void TheIntPinNeedsIntieAndAnEnabledFlag()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            var edges = new List<bool>();
            bus.Model.IntChanged += edges.Add;
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            Assert.IsFalse(bus.Model.IntAsserted, "nothing enabled");

            bus.Wcr(ChipBus.EIE, 0x40); // PKTIE without INTIE
            Assert.IsFalse(bus.Model.IntAsserted);
            Assert.AreEqual((byte)0x80, (byte)(bus.RcrEth(ChipBus.ESTAT) & 0x80), "ESTAT.INT: pending");

            bus.Bfs(ChipBus.EIE, 0x80);
            Assert.IsTrue(bus.Model.IntAsserted);
            bus.Bfc(ChipBus.EIE, 0x80);
            Assert.IsFalse(bus.Model.IntAsserted, "drivers clear INTIE while servicing");
            bus.Bfs(ChipBus.EIE, 0x80);
            bus.Bfs(ChipBus.ECON2, 0x40);
            Assert.IsFalse(bus.Model.IntAsserted, "PKTDEC to zero clears PKTIF");
            Assert.AreEqual("True,False,True,False", string.Join(",", edges));
        }

        [TestMethod]
        public void IntChangedFiresSynchronouslyWithTheNewLevel()
        {
            ChipBus bus = ChipBus.Create();
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Wcr(ChipBus.EIE, 0xC0);
            bool seenInside = false;
            int epktcntInside = -1;
            bus.Model.IntChanged += level =>
            {
                seenInside = level;
                epktcntInside = bus.Model.PeekControlRegister(1, Bank1.EPKTCNT); // state is complete when it fires
            };
            bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            Assert.IsTrue(seenInside);
            Assert.AreEqual(1, epktcntInside);
        }

        [TestMethod]
        [DataRow(0x20)] // DMAIF
        [DataRow(0x08)] // TXIF
        [DataRow(0x02)] // TXERIF
        [DataRow(0x01)] // RXERIF
        public void EachHostClearedFlagDrivesIntUntilCleared(int flag)
        {
            ChipBus bus = ChipBus.Create();
            bus.Wcr(ChipBus.EIE, (byte)(0x80 | flag));
            RaiseFlag(bus, flag);
            Assert.AreEqual((byte)flag, (byte)(bus.PeekEir() & flag));
            Assert.IsTrue(bus.Model.IntAsserted);
            bus.Bfc(ChipBus.EIR, (byte)flag);
            Assert.IsFalse(bus.Model.IntAsserted);
        }

        [TestMethod]
        public void TheGpioPinFollowsIntActiveLow()
        {
            ChipBus bus = ChipBus.Create();
            using GpioController gpio = VirtualEnc28j60Wiring.CreateGpio(bus.Model, intPin: 4);
            gpio.OpenPin(4, PinMode.InputPullUp);
            var changes = new List<PinEventTypes>();
            gpio.RegisterCallbackForPinValueChangedEvent(4, PinEventTypes.Falling | PinEventTypes.Rising, (s, e) => changes.Add(e.ChangeType));
            Assert.AreEqual(PinValue.High, gpio.Read(4));

            bus.Wcr(ChipBus.EIE, 0x88);
            bus.Write(2, Bank2.MACON3, 0x31);
            bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 60));
            Assert.AreEqual(PinValue.Low, gpio.Read(4));
            bus.Bfc(ChipBus.EIR, 0x08);
            Assert.AreEqual(PinValue.High, gpio.Read(4));
            Assert.AreEqual(2, changes.Count);
            Assert.AreEqual(PinEventTypes.Falling, changes[0]);
            Assert.AreEqual(PinEventTypes.Rising, changes[1]);
        }

        [TestMethod]
        public void WaitForEventSeesTheFallingEdge()
        {
            ChipBus bus = ChipBus.Create();
            using GpioController gpio = VirtualEnc28j60Wiring.CreateGpio(bus.Model, intPin: 4);
            gpio.OpenPin(4, PinMode.Input);
            bus.StartReceive(0x0000, 0x0FFF, 0x00);
            bus.Wcr(ChipBus.EIE, 0xC0);
            var trigger = new Thread(() =>
            {
                Thread.Sleep(20);
                bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
            });
            trigger.Start();
            WaitForEventResult result = gpio.WaitForEvent(4, PinEventTypes.Falling, TimeSpan.FromSeconds(5));
            trigger.Join();
            Assert.IsFalse(result.TimedOut);
            Assert.AreEqual(PinEventTypes.Falling, result.EventTypes);
        }

        [TestMethod]
        public void TheResetPinRestartsTheChip()
        {
            ChipBus bus = ChipBus.Create();
            using GpioController gpio = VirtualEnc28j60Wiring.CreateGpio(bus.Model, intPin: 4, resetPin: 5);
            gpio.OpenPin(5, PinMode.Output);
            gpio.Write(5, PinValue.High);
            bus.Write(1, Bank1.ERXFCON, 0x00);
            gpio.Write(5, PinValue.Low);
            Assert.AreEqual((byte)0xFF, bus.Transfer(0x12, 0x00)[1], "held in reset: MISO floats");
            gpio.Write(5, PinValue.High);
            Assert.AreEqual((byte)0xA1, bus.Read(1, Bank1.ERXFCON), "back at reset values");
        }

        private static void RaiseFlag(ChipBus bus, int flag)
        {
            switch (flag)
            {
                case 0x20:
                    bus.Write16(0, Bank0.EDMASTL, 0x100);
                    bus.Write16(0, Bank0.EDMANDL, 0x110);
                    bus.Bfs(ChipBus.ECON1, 0x30);
                    break;
                case 0x08:
                    bus.Write(2, Bank2.MACON3, 0x31);
                    bus.PhyWrite(0x00, 0x0100);
                    bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 60));
                    break;
                case 0x02:
                    bus.Model.LinkUp = false;
                    bus.Transmit(0x1A00, 0x00, Frames.Build(Frames.PeerMac, 60));
                    break;
                case 0x01:
                    bus.StartReceive(0x0000, 0x003F, 0x00); // a 64-byte ring cannot take a 64-byte frame
                    bus.Model.DeliverFrame(Frames.Wire(Frames.OwnMac, 64));
                    break;
            }
        }
    }
}
