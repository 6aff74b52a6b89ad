using System.Device.Spi;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>
    /// Passes every SPI transaction through to the chip and remembers the first two MOSI bytes
    /// (instruction and argument) of each, so a test can check what the driver asked the chip to do.
    /// It also adds up what the chip side (the model, and the virtual INT pin it drives) allocates
    /// inside each transaction, so a test can tell the driver's own allocations from the stand-in hardware's.
    /// </summary>
    internal sealed class SpiRecorder : SpiDevice
    {
        private readonly SpiDevice _inner;

        public SpiRecorder(SpiDevice inner) => _inner = inner;

        public readonly List<(byte Op, byte Arg, int Length)> Commands = new();

        public bool Enabled = true;

        /// <summary>Bytes allocated on this thread inside the chip's SPI handling.</summary>
        public long BytesAllocatedInside;

        /// <summary>The next this-many RCRs of EIR read 0xFF (a glitch on MISO).</summary>
        public int GlitchEirReads;

        public override SpiConnectionSettings ConnectionSettings => _inner.ConnectionSettings;

        public override byte ReadByte()
        {
            Note(ReadOnlySpan<byte>.Empty, 1);
            long a = GC.GetAllocatedBytesForCurrentThread();
            byte b = _inner.ReadByte();
            BytesAllocatedInside += GC.GetAllocatedBytesForCurrentThread() - a;
            return b;
        }

        public override void Read(Span<byte> buffer)
        {
            Note(ReadOnlySpan<byte>.Empty, buffer.Length);
            long a = GC.GetAllocatedBytesForCurrentThread();
            _inner.Read(buffer);
            BytesAllocatedInside += GC.GetAllocatedBytesForCurrentThread() - a;
        }

        public override void WriteByte(byte value)
        {
            Note(new[] { value }, 1);
            long a = GC.GetAllocatedBytesForCurrentThread();
            _inner.WriteByte(value);
            BytesAllocatedInside += GC.GetAllocatedBytesForCurrentThread() - a;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Note(buffer, buffer.Length);
            long a = GC.GetAllocatedBytesForCurrentThread();
            _inner.Write(buffer);
            BytesAllocatedInside += GC.GetAllocatedBytesForCurrentThread() - a;
        }

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            Note(writeBuffer, writeBuffer.Length);
            long a = GC.GetAllocatedBytesForCurrentThread();
            _inner.TransferFullDuplex(writeBuffer, readBuffer);
            BytesAllocatedInside += GC.GetAllocatedBytesForCurrentThread() - a;
            if (GlitchEirReads > 0 && writeBuffer.Length == 2 && writeBuffer[0] == 0x1C)
            {
                GlitchEirReads--;
                readBuffer[1] = 0xFF;
            }
        }

        /// <summary>True when some command wrote <paramref name="bits"/> into ETH register <paramref name="address"/> (WCR or BFS).</summary>
        public bool EverSet(int address, int bits)
        {
            foreach (var c in Commands)
            {
                bool write = c.Op == (0x40 | address) || c.Op == (0x80 | address);
                if (write && c.Length >= 2 && (c.Arg & bits) != 0) return true;
            }

            return false;
        }

        /// <summary>Called with instruction and argument of every transaction of two or more MOSI bytes, before the chip sees it.</summary>
        public Action<byte, byte> Observe;

        private void Note(ReadOnlySpan<byte> mosi, int length)
        {
            if (mosi.Length > 1) Observe?.Invoke(mosi[0], mosi[1]);
            if (!Enabled) return;
            Commands.Add((mosi.Length > 0 ? mosi[0] : (byte)0, mosi.Length > 1 ? mosi[1] : (byte)0, length));
        }
    }
}
