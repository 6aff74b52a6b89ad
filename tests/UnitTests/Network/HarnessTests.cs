using nanoFramework.TestFramework;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    [TestClass]
    public class VirtualWireTests
    {
        private static int Run(int seed, long[] counts)
        {
            VirtualWire w = new VirtualWire();
            FaultInjector f = new FaultInjector(seed);
            f.LossRate = 0.2;
            f.DuplicateRate = 0.2;
            f.ReorderRate = 0.2;
            f.CorruptRate = 0.2;
            w.Faults = f;
            VirtualLink a = w.AddLink(VirtualNetwork.MakeMac(1));
            VirtualLink b = w.AddLink(VirtualNetwork.MakeMac(2));
            byte[] frame = new byte[100];
            Packets.Ethernet(frame, b.Mac, a.Mac, 0x88B5);
            byte[] rx = new byte[1514];
            int checksum = 0;
            for (int i = 0; i < 200; i++)
            {
                frame[20] = (byte)i;
                w.Now = i;
                a.Transmit(frame, 0, 100);
                b.Poll(i);
                int n;
                while ((n = b.Receive(rx, 0, rx.Length)) > 0)
                {
                    for (int k = 0; k < n; k++)
                    {
                        checksum = checksum * 31 + rx[k];
                    }
                }
            }

            counts[0] = f.Lost;
            counts[1] = f.Duplicated;
            counts[2] = f.Reordered;
            counts[3] = f.Corrupted;
            return checksum;
        }

        [TestMethod]
        public void VirtualWireFaultsReplayExactlyWithTheSameSeed()
        {
            long[] c1 = new long[4];
            long[] c2 = new long[4];
            long[] c3 = new long[4];
            int r1 = Run(5, c1);
            int r2 = Run(5, c2);
            int r3 = Run(6, c3);
            Assert.AreEqual(r1, r2);
            bool differs = r1 != r3;
            for (int i = 0; i < 4; i++)
            {
                Assert.AreEqual(c1[i], c2[i]);
                Assert.IsTrue(c1[i] > 10);
                differs |= c1[i] != c3[i];
            }

            Assert.IsTrue(differs);
        }

        [TestMethod]
        public void VirtualWireDeliversAfterLatencyAndFiltersLikeTheChip()
        {
            VirtualWire w = new VirtualWire();
            w.LatencyMs = 7;
            FrameCapture cap = new FrameCapture();
            w.Capture = cap;
            int tapped = 0;
            w.Tap = delegate(int port, byte[] fr, int len, long now) { tapped++; };
            VirtualLink a = w.AddLink(VirtualNetwork.MakeMac(1));
            VirtualLink b = w.AddLink(VirtualNetwork.MakeMac(2));
            byte[] frame = new byte[20];
            Packets.Ethernet(frame, b.Mac, a.Mac, 0x88B5);
            w.Now = 100;
            Assert.IsTrue(a.Transmit(frame, 0, 20));
            Assert.AreEqual(107L, w.NextDeliveryMs);
            b.Poll(106);
            Assert.AreEqual(0, b.Queued);
            b.Poll(107);
            Assert.AreEqual(1, b.Queued);
            byte[] rx = new byte[100];
            Assert.AreEqual(60, b.Receive(rx, 0, 100)); // padded like the chip does
            Assert.AreEqual(1, tapped);
            Assert.AreEqual(1, cap.Count);
            Assert.AreEqual(0, cap.Port(0));

            // Not for b; broadcast non-ARP only while enabled; ARP broadcast always.
            Packets.Ethernet(frame, VirtualNetwork.MakeMac(9), a.Mac, 0x88B5);
            a.Transmit(frame, 0, 20);
            b.ReceiveBroadcast = false;
            Packets.Ethernet(frame, Packets.BroadcastMac, a.Mac, 0x0800);
            a.Transmit(frame, 0, 20);
            Packets.Ethernet(frame, Packets.BroadcastMac, a.Mac, 0x0806);
            a.Transmit(frame, 0, 20);
            b.Poll(200);
            Assert.AreEqual(1, b.Queued);
            Assert.AreEqual(2L, b.Filtered);
            Assert.AreEqual(0, b.Receive(rx, 0, 10) > 0 ? 1 : 0); // too long for the caller: dropped, counted
            Assert.AreEqual(1L, b.TooLongForCaller);

            a.LinkUp = false;
            Assert.IsFalse(a.Transmit(frame, 0, 20));
        }

        [TestMethod]
        public void VirtualWireRunUntilIsBoundedInTime()
        {
            VirtualNetwork net = new VirtualNetwork();
            net.AddStack(new NetConfig(), 1, NanoIP.Network.IPv4.FromBytes(10, 0, 0, 1), 24);
            long start = net.Now;
            Assert.IsFalse(net.RunUntil(delegate { return false; }, 12345));
            Assert.AreEqual(start + 12345, net.Now);
            Assert.IsTrue(net.LastIterations < 100);
        }
    }
}
