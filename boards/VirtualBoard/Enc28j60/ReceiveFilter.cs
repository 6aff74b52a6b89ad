namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The receive filters of ERXFCON (DS39662 section 8, Figures 8-1/8-2): unicast (MAADR), pattern match,
/// magic packet, hash table, multicast, broadcast; ANDOR = 0 accepts a frame that any enabled filter
/// accepts, ANDOR = 1 only one that all enabled filters accept; CRCEN rejects a bad FCS either way.
/// ERXFCON = 0 is promiscuous (even frames with a bad FCS are kept, flagged in the status vector).
/// </summary>
public sealed partial class Enc28j60Model
{
    private bool PassesReceiveFilters(ReadOnlySpan<byte> frame, bool fcsValid)
    {
        byte filters = Reg8(1, Reg.ERXFCON);
        if ((filters & Bits.CRCEN) != 0 && !fcsValid)
        {
            return false;
        }

        byte enabled = (byte)(filters & (Bits.UCEN | Bits.PMEN | Bits.MPEN | Bits.HTEN | Bits.MCEN | Bits.BCEN));
        if (enabled == 0)
        {
            return true;
        }

        bool andMode = (filters & Bits.ANDOR) != 0;
        int passed = 0;
        int tested = 0;
        for (int bit = 0; bit < 8; bit++)
        {
            byte filter = (byte)(1 << bit);
            if ((enabled & filter) == 0)
            {
                continue;
            }

            tested++;
            if (FilterAccepts(filter, frame))
            {
                passed++;
            }
        }

        return andMode ? passed == tested : passed > 0;
    }

    private bool FilterAccepts(byte filter, ReadOnlySpan<byte> frame)
    {
        switch (filter)
        {
            case Bits.UCEN:
                return IsOwnAddress(frame);
            case Bits.BCEN:
                return IsBroadcast(frame);
            case Bits.MCEN:
                return (frame[0] & 0x01) != 0; // the group bit; broadcast meets it too (DS39662 8.5)
            case Bits.HTEN:
                int index = EthernetCrc.HashTableIndex(frame);
                return (Reg8(1, Reg.EHT0 + (index >> 3)) & (1 << (index & 7))) != 0;
            case Bits.PMEN:
                return PatternMatches(frame) || PatternMatchLeaksThisTime();
            case Bits.MPEN:
                return IsOwnAddress(frame) && ContainsMagicPacket(frame);
            default:
                return false;
        }
    }

    private bool IsOwnAddress(ReadOnlySpan<byte> frame)
    {
        for (int i = 0; i < 6; i++)
        {
            if (frame[i] != Reg8(3, Reg.MaadrWireOrder[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBroadcast(ReadOnlySpan<byte> frame)
    {
        for (int i = 0; i < 6; i++)
        {
            if (frame[i] != 0xFF)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// DS39662 8.2: a 64-byte window starting EPMO bytes after the destination address; the bytes whose
    /// EPMM bit is set are checksummed as the DMA does; a window past the end of the FCS never matches.
    /// </summary>
    private bool PatternMatches(ReadOnlySpan<byte> frame)
    {
        int offset = Pointer(1, Reg.EPMOL);
        if (offset + 64 > frame.Length)
        {
            return false;
        }

        var sum = new OnesComplementSum();
        for (int i = 0; i < 64; i++)
        {
            if ((Reg8(1, Reg.EPMM0 + (i >> 3)) & (1 << (i & 7))) != 0)
            {
                sum.Add(frame[offset + i]);
            }
        }

        int expected = Reg8(1, Reg.EPMCSL) | (Reg8(1, Reg.EPMCSH) << 8);
        return sum.Checksum == expected;
    }

    /// <summary>DS39662 8.3: six 0xFF then the station address sixteen times, anywhere after the header.</summary>
    private bool ContainsMagicPacket(ReadOnlySpan<byte> frame)
    {
        const int PatternLength = 6 + 16 * 6;
        for (int start = 14; start + PatternLength <= frame.Length; start++)
        {
            bool match = true;
            for (int i = 0; i < PatternLength && match; i++)
            {
                byte expected = i < 6 ? (byte)0xFF : Reg8(3, Reg.MaadrWireOrder[(i - 6) % 6]);
                match = frame[start + i] == expected;
            }

            if (match)
            {
                return true;
            }
        }

        return false;
    }
}
