namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The control register file: bank selection (ECON1.BSEL), reset values, read-only and read/clear bits,
/// and the registers whose reads or writes do something (DS39662 section 3).
/// </summary>
public sealed partial class Enc28j60Model
{
    private enum WriteMode
    {
        Write,
        Set,
        Clear,
    }

    private readonly byte[] _regs = new byte[128];

    // ERXRDPT takes effect when ERXRDPTH is written; the low byte waits in a buffer (DS39662 7.2.4).
    private int _erxrdpt;
    private byte _erxrdptLowBuffer;

    private int Bank => _regs[Reg.ECON1] & Bits.BSEL;

    private static int Index(int bank, int address) => address >= Reg.EIE ? address : (bank << 5) | address;

    private byte Econ1 => _regs[Reg.ECON1];

    private byte Econ2 => _regs[Reg.ECON2];

    private byte Eie => _regs[Reg.EIE];

    private byte Eir => _regs[Reg.EIR];

    private byte Reg8(int bank, int address) => _regs[Index(bank, address)];

    private int Pointer(int bank, int low) => (_regs[Index(bank, low)] | (_regs[Index(bank, low + 1)] << 8)) & AddressMask;

    private void SetPointer(int bank, int low, int value)
    {
        _regs[Index(bank, low)] = (byte)value;
        _regs[Index(bank, low + 1)] = (byte)((value >> 8) & 0x1F);
    }

    private int Erxst => Pointer(0, Reg.ERXSTL);

    private int Erxnd => Pointer(0, Reg.ERXNDL);

    private int Mamxfl => _regs[Index(2, Reg.MAMXFLL)] | (_regs[Index(2, Reg.MAMXFLH)] << 8);

    private byte Macon1 => _regs[Index(2, Reg.MACON1)];

    private byte Macon3 => _regs[Index(2, Reg.MACON3)];

    private void SetFlags(int address, byte bits) => _regs[address] |= bits;

    private void ClearFlags(int address, byte bits) => _regs[address] &= (byte)~bits;

    private void ResetRegisterFile()
    {
        for (int bank = 0; bank < 4; bank++)
        {
            for (int a = 0; a < 32; a++)
            {
                _regs[Index(bank, a)] = RegisterMap.Get(bank, a).Reset;
            }
        }

        _erxrdpt = 0x05FA;
        _erxrdptLowBuffer = 0xFA;
    }

    private byte ReadRegister(int bank, int address, bool peek)
    {
        RegisterSpec spec = RegisterMap.Get(bank, address);
        if (!spec.Implemented)
        {
            return 0;
        }

        switch (address)
        {
            case Reg.EIR:
                return ReadEir(peek);
            case Reg.ESTAT:
                return ReadEstat();
            case Reg.ECON2:
                return (byte)(Econ2 & ~Bits.PKTDEC); // PKTDEC always reads 0
        }

        switch ((bank << 8) | address)
        {
            case (0 << 8) | Reg.ERXRDPTL:
                return (byte)_erxrdpt;
            case (0 << 8) | Reg.ERXRDPTH:
                return (byte)(_erxrdpt >> 8);
            case (0 << 8) | Reg.ERXWRPTL:
                return (byte)_rxWritePointer;
            case (0 << 8) | Reg.ERXWRPTH:
                return (byte)(_rxWritePointer >> 8);
            case (1 << 8) | Reg.EPKTCNT:
                return (byte)_packetCount;
            case (3 << 8) | Reg.MISTAT:
                return ReadMistat(peek);
            case (3 << 8) | Reg.EREVID:
                return (byte)(_options.Revision & 0x1F);
            case (3 << 8) | Reg.EFLOCON:
                return (byte)(Reg8(3, Reg.EFLOCON) | ((Macon3 & Bits.FULDPX) != 0 ? Bits.FULDPXS : 0));
            default:
                return _regs[Index(bank, address)];
        }
    }

    private void WriteRegister(int bank, int address, byte value, WriteMode mode)
    {
        RegisterSpec spec = RegisterMap.Get(bank, address);
        if (!spec.Implemented)
        {
            return;
        }

        byte old = ReadRegister(bank, address, peek: true);
        byte writable = spec.Writable;
        byte clearOnly = spec.ClearOnly;
        byte next = mode switch
        {
            WriteMode.Write => (byte)((old & ~(writable | clearOnly)) | (value & writable) | (old & clearOnly & value)),
            WriteMode.Set => (byte)(old | (value & writable)),
            _ => (byte)(old & ~(value & (writable | clearOnly))),
        };

        switch (address)
        {
            case Reg.ECON1:
                _regs[Reg.ECON1] = next;
                OnEcon1Written(old, next);
                return;
            case Reg.ECON2:
                bool decrement = mode != WriteMode.Clear && (value & Bits.PKTDEC) != 0;
                _regs[Reg.ECON2] = (byte)(next & ~Bits.PKTDEC);
                if (decrement)
                {
                    DecrementPacketCount();
                }

                OnPowerSaveWritten((old & Bits.PWRSV) != 0, (next & Bits.PWRSV) != 0);
                return;
            case Reg.EIR:
                // Only the R/C flags can change; PKTIF follows EPKTCNT and LINKIF follows PHIR.
                _regs[Reg.EIR] = (byte)((_regs[Reg.EIR] & ~clearOnly) | (next & clearOnly));
                return;
            case Reg.ESTAT:
                _regs[Reg.ESTAT] = (byte)(next & clearOnly);
                return;
            case Reg.EIE:
                _regs[Reg.EIE] = next;
                return;
        }

        switch ((bank << 8) | address)
        {
            case (0 << 8) | Reg.ERXRDPTL:
                _erxrdptLowBuffer = next;
                return;
            case (0 << 8) | Reg.ERXRDPTH:
                _erxrdpt = (_erxrdptLowBuffer | (next << 8)) & AddressMask;
                return;
            case (0 << 8) | Reg.ERXSTL:
            case (0 << 8) | Reg.ERXSTH:
            case (0 << 8) | Reg.ERXNDL:
            case (0 << 8) | Reg.ERXNDH:
                _regs[Index(bank, address)] = next;
                OnReceiveBoundsWritten();
                return;
            case (2 << 8) | Reg.MICMD:
                _regs[Index(bank, address)] = next;
                OnMicmdWritten(old, next);
                return;
            case (2 << 8) | Reg.MIWRH:
                _regs[Index(bank, address)] = next;
                StartMiiWrite();
                return;
            default:
                _regs[Index(bank, address)] = next;
                return;
        }
    }

    private byte ReadEir(bool peek)
    {
        byte value = Eir;
        if (!peek && (value & Bits.PKTIF) != 0 && PktifReadsZeroThisTime())
        {
            value &= unchecked((byte)~Bits.PKTIF);
        }

        return value;
    }

    private byte ReadEstat()
    {
        int value = _regs[Reg.ESTAT] & (Bits.BUFER | Bits.LATECOL | Bits.TXABRT);
        if (InterruptPending)
        {
            value |= Bits.INT;
        }

        if (ClockReadyFlag)
        {
            value |= Bits.CLKRDY;
        }

        return (byte)value;
    }

    private void OnEcon1Written(byte old, byte now)
    {
        if ((now & Bits.TXRST) != 0)
        {
            // The transmit logic is held in reset: nothing can be started (DS39662 11.3).
            ResetTransmitLogic();
            _regs[Reg.ECON1] &= unchecked((byte)~Bits.TXRTS);
            now = _regs[Reg.ECON1];
        }

        if ((now & Bits.RXRST) != 0 && (old & Bits.RXRST) == 0)
        {
            ResetReceiveLogic();
        }

        if ((old & Bits.DMAST) == 0 && (now & Bits.DMAST) != 0)
        {
            StartDma();
        }
        else if ((old & Bits.DMAST) != 0 && (now & Bits.DMAST) == 0)
        {
            CancelDma();
        }

        if ((old & Bits.TXRTS) == 0 && (now & Bits.TXRTS) != 0)
        {
            StartTransmit();
        }
        else if ((old & Bits.TXRTS) != 0 && (now & Bits.TXRTS) == 0 && (now & Bits.TXRST) == 0)
        {
            HostAbortTransmit();
        }
    }
}
