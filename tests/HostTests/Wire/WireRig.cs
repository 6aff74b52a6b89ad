using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Wire
{
    /// <summary>A port that only listens: every arriving frame with its time, in order.</summary>
    internal sealed class RecordingPort : IWirePort
    {
        public readonly List<(byte[] Frame, long TimeNs)> Arrivals = new List<(byte[], long)>();

        public LinkEnd End;

        public void Attach(LinkEnd end) => End = end;

        public void FrameArrived(byte[] frameWithFcs, long nowNs)
        {
            lock (Arrivals) Arrivals.Add((frameWithFcs, nowNs));
        }

        public int Count
        {
            get
            {
                lock (Arrivals) return Arrivals.Count;
            }
        }

        public bool Send(byte[] frame) => End.Send(frame);
    }

    /// <summary>A clock, the wire's scheduler, and helpers to build frames and let time pass event by event.</summary>
    internal sealed class WireRig
    {
        public readonly VirtualClock Clock = new VirtualClock(1_000_000_000);
        public readonly WireScheduler Scheduler;

        public WireRig()
        {
            Scheduler = new WireScheduler(Clock);
        }

        public long Now => Clock.NowNanoseconds;

        /// <summary>Advances the clock from event to event until none is left (bounded).</summary>
        public void Drain(int maxEvents = 1_000_000)
        {
            for (int i = 0; i < maxEvents; i++)
            {
                Scheduler.RunDue();
                long? next = Scheduler.NextDueNs;
                if (next == null) return;
                Clock.Advance(Math.Max(0, next.Value - Clock.NowNanoseconds));
            }

            throw new InvalidOperationException("the wire did not drain");
        }

        /// <summary>An Ethernet II frame with FCS: total length bytes on the wire, payload tagged with id.</summary>
        public static byte[] Frame(byte[] dst, byte[] src, int lengthWithFcs, int id)
        {
            var f = new byte[lengthWithFcs - 4];
            dst.CopyTo(f, 0);
            src.CopyTo(f, 6);
            f[12] = 0x88;
            f[13] = 0xB5; // IEEE 802 local experimental EtherType
            f[14] = (byte)(id >> 24);
            f[15] = (byte)(id >> 16);
            f[16] = (byte)(id >> 8);
            f[17] = (byte)id;
            for (int i = 18; i < f.Length; i++) f[i] = (byte)(i * 31 + id);
            return EthernetCrc.AppendFcs(f);
        }

        public static int IdOf(byte[] frame) => (frame[14] << 24) | (frame[15] << 16) | (frame[16] << 8) | frame[17];

        public static byte[] Mac(int n) => new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, (byte)n };

        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    }
}
