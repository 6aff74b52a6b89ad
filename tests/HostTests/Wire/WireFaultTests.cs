using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>The seeded fault injector: the spec string, rates, exact replay, and what each fault does to a frame.</summary>
    [TestClass]
    public class WireFaultTests
    {
        [TestMethod]
        public void SpecStringParsesEveryKeyInAnyOrder()
        {
            FaultSpec s = FaultSpec.Parse("loss=0.05,reorder=0.02,dup=0.01,corrupt=0.001,seed=7");
            Assert.AreEqual(0.05, s.Loss);
            Assert.AreEqual(0.02, s.Reorder);
            Assert.AreEqual(0.01, s.Duplicate);
            Assert.AreEqual(0.001, s.Corrupt);
            Assert.AreEqual(7, s.Seed);
            FaultSpec t = FaultSpec.Parse(" seed=3 , corrupt=1 ,LOSS=0");
            Assert.AreEqual(1.0, t.Corrupt);
            Assert.AreEqual(0.0, t.Loss);
            Assert.AreEqual(3, t.Seed);
            Assert.AreEqual(s.ToString(), FaultSpec.Parse(s.ToString()).ToString());
        }

        [TestMethod]
        public void BadSpecsAreRejectedWithTheirReason()
        {
            Assert.ThrowsException(typeof(FormatException), () => FaultSpec.Parse("loss=1.5"));
            Assert.ThrowsException(typeof(FormatException), () => FaultSpec.Parse("loss=-0.1"));
            Assert.ThrowsException(typeof(FormatException), () => FaultSpec.Parse("jitter=0.1"));
            Assert.ThrowsException(typeof(FormatException), () => FaultSpec.Parse("loss"));
            Assert.ThrowsException(typeof(FormatException), () => FaultSpec.Parse("seed=x"));
            Assert.ThrowsException(typeof(FormatException), () => FaultSpec.Parse("loss=abc"));
        }

        /// <summary>Sends n frames through a link whose A end has the given faults; returns what arrived at B.</summary>
        private static (RecordingPort B, FaultInjector F) Run(string spec, int n, int size = 100)
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink.Connect(rig.Scheduler, a, b);
            var faults = FaultInjector.Parse(spec);
            a.End.Faults = faults;
            a.End.QueueCapacity = n;
            for (int i = 0; i < n; i++) a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), size, i));
            rig.Drain();
            return (b, faults);
        }

        [TestMethod]
        public void RatesComeOutWithinTolerance()
        {
            const int n = 20_000;
            var (b, f) = Run("loss=0.05,reorder=0.02,dup=0.01,corrupt=0.03,seed=7", n, 64);
            OutputHelper.WriteLine(f.ToString());
            Assert.AreEqual((long)n, f.Frames);
            AssertRate(0.05, f.Lost, n);
            AssertRate(0.02 * 0.95, f.Reordered, n); // decided only for frames not lost
            AssertRate(0.01 * 0.95, f.Duplicated, n);
            AssertRate(0.03 * 0.95, f.Corrupted, n);
            Assert.AreEqual(n - f.Lost + f.Duplicated, (long)b.Arrivals.Count);
            int bad = b.Arrivals.Count(x => !EthernetCrc.HasValidFcs(x.Frame));
            // Every corrupted frame fails its FCS check; a duplicated corrupted frame arrives twice.
            Assert.IsTrue(bad >= f.Corrupted && bad <= 2 * f.Corrupted, "bad " + bad + " corrupted " + f.Corrupted);
        }

        private static void AssertRate(double p, long count, int n)
        {
            double sigma = Math.Sqrt(p * (1 - p) * n);
            double expected = p * n;
            Assert.IsTrue(Math.Abs(count - expected) <= 4 * sigma, "count " + count + " expected " + expected.ToString("F0") + " ± " + (4 * sigma).ToString("F0"));
        }

        [TestMethod]
        public void TheSameSeedReplaysExactlyAndAnotherSeedDoesNot()
        {
            const string spec = "loss=0.1,reorder=0.1,dup=0.1,corrupt=0.1,seed=";
            string Trace(RecordingPort b) => string.Join(";", b.Arrivals.Select(x => WireRig.IdOf(x.Frame) + "@" + x.TimeNs + (EthernetCrc.HasValidFcs(x.Frame) ? "" : "!")));
            string one = Trace(Run(spec + "42", 2000).B);
            string two = Trace(Run(spec + "42", 2000).B);
            string other = Trace(Run(spec + "43", 2000).B);
            Assert.AreEqual(one, two);
            Assert.AreNotEqual(one, other);
        }

        [TestMethod]
        public void EachFaultDoesWhatItSays()
        {
            long slot = EthernetTiming.SlotNs(1518);

            var (lost, _) = Run("loss=1", 5, 1518);
            Assert.AreEqual(0, lost.Arrivals.Count);

            var (dup, _) = Run("dup=1", 1, 1518);
            Assert.AreEqual(2, dup.Arrivals.Count);
            Assert.AreEqual(slot, dup.Arrivals[1].TimeNs - dup.Arrivals[0].TimeNs);
            Assert.IsTrue(dup.Arrivals[0].Frame.AsSpan().SequenceEqual(dup.Arrivals[1].Frame));

            var (corrupt, _) = Run("corrupt=1,seed=5", 50, 300);
            Assert.AreEqual(50, corrupt.Arrivals.Count);
            for (int k = 0; k < corrupt.Arrivals.Count; k++)
            {
                byte[] got = corrupt.Arrivals[k].Frame;
                Assert.IsFalse(EthernetCrc.HasValidFcs(got));
                byte[] original = WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 300, k); // no loss, no reordering: arrival k is frame k
                int flipped = 0;
                for (int i = 0; i < 300; i++) flipped += System.Numerics.BitOperations.PopCount((uint)(original[i] ^ got[i]));
                Assert.IsTrue(flipped >= 1 && flipped <= 4, "bits flipped: " + flipped); // 1-3, one more if two flips cancelled
            }

            // Reorder: the first of three back-to-back frames is held back, the next two overtake it.
            var rig2 = new WireRig();
            var a2 = new RecordingPort();
            var b2 = new RecordingPort();
            EthernetLink.Connect(rig2.Scheduler, a2, b2);
            var f2 = FaultInjector.Parse("reorder=1");
            a2.End.Faults = f2;
            a2.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 0));
            a2.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 1));
            a2.End.FrameSent += (f, s, e) => { if (WireRig.IdOf(f) == 1) a2.End.Faults = null; };
            a2.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 2));
            rig2.Drain();
            Assert.AreEqual("1,2,0", string.Join(",", b2.Arrivals.Select(x => WireRig.IdOf(x.Frame))));
            Assert.AreEqual(1L, f2.Reordered);
        }
    }
}
