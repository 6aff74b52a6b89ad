using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>The learning switch: flooding, learning, filtering, FCS checks and per-port queues.</summary>
    [TestClass]
    public class WireSwitchTests
    {
        private WireRig _rig;
        private VirtualSwitch _switch;
        private RecordingPort[] _hosts;

        private void Build(int ports, int queue = 64)
        {
            _rig = new WireRig();
            _switch = new VirtualSwitch(ports, queue);
            _hosts = new RecordingPort[ports];
            for (int i = 0; i < ports; i++)
            {
                _hosts[i] = new RecordingPort();
                EthernetLink.Connect(_rig.Scheduler, _hosts[i], _switch.Port(i));
            }
        }

        private int[] Counts()
        {
            var c = new int[_hosts.Length];
            for (int i = 0; i < c.Length; i++) c[i] = _hosts[i].Arrivals.Count;
            return c;
        }

        [TestMethod]
        public void UnknownDestinationFloodsThenLearnedAddressesAreForwardedToOnePort()
        {
            Build(3);
            _hosts[0].Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 100, 1)); // host 1 → host 2, unknown yet
            _rig.Drain();
            CollectionAssertSame(new[] { 0, 1, 1 }, Counts());
            Assert.AreEqual(0, _switch.PortOf(WireRig.Mac(1)));
            Assert.AreEqual(-1, _switch.PortOf(WireRig.Mac(2)));

            _hosts[1].Send(WireRig.Frame(WireRig.Mac(1), WireRig.Mac(2), 100, 2)); // answer: host 1 is known
            _rig.Drain();
            CollectionAssertSame(new[] { 1, 1, 1 }, Counts());
            Assert.AreEqual(1, _switch.PortOf(WireRig.Mac(2)));

            _hosts[0].Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 100, 3)); // now only to port 1
            _rig.Drain();
            CollectionAssertSame(new[] { 1, 2, 1 }, Counts());
            Assert.AreEqual(1L, _switch.FramesFlooded);
            Assert.AreEqual(2L, _switch.FramesForwarded);
        }

        [TestMethod]
        public void BroadcastAndMulticastFloodEvenWhenEveryoneIsKnown()
        {
            Build(4);
            for (int i = 0; i < 4; i++) _hosts[i].Send(WireRig.Frame(WireRig.Broadcast, WireRig.Mac(i + 1), 64, i));
            _rig.Drain();
            CollectionAssertSame(new[] { 3, 3, 3, 3 }, Counts());
            Assert.AreEqual(4, _switch.LearnedAddresses);
            _hosts[0].Send(WireRig.Frame(new byte[] { 0x01, 0x00, 0x5E, 0x00, 0x00, 0x01 }, WireRig.Mac(1), 64, 9));
            _rig.Drain();
            CollectionAssertSame(new[] { 3, 4, 4, 4 }, Counts());
        }

        [TestMethod]
        public void FramesForTheirOwnPortAreFilteredAndBadFcsIsNotForwarded()
        {
            Build(3);
            _hosts[0].Send(WireRig.Frame(WireRig.Broadcast, WireRig.Mac(1), 64, 1));
            _hosts[1].Send(WireRig.Frame(WireRig.Broadcast, WireRig.Mac(5), 64, 2)); // host 5 lives behind port 1
            _rig.Drain();
            int[] before = Counts();
            _hosts[1].Send(WireRig.Frame(WireRig.Mac(5), WireRig.Mac(2), 64, 3)); // to a host on the same port
            byte[] bad = WireRig.Frame(WireRig.Mac(1), WireRig.Mac(2), 200, 4);
            bad[50] ^= 0x10;
            _hosts[1].Send(bad);
            _rig.Drain();
            CollectionAssertSame(before, Counts());
            Assert.AreEqual(1L, _switch.FramesFiltered);
            Assert.AreEqual(1L, _switch.FcsDrops);
        }

        [TestMethod]
        public void TwoSendersToOnePortAreQueuedAtItsEgressAndTheQueueTailDrops()
        {
            Build(3, queue: 2);
            for (int i = 0; i < 3; i++) _hosts[i].Send(WireRig.Frame(WireRig.Broadcast, WireRig.Mac(i + 1), 64, 100 + i));
            _rig.Drain();
            for (int i = 0; i < 3; i++) _hosts[i].Arrivals.Clear();

            long t0 = _rig.Now;
            for (int k = 0; k < 3; k++)
            {
                _hosts[0].Send(WireRig.Frame(WireRig.Mac(3), WireRig.Mac(1), 1518, k));
                _hosts[1].Send(WireRig.Frame(WireRig.Mac(3), WireRig.Mac(2), 1518, 10 + k));
            }

            _rig.Drain();
            long slot = EthernetTiming.SlotNs(1518);
            List<(byte[] Frame, long TimeNs)> got = _hosts[2].Arrivals;
            // Store and forward: the first frame is in the switch after one slot and on port 2 after two;
            // the egress then stays busy, one slot per frame, until its queue of 2 overflowed.
            Assert.AreEqual(t0 + 2 * slot, got[0].TimeNs);
            for (int i = 1; i < got.Count; i++) Assert.AreEqual(got[i - 1].TimeNs + slot, got[i].TimeNs);
            Assert.AreEqual(6L, got.Count + _switch.Egress(2).TailDrops);
            Assert.IsTrue(_switch.Egress(2).TailDrops > 0);
        }

        private static void CollectionAssertSame(int[] expected, int[] actual)
        {
            Assert.AreEqual(string.Join(",", expected), string.Join(",", actual));
        }
    }
}
