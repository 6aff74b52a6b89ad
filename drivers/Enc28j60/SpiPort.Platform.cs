using System;
using System.Device.Spi;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// The driver's only door to the SPI bus, and the only place that builds spans: every call
    /// is one chip-select-low transaction, i.e. one ENC28J60 instruction (datasheet 4.2).
    /// nanoFramework's SpiDevice takes SpanByte; .NET IoT's takes Span/ReadOnlySpan.
    /// </summary>
    internal sealed class SpiPort
    {
        private readonly SpiDevice _spi;

        /// <summary>Transactions issued (one per instruction).</summary>
        public long Transactions;

        /// <summary>Bytes clocked, counting each byte once whatever its direction.</summary>
        public long Bytes;

        public SpiPort(SpiDevice spi)
        {
            _spi = spi;
        }

        /// <summary>SPI clock the board configured, in Hz (errata 1 check).</summary>
        public int ClockFrequency
        {
            get { return _spi.ConnectionSettings.ClockFrequency; }
        }

        /// <summary>One transaction that only writes (WCR, BFS, BFC, SRC, WBM).</summary>
        public void Write(byte[] buffer, int offset, int length)
        {
            Transactions++;
            Bytes += length;
#if NANOFRAMEWORK
            _spi.Write(new SpanByte(buffer, offset, length));
#else
            _spi.Write(new ReadOnlySpan<byte>(buffer, offset, length));
#endif
        }

        /// <summary>One full-duplex transaction of <paramref name="length"/> bytes (RCR, RBM).</summary>
        public void Transfer(byte[] write, byte[] read, int offset, int length)
        {
            Transactions++;
            Bytes += length;
#if NANOFRAMEWORK
            _spi.TransferFullDuplex(new SpanByte(write, offset, length), new SpanByte(read, offset, length));
#else
            _spi.TransferFullDuplex(new ReadOnlySpan<byte>(write, offset, length), new Span<byte>(read, offset, length));
#endif
        }
    }
}
