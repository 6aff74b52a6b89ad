using System.Device.Gpio;
using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>
    /// The INT pin is read by the board's thread while a wire thread delivers frames and raises
    /// edges under the chip's lock (real-time runs with a TAP). Both paths must take the chip's
    /// lock before the GPIO driver's, or the board deadlocks: seen against the Linux kernel as an
    /// echo that stalled and a board that no longer answered its console.
    /// </summary>
    [TestClass]
    public class VirtualGpioConcurrencyTests
    {
        [TestMethod]
        public void PinReadsRaceFrameDeliveriesWithoutDeadlock()
        {
            var model = new Enc28j60Model();
            var bus = new ChipBus(model);
            bus.StartReceive(0x0000, 0x19FF, 0x00);
            bus.Write(3, 0x1B, 0x00);
            bus.Bfs(ChipBus.EIE, 0xC0); // INTIE | PKTIE: every stored frame asserts INT
            using GpioController gpio = VirtualEnc28j60Wiring.CreateGpio(model, 4);
            GpioPin pin = gpio.OpenPin(4, PinMode.InputPullUp);
            int edges = 0;
            pin.ValueChanged += (_, _) => Interlocked.Increment(ref edges);

            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            long delivered = 0, reads = 0;
            var wire = new Thread(() =>
            {
                byte[] frame = Frames.WithFcs(Frames.Build(Frames.Broadcast, 60));
                while (!stop.IsCancellationRequested)
                {
                    model.DeliverFrame(frame, 0, frame.Length);
                    delivered++;
                }
            }) { IsBackground = true };
            var board = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    pin.Read();
                    reads++;
                    if ((reads & 15) == 0)
                    {
                        // Free the ring as a driver would, so INT keeps toggling.
                        bus.Transfer(0x40 | 0x1F, 0x04); // ECON1 = RXEN, bank 0
                        bus.Transfer(0x80 | 0x1F, 0x40); // RXRST: empties the ring
                        bus.Transfer(0xA0 | 0x1F, 0x40);
                        bus.Transfer(0x80 | 0x1F, 0x04);
                    }
                }
            }) { IsBackground = true };
            wire.Start();
            board.Start();
            bool wireDone = wire.Join(TimeSpan.FromSeconds(10));
            bool boardDone = board.Join(TimeSpan.FromSeconds(10));
            OutputHelper.WriteLine("delivered " + delivered + ", pin reads " + reads + ", edges " + edges);
            Assert.IsTrue(wireDone && boardDone, "no deadlock between the wire thread and the board thread");
            Assert.IsTrue(edges > 10, "INT really toggled while the pin was read");
        }
    }
}
