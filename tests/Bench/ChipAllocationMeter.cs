using System.Device.Spi;

namespace NanoIP.Bench;

/// <summary>
/// Sits between a driver and the chip model and adds up what is allocated on this thread (and the time spent)
/// inside the chip's SPI handling (the model's copies of sent frames, the virtual GPIO's event arguments), so a
/// suite can report the driver's own allocations: measured total minus <see cref="BytesInside"/>.
/// </summary>
public sealed class ChipAllocationMeter : SpiDevice
{
    private readonly SpiDevice _chip;

    public ChipAllocationMeter(SpiDevice chip) => _chip = chip;

    public long BytesInside;

    /// <summary>Stopwatch ticks spent inside the chip's SPI handling.</summary>
    public long TicksInside;

    public override SpiConnectionSettings ConnectionSettings => _chip.ConnectionSettings;

    public override byte ReadByte()
    {
        long a = GC.GetAllocatedBytesForCurrentThread();
        long t = System.Diagnostics.Stopwatch.GetTimestamp();
        byte b = _chip.ReadByte();
        TicksInside += System.Diagnostics.Stopwatch.GetTimestamp() - t;
        BytesInside += GC.GetAllocatedBytesForCurrentThread() - a;
        return b;
    }

    public override void Read(Span<byte> buffer)
    {
        long a = GC.GetAllocatedBytesForCurrentThread();
        long t = System.Diagnostics.Stopwatch.GetTimestamp();
        _chip.Read(buffer);
        TicksInside += System.Diagnostics.Stopwatch.GetTimestamp() - t;
        BytesInside += GC.GetAllocatedBytesForCurrentThread() - a;
    }

    public override void WriteByte(byte value)
    {
        long a = GC.GetAllocatedBytesForCurrentThread();
        long t = System.Diagnostics.Stopwatch.GetTimestamp();
        _chip.WriteByte(value);
        TicksInside += System.Diagnostics.Stopwatch.GetTimestamp() - t;
        BytesInside += GC.GetAllocatedBytesForCurrentThread() - a;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long a = GC.GetAllocatedBytesForCurrentThread();
        long t = System.Diagnostics.Stopwatch.GetTimestamp();
        _chip.Write(buffer);
        TicksInside += System.Diagnostics.Stopwatch.GetTimestamp() - t;
        BytesInside += GC.GetAllocatedBytesForCurrentThread() - a;
    }

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        long a = GC.GetAllocatedBytesForCurrentThread();
        long t = System.Diagnostics.Stopwatch.GetTimestamp();
        _chip.TransferFullDuplex(writeBuffer, readBuffer);
        TicksInside += System.Diagnostics.Stopwatch.GetTimestamp() - t;
        BytesInside += GC.GetAllocatedBytesForCurrentThread() - a;
    }
}
