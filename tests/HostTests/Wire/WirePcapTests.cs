using System.Buffers.Binary;
using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>The pcap writer, read back by a reader written from pcap-savefile(5): header, records, bytes, times.</summary>
    [TestClass]
    public class WirePcapTests
    {
        private sealed class Capture
        {
            public uint Magic;
            public int Major;
            public int Minor;
            public uint SnapLength;
            public uint LinkType;
            public readonly List<(long TimeNs, int Original, byte[] Data)> Records = new List<(long, int, byte[])>();
        }

        private static Capture Read(byte[] file)
        {
            var c = new Capture();
            Assert.IsTrue(file.Length >= 24, "file header");
            c.Magic = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(0));
            c.Major = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4));
            c.Minor = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6));
            c.SnapLength = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(16));
            c.LinkType = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20));
            int p = 24;
            while (p < file.Length)
            {
                Assert.IsTrue(p + 16 <= file.Length, "truncated record header at " + p);
                long seconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p));
                long fraction = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p + 4));
                int included = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p + 8));
                int original = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(p + 12));
                Assert.IsTrue(fraction < 1_000_000_000, "nanoseconds field in range");
                Assert.IsTrue(included <= original && included <= c.SnapLength, "included length");
                Assert.IsTrue(p + 16 + included <= file.Length, "truncated record data at " + p);
                c.Records.Add((seconds * 1_000_000_000 + fraction, original, file.AsSpan(p + 16, included).ToArray()));
                p += 16 + included;
            }

            return c;
        }

        /// <summary>Traffic both ways through a link with a capture and some faults; returns the file and what arrived.</summary>
        private static (byte[] File, List<(byte[] Frame, long TimeNs)> Arrived) Traffic(bool includeFcs)
        {
            var rig = new WireRig();
            var a = new RecordingPort();
            var b = new RecordingPort();
            EthernetLink link = EthernetLink.Connect(rig.Scheduler, a, b, latencyNs: 2_000);
            var stream = new MemoryStream();
            link.Capture = new PcapWriter(stream, includeFcs, ownsStream: false);
            a.End.Faults = FaultInjector.Parse("loss=0.2,dup=0.1,reorder=0.1,corrupt=0.1,seed=11");
            var arrived = new List<(byte[], long)>();
            for (int i = 0; i < 40; i++)
            {
                a.Send(WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 64 + (i * 37 % 1455), i));
                if (i % 3 == 0) b.Send(WireRig.Frame(WireRig.Mac(1), WireRig.Mac(2), 60 + i, 1000 + i));
            }

            rig.Drain();
            link.Capture.Dispose();
            arrived.AddRange(a.Arrivals.Concat(b.Arrivals).OrderBy(x => x.TimeNs));
            return (stream.ToArray(), arrived);
        }

        [TestMethod]
        public void CaptureWithoutFcsHasTheHeaderAndOneRecordPerArrivedFrame()
        {
            var (file, arrived) = Traffic(includeFcs: false);
            Capture c = Read(file);
            Assert.AreEqual(0xA1B23C4Du, c.Magic); // nanosecond timestamps
            Assert.AreEqual(2, c.Major);
            Assert.AreEqual(4, c.Minor);
            Assert.AreEqual(1u, c.LinkType); // LINKTYPE_ETHERNET
            Assert.AreEqual(65535u, c.SnapLength);
            Assert.AreEqual(arrived.Count, c.Records.Count);
            long last = 0;
            for (int i = 0; i < c.Records.Count; i++)
            {
                Assert.IsTrue(c.Records[i].TimeNs >= last, "timestamps never go back");
                last = c.Records[i].TimeNs;
                Assert.AreEqual(c.Records[i].Data.Length, c.Records[i].Original);
            }

            // Same multiset of (time, bytes without FCS) as what the ports received.
            string Key(long t, byte[] d) => t + ":" + Convert.ToHexString(d);
            var expected = arrived.Select(x => Key(x.TimeNs, x.Frame.AsSpan(0, x.Frame.Length - 4).ToArray())).OrderBy(k => k, StringComparer.Ordinal);
            var actual = c.Records.Select(r => Key(r.TimeNs, r.Data)).OrderBy(k => k, StringComparer.Ordinal);
            Assert.AreEqual(string.Join("|", expected), string.Join("|", actual));
        }

        [TestMethod]
        public void CaptureWithFcsSaysSoInTheHeaderAndKeepsTheFourBytes()
        {
            var (file, arrived) = Traffic(includeFcs: true);
            Capture c = Read(file);
            Assert.AreEqual(1u, c.LinkType & 0xFFFF);
            Assert.AreEqual(0x04000000u, c.LinkType & 0x04000000u); // FCS length present (libpcap LT_FCS_DATALINK_EXT)
            Assert.AreEqual(2u, c.LinkType >> 28); // in 16-bit words: 4 bytes
            Assert.AreEqual(arrived.Count, c.Records.Count);
            var expected = arrived.Select(x => Convert.ToHexString(x.Frame)).OrderBy(k => k, StringComparer.Ordinal);
            var actual = c.Records.Select(r => Convert.ToHexString(r.Data)).OrderBy(k => k, StringComparer.Ordinal);
            Assert.AreEqual(string.Join("|", expected), string.Join("|", actual));
            Assert.IsTrue(c.Records.Any(r => !NanoIP.VirtualBoard.Enc28j60.EthernetCrc.HasValidFcs(r.Data)), "a corrupted frame shows with its bad FCS");
        }

        [TestMethod]
        public void SnapLengthCutsRecordsButKeepsTheOriginalLength()
        {
            var stream = new MemoryStream();
            using (var w = new PcapWriter(stream, snapLength: 100, ownsStream: false))
            {
                w.EpochOffsetNs = 1_700_000_000_000_000_000;
                w.Write(1_500, WireRig.Frame(WireRig.Mac(2), WireRig.Mac(1), 1518, 1), 0, 1518);
            }

            Capture c = Read(stream.ToArray());
            Assert.AreEqual(1, c.Records.Count);
            Assert.AreEqual(100, c.Records[0].Data.Length);
            Assert.AreEqual(1514, c.Records[0].Original);
            Assert.AreEqual(1_700_000_000_000_001_500L, c.Records[0].TimeNs);
        }
    }
}
