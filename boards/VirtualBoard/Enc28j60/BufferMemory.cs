namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// RBM and WBM on the 8 KB buffer (DS39662 4.2.2, 4.2.4). With ECON2.AUTOINC, ERDPT moves to ERXST after
/// reading ERXND (a frame straddling the ring end reads in one go) and otherwise wraps 0x1FFF → 0;
/// EWRPT wraps 0x1FFF → 0 only.
/// </summary>
public sealed partial class Enc28j60Model
{
    private void ReadBufferMemoryCommand(Span<byte> miso)
    {
        bool autoIncrement = (Econ2 & Bits.AUTOINC) != 0;
        int pointer = Pointer(0, Reg.ERDPTL);
        int end = Erxnd;
        int start = Erxst;
        for (int i = 1; i < miso.Length; i++)
        {
            miso[i] = _memory[pointer];
            if (autoIncrement)
            {
                pointer = pointer == end ? start : (pointer + 1) & AddressMask;
            }
        }

        SetPointer(0, Reg.ERDPTL, pointer);
        if (SlowSpiCorruptsThisRead() && miso.Length > 1)
        {
            int at = 1 + _errataRandom.Next(miso.Length - 1);
            miso[at] ^= (byte)(1 << _errataRandom.Next(8));
        }
    }

    private void WriteBufferMemoryCommand(ReadOnlySpan<byte> mosi, int length)
    {
        bool autoIncrement = (Econ2 & Bits.AUTOINC) != 0;
        int pointer = Pointer(0, Reg.EWRPTL);
        for (int i = 1; i < length; i++)
        {
            _memory[pointer] = MosiAt(mosi, i);
            if (autoIncrement)
            {
                pointer = (pointer + 1) & AddressMask;
            }
        }

        SetPointer(0, Reg.EWRPTL, pointer);
    }
}
