namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The DMA controller (DS39662 section 13): ECON1.DMAST copies EDMAST..EDMAND (inclusive) to EDMADST, or
/// with ECON1.CSUMEN computes the Internet checksum of that range into EDMACSH:EDMACSL. The source follows
/// the receive ring (after ERXND comes ERXST); the destination is linear, wrapping only 0x1FFF → 0.
/// When done DMAST clears and EIR.DMAIF sets. EDMAST = EDMAND, or an EDMAND the source never reaches,
/// never ends (DS39662 13.0 notes 1 and 2): DMAST stays set until the host clears it.
/// </summary>
public sealed partial class Enc28j60Model
{
    private bool _dmaPending;
    private long _dmaDueAt;
    private bool _dmaChecksum;

    private bool DmaChecksumRunning => _dmaPending && _dmaChecksum;

    private void StartDma()
    {
        if (_dmaPending)
        {
            return;
        }

        _dmaChecksum = (Econ1 & Bits.CSUMEN) != 0;
        int start = Pointer(0, Reg.EDMASTL);
        int end = Pointer(0, Reg.EDMANDL);
        int count = DmaLength(start, end);
        _dmaPending = true;
        if (count < 0)
        {
            // Never ends. A copy runs over the whole buffer (note 2: "will overwrite all memory").
            if (!_dmaChecksum)
            {
                RunDmaCopy(start, BufferSize);
            }

            _dmaDueAt = long.MaxValue;
            return;
        }

        _dmaDueAt = Now + (count * DmaNsPerByte);
        if (!HasClock)
        {
            CompleteDma();
        }
    }

    /// <summary>Bytes from start to end inclusive along the source path; -1 when the DMA would never end.</summary>
    private int DmaLength(int start, int end)
    {
        if (start == end)
        {
            return -1;
        }

        int p = start;
        for (int count = 1; count <= BufferSize; count++)
        {
            if (p == end)
            {
                return count;
            }

            p = RingNext(p);
        }

        return -1;
    }

    private void CompleteDma()
    {
        int start = Pointer(0, Reg.EDMASTL);
        int end = Pointer(0, Reg.EDMANDL);
        int count = DmaLength(start, end);
        _dmaPending = false;
        if (count < 0)
        {
            return;
        }

        if (_dmaChecksum)
        {
            var sum = new OnesComplementSum();
            int p = start;
            for (int i = 0; i < count; i++)
            {
                sum.Add(_memory[p]);
                p = RingNext(p);
            }

            ushort checksum = sum.Checksum;
            _regs[Index(0, Reg.EDMACSL)] = (byte)checksum;
            _regs[Index(0, Reg.EDMACSH)] = (byte)(checksum >> 8);
        }
        else
        {
            RunDmaCopy(start, count);
        }

        ClearFlags(Reg.ECON1, Bits.DMAST);
        SetFlags(Reg.EIR, Bits.DMAIF);
    }

    private void RunDmaCopy(int source, int count)
    {
        int destination = Pointer(0, Reg.EDMADSTL);
        for (int i = 0; i < count; i++)
        {
            _memory[destination] = _memory[source];
            source = RingNext(source);
            destination = (destination + 1) & AddressMask;
        }
    }

    /// <summary>
    /// The host cleared DMAST: the operation stops, no register changes (DS39662 13.0), and DMAIF is set
    /// as for a completion (12.1.6).
    /// </summary>
    private void CancelDma()
    {
        if (_dmaPending)
        {
            _dmaPending = false;
            SetFlags(Reg.EIR, Bits.DMAIF);
        }
    }
}
