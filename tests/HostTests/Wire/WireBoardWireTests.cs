using System.Diagnostics;
using nanoFramework.TestFramework;
using NanoIP.HostTests.EncDriver;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Lab;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>BoardWire, the simulator's cable: virtual time on the board's clock, real time on its own thread.</summary>
    [TestClass]
    public class WireBoardWireTests
    {
        [TestMethod]
        public void OnVirtualTimeTheWireSettlesOnEveryClockAdvanceAndCaptures()
        {
            string pcap = Path.Combine(Path.GetTempPath(), "nanoip-boardwire-" + Environment.ProcessId + ".pcap");
            using var rig = new DriverRig(model: o => o.SpiClockHz = 20_000_000);
            var far = new RecordingPort();
            using (var wire = new BoardWire(rig.Model, rig.Clock, new BoardWireOptions { PcapPath = pcap, Faults = "loss=0,seed=4" }, far))
            {
                byte[] frame = Frames.Make(1000, 1, DriverRig.Peer);
                long t0 = rig.Clock.NowNanoseconds;
                Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
                rig.Run(5, 1);
                Assert.AreEqual(1, far.Count);
                long took = far.Arrivals[0].TimeNs - t0;
                Assert.IsTrue(took >= EthernetTiming.SlotNs(1004) && took < EthernetTiming.SlotNs(1004) + 1_000_000, "took " + took);
                Assert.IsTrue(far.Arrivals[0].Frame.AsSpan(0, 1000).SequenceEqual(frame));

                far.Send(Frames.WithFcs(Frames.Make(300, 2)));
                rig.Clock.AdvanceMs(1);
                List<byte[]> got = rig.ServiceAndReceive();
                Assert.AreEqual(1, got.Count);
                Assert.AreEqual(300, got[0].Length);
                Assert.AreEqual(1L, wire.Link.A.Faults.Frames);
            }

            byte[] file = File.ReadAllBytes(pcap);
            File.Delete(pcap);
            Assert.AreEqual(24 + 2 * 16 + 1000 + 300, file.Length); // header and two records without FCS
        }

        [TestMethod]
        public void OnRealTimeTheWireRunsOnItsOwnThreadBothWays()
        {
            using var rig = new DriverRig(modelClock: false);
            var far = new RecordingPort();
            using var wire = new BoardWire(rig.Model, null, new BoardWireOptions(), far);
            byte[] frame = Frames.Make(600, 3, DriverRig.Peer);
            Assert.IsTrue(rig.Driver.Transmit(frame, 0, frame.Length));
            var wall = Stopwatch.StartNew();
            while (far.Count == 0 && wall.ElapsedMilliseconds < 3000) Thread.Sleep(1);
            Assert.AreEqual(1, far.Count);

            // From the far end into the chip, delivered by the wire's thread.
            wire.Post(() => far.Send(Frames.WithFcs(Frames.Make(200, 4))));

            var got = new List<byte[]>();
            wall.Restart();
            while (got.Count == 0 && wall.ElapsedMilliseconds < 3000)
            {
                Thread.Sleep(1);
                got.AddRange(rig.ServiceAndReceive());
            }

            Assert.AreEqual(1, got.Count);
            Assert.AreEqual(200, got[0].Length);
        }

        [TestMethod]
        public void ATapNeedsRealTime()
        {
            using var rig = new DriverRig(start: false);
            Assert.ThrowsException(typeof(ArgumentException), () => new BoardWire(rig.Model, rig.Clock, new BoardWireOptions { TapName = "tap%d" }));
        }
    }
}
