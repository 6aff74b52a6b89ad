using System.Buffers.Binary;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// Writes frames to a classic libpcap file (pcap-savefile(5)) that Wireshark and tshark open:
/// little-endian, nanosecond timestamps (magic 0xA1B23C4D), link type LINKTYPE_ETHERNET (1).
///
/// By default frames are written without their FCS, as Linux captures them (the NIC strips it) and as
/// Wireshark expects for LINKTYPE_ETHERNET; padding up to 60 bytes stays, as on a real capture. With
/// <c>includeFcs</c> the 4 FCS bytes are kept and the header says so the way libpcap does
/// (LT_FCS_DATALINK_EXT: link type 1 | 0x04000000 | FCS length in 16-bit words &lt;&lt; 28 = 0x24000001):
/// corrupted frames then show as such ("Assume packets have FCS" in Wireshark's Ethernet preferences
/// if a reader ignores those bits).
/// Timestamps are the virtual clock's nanoseconds plus <see cref="EpochOffsetNs"/>.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    public const uint MagicNanoseconds = 0xA1B23C4D;
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    public const uint LinkTypeEthernet = 1;
    public const uint FcsPresentFlag = 0x04000000;
    public const int FileHeaderLength = 24;
    public const int RecordHeaderLength = 16;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _header = new byte[RecordHeaderLength];
    private readonly object _sync = new();
    private bool _disposed;

    public PcapWriter(Stream stream, bool includeFcs = false, int snapLength = 65535, bool ownsStream = true)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 64);
        _ownsStream = ownsStream;
        IncludeFcs = includeFcs;
        SnapLength = snapLength;
        var file = new byte[FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(0), MagicNanoseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 2); // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(6), 4);
        // 8..15: reserved (formerly thiszone and sigfigs), 0
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(16), (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), LinkTypeField(includeFcs));
        _stream.Write(file);
    }

    /// <summary>Creates (or truncates) a capture file.</summary>
    public static PcapWriter Create(string path, bool includeFcs = false) =>
        new PcapWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), includeFcs);

    /// <summary>The header's link-type field: 1, or 1 with the FCS length (2 × 16 bits) and its present flag.</summary>
    public static uint LinkTypeField(bool includeFcs) => includeFcs ? LinkTypeEthernet | FcsPresentFlag | (2u << 28) : LinkTypeEthernet;

    public bool IncludeFcs { get; }

    public int SnapLength { get; }

    /// <summary>Added to every timestamp (virtual time starts near 0, i.e. 1970).</summary>
    public long EpochOffsetNs { get; set; }

    public long Records { get; private set; }

    /// <summary>Writes one frame seen at <paramref name="timeNs"/>; <paramref name="length"/> includes the FCS.</summary>
    public void Write(long timeNs, byte[] frameWithFcs, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(frameWithFcs);
        int original = IncludeFcs ? length : Math.Max(0, length - EthernetTiming.FcsLength);
        int captured = Math.Min(original, SnapLength);
        long t = timeNs + EpochOffsetNs;
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(0), (uint)(t / 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(4), (uint)(t % 1_000_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(8), (uint)captured);
            BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(12), (uint)original);
            _stream.Write(_header);
            _stream.Write(frameWithFcs, offset, captured);
            Records++;
        }
    }

    public void Flush()
    {
        lock (_sync)
        {
            if (!_disposed) _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_disposed) return;
            _disposed = true;
            _stream.Flush();
            if (_ownsStream)
            {
                _stream.Dispose();
            }
        }
    }
}
