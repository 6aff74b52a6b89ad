namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The IEEE 802.3 CRC-32 (polynomial 0x04C11DB7): the FCS a frame carries, and the hash-table pointer of
/// the receive filter (DS39662 8.4).
/// </summary>
public static class EthernetCrc
{
    private static readonly uint[] s_table = BuildTable();

    /// <summary>The FCS of data[offset..offset+length) as the value whose low byte goes on the wire first.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    /// <summary>True when the last 4 bytes are the FCS of the bytes before them.</summary>
    public static bool HasValidFcs(ReadOnlySpan<byte> frameWithFcs)
    {
        if (frameWithFcs.Length < 4)
        {
            return false;
        }

        uint crc = Compute(frameWithFcs[..^4]);
        ReadOnlySpan<byte> fcs = frameWithFcs[^4..];
        return fcs[0] == (byte)crc && fcs[1] == (byte)(crc >> 8) && fcs[2] == (byte)(crc >> 16) && fcs[3] == (byte)(crc >> 24);
    }

    /// <summary>Appends the FCS to a frame (a new array of length + 4).</summary>
    public static byte[] AppendFcs(ReadOnlySpan<byte> frame)
    {
        var result = new byte[frame.Length + 4];
        frame.CopyTo(result);
        uint crc = Compute(frame);
        result[frame.Length] = (byte)crc;
        result[frame.Length + 1] = (byte)(crc >> 8);
        result[frame.Length + 2] = (byte)(crc >> 16);
        result[frame.Length + 3] = (byte)(crc >> 24);
        return result;
    }

    /// <summary>
    /// The hash-table bit (0..63) for a destination address: the CRC shift register run MSB-first over the six
    /// bytes as they go on the wire (each byte LSB first), seeded with ones, not complemented; bits 28:23 pick
    /// the bit, EHT0 bit 0 being 0. This is how Microchip's own stack programs EHT.
    /// </summary>
    public static int HashTableIndex(ReadOnlySpan<byte> destination)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = 0; i < 6; i++)
        {
            int b = destination[i];
            for (int bit = 0; bit < 8; bit++)
            {
                bool feedback = ((crc >> 31) ^ (uint)(b & 1)) != 0;
                crc <<= 1;
                if (feedback)
                {
                    crc ^= 0x04C11DB7;
                }

                b >>= 1;
            }
        }

        return (int)((crc >> 23) & 0x3F);
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

/// <summary>The 16-bit one's complement checksum of the DMA engine and the pattern match filter (DS39662 13.2).</summary>
internal struct OnesComplementSum
{
    private uint _sum;
    private bool _odd;
    private byte _high;

    public void Add(byte value)
    {
        if (_odd)
        {
            _sum += (uint)((_high << 8) | value);
            _odd = false;
        }
        else
        {
            _high = value;
            _odd = true;
        }

        if (_sum > 0xFFFF)
        {
            _sum = (_sum & 0xFFFF) + (_sum >> 16);
        }
    }

    /// <summary>The checksum: an odd byte count is padded with 0x00; the result is the complement.</summary>
    public readonly ushort Checksum
    {
        get
        {
            uint sum = _sum + (_odd ? (uint)(_high << 8) : 0);
            while (sum > 0xFFFF)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }
    }
}
