using System.Device.Gpio;
using System.Diagnostics;
using NanoIP.Drivers;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.Bench;

/// <summary>
/// The ENC28J60 driver against the chip model: SPI transactions and bytes per frame, managed
/// allocations per frame, and host throughput, for 64-, 512- and 1518-byte frames (sizes on the
/// wire, FCS included) in both directions. "rx" is one frame per interrupt (the costliest case);
/// "rx" with a burst tag reads that many waiting frames per interrupt. Allocations are the driver's own:
/// what the model and the virtual GPIO allocate inside SPI calls is measured apart and left out.
/// </summary>
public sealed class Enc28j60DriverSuite : IBenchSuite
{
    private static readonly int[] Sizes = { 64, 512, 1518 };
    private static readonly byte[] Mac = { 0x02, 0x4E, 0x49, 0x50, 0x00, 0x01 };
    private static readonly byte[] Peer = { 0x02, 0x50, 0x45, 0x45, 0x52, 0x01 };
    private const int MeasuredFrames = 400;
    private const int WarmUpFrames = 50;
    private const double SpiHz = 20_000_000;
    private const double CsOverheadUs = 0.25;

    public string Name => "enc28j60";

    public string Description => "ENC28J60 driver on the chip model: SPI cost, allocations and host speed per frame";

    public void Run(BenchReport report)
    {
        foreach (string direction in new[] { "rx", "tx" })
        {
            foreach (int size in Sizes)
            {
                Cost c = direction == "rx" ? ReceiveCost(size, 1) : TransmitCost(size);
                Emit(report, c, size, direction, 1);
            }
        }

        foreach (int size in Sizes)
        {
            // Up to 8 frames, as many as the 6.5 KB receive ring holds at once.
            int burst = Math.Min(8, 6000 / (size + 8));
            Emit(report, ReceiveCost(size, burst), size, "rx", burst);
        }
    }

    private static void Emit(BenchReport report, Cost c, int size, string direction, int burst)
    {
        var tags = burst == 1
            ? new (string, object)[] { ("frame_size", size), ("direction", direction) }
            : new (string, object)[] { ("frame_size", size), ("direction", direction), ("burst", burst) };
        report.Add("spi_transactions_per_frame", c.Transactions, "transactions", tags);
        report.Add("spi_bytes_per_frame", c.Bytes, "bytes", tags);
        report.Add("spi_bus_time_per_frame_20mhz", c.Bytes * 8 / SpiHz * 1e6 + c.Transactions * CsOverheadUs, "us", tags);
        report.Add("alloc_bytes_per_frame", c.AllocBytes, "bytes", tags);
        if (burst == 1)
        {
            var (fps, driverNs) = HostSpeed(size, direction);
            report.Add("frames_per_second_host", fps, "frames/s", tags);
            report.Add("driver_cpu_ns_per_frame_host", driverNs, "ns", tags);
        }
    }

    private readonly record struct Cost(double Transactions, double Bytes, double AllocBytes);

    /// <summary>Frames arrive <paramref name="burst"/> at a time; the board polls and the stack reads until empty.</summary>
    private static Cost ReceiveCost(int size, int burst)
    {
        using var rig = new Rig(clocked: true);
        byte[][] wire = new byte[burst][];
        for (int i = 0; i < burst; i++) wire[i] = WithFcs(MakeFrame(size - 4, i, Mac));
        var buffer = new byte[1514];
        long transactions = 0, bytes = 0, alloc = 0;
        int frames = 0;
        for (int round = 0; frames < MeasuredFrames; round++)
        {
            foreach (byte[] f in wire)
            {
                if (!rig.Model.DeliverFrame(f, 0, f.Length)) throw new InvalidOperationException("model refused a frame");
            }

            rig.Clock.AdvanceMs(1);
            long t0 = rig.Driver.SpiTransactions, b0 = rig.Driver.SpiBytes, i0 = rig.Meter.BytesInside, a0 = GC.GetAllocatedBytesForCurrentThread();
            rig.Driver.Poll(rig.Clock.NowMs);
            int got = 0;
            while (rig.Driver.Receive(buffer, 0, buffer.Length) > 0 && got <= burst) got++;
            long a1 = GC.GetAllocatedBytesForCurrentThread() - (rig.Meter.BytesInside - i0);
            if (got != burst) throw new InvalidOperationException("received " + got + " of " + burst);
            if (round * burst < WarmUpFrames) continue;
            transactions += rig.Driver.SpiTransactions - t0;
            bytes += rig.Driver.SpiBytes - b0;
            alloc += a1 - a0;
            frames += burst;
        }

        return new Cost((double)transactions / frames, (double)bytes / frames, (double)alloc / frames);
    }

    /// <summary>The stack sends a frame; the board polls after the wire time (TXIF) and before the next one.</summary>
    private static Cost TransmitCost(int size)
    {
        using var rig = new Rig(clocked: true);
        byte[] frame = MakeFrame(size - 4, 1, Peer);
        long transactions = 0, bytes = 0, alloc = 0;
        int before = rig.Sent;
        for (int i = 0; i < WarmUpFrames + MeasuredFrames; i++)
        {
            long t0 = rig.Driver.SpiTransactions, b0 = rig.Driver.SpiBytes, i0 = rig.Meter.BytesInside, a0 = GC.GetAllocatedBytesForCurrentThread();
            if (!rig.Driver.Transmit(frame, 0, frame.Length)) throw new InvalidOperationException("transmit refused");
            long a1 = GC.GetAllocatedBytesForCurrentThread();
            rig.Clock.AdvanceMs(2); // wire time passes; the model puts the frame out (allocating its copy)
            long a2 = GC.GetAllocatedBytesForCurrentThread();
            rig.Driver.Poll(rig.Clock.NowMs);
            long a3 = GC.GetAllocatedBytesForCurrentThread() - (rig.Meter.BytesInside - i0);
            if (i < WarmUpFrames) continue;
            transactions += rig.Driver.SpiTransactions - t0;
            bytes += rig.Driver.SpiBytes - b0;
            alloc += (a1 - a0) + (a3 - a2);
        }

        if (rig.Sent - before != WarmUpFrames + MeasuredFrames) throw new InvalidOperationException("frames lost: " + (rig.Sent - before));
        return new Cost((double)transactions / MeasuredFrames, (double)bytes / MeasuredFrames, (double)alloc / MeasuredFrames);
    }

    /// <summary>
    /// Host speed over ~0.4 s with no virtual time charged: frames per second of driver + model end to
    /// end, and the driver's own CPU time per frame (total minus time inside the model's SPI calls and
    /// the wire side; INT pin reads through the virtual GPIO still count). Wall-clock numbers: noisy
    /// on a shared machine, unlike the SPI and allocation metrics, which are exact.
    /// </summary>
    private static (double FramesPerSecond, double DriverNs) HostSpeed(int size, string direction)
    {
        using var rig = new Rig(clocked: false);
        byte[] rx = WithFcs(MakeFrame(size - 4, 1, Mac));
        byte[] tx = MakeFrame(size - 4, 2, Peer);
        var buffer = new byte[1514];
        long frames = 0, wireTicks = 0, inside0 = 0;
        var sw = Stopwatch.StartNew();
        for (int pass = 0; pass < 2; pass++)
        {
            // Pass 0 warms up (tiered JIT); pass 1 measures.
            frames = 0;
            wireTicks = 0;
            inside0 = rig.Meter.TicksInside;
            sw.Restart();
            while (sw.ElapsedMilliseconds < (pass == 0 ? 150 : 400))
            {
            for (int i = 0; i < 100; i++)
            {
                if (direction == "rx")
                {
                    long w = Stopwatch.GetTimestamp();
                    rig.Model.DeliverFrame(rx, 0, rx.Length);
                    wireTicks += Stopwatch.GetTimestamp() - w;
                    rig.Driver.Poll(rig.Clock.NowMs);
                    while (rig.Driver.Receive(buffer, 0, buffer.Length) > 0) frames++;
                }
                else
                {
                    if (rig.Driver.Transmit(tx, 0, tx.Length)) frames++;
                    rig.Driver.Poll(rig.Clock.NowMs);
                }
            }
            }
        }

        sw.Stop();
        long driverTicks = sw.ElapsedTicks - wireTicks - (rig.Meter.TicksInside - inside0);
        return (frames / sw.Elapsed.TotalSeconds, driverTicks * 1e9 / Stopwatch.Frequency / frames);
    }

    private static byte[] MakeFrame(int length, int seed, byte[] destination)
    {
        var f = new byte[length];
        destination.CopyTo(f, 0);
        (destination == Mac ? Peer : Mac).CopyTo(f, 6);
        f[12] = 0x88;
        f[13] = 0xB5;
        var rng = new Random(seed);
        for (int i = 14; i < length; i++) f[i] = (byte)rng.Next(256);
        return f;
    }

    private static byte[] WithFcs(byte[] frame)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in frame)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }

        crc = ~crc;
        var w = new byte[frame.Length + 4];
        frame.CopyTo(w, 0);
        for (int k = 0; k < 4; k++) w[frame.Length + k] = (byte)(crc >> (8 * k));
        return w;
    }

    /// <summary>The driver's clock on virtual time.</summary>
    private sealed class DriverClock : IDriverClock
    {
        private readonly VirtualClock _clock;

        public DriverClock(VirtualClock clock) => _clock = clock;

        public long NowMs => _clock.NowMs;

        public void DelayMicroseconds(int microseconds) => _clock.AdvanceMicroseconds(microseconds);
    }

    /// <summary>Driver + model + INT pin, started.</summary>
    private sealed class Rig : IDisposable
    {
        public readonly VirtualClock Clock = new();
        public readonly Enc28j60Model Model;
        public readonly Enc28j60Driver Driver;
        public readonly ChipAllocationMeter Meter;
        private readonly GpioController _gpio;
        private readonly GpioPin _int;
        public int Sent;

        public Rig(bool clocked)
        {
            Model = new Enc28j60Model(new Enc28j60ModelOptions { Clock = clocked ? Clock : null });
            Model.FrameTransmitted += _ => Sent++;
            _gpio = VirtualEnc28j60Wiring.CreateGpio(Model, 4);
            _int = _gpio.OpenPin(4, PinMode.Input);
            Meter = new ChipAllocationMeter(Model);
            Driver = new Enc28j60Driver(Meter, _int, null, new DriverClock(Clock), new Enc28j60Options { MacAddress = Mac });
            Driver.Start();
        }

        public void Dispose()
        {
            Driver.Stop();
            _int.Dispose();
            _gpio.Dispose();
            Model.Dispose();
        }
    }
}
