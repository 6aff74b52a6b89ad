namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The PHY registers and the MII interface that reaches them (DS39662 3.3): MIREGADR + MICMD.MIIRD → MIRD,
/// MIWRL then MIWRH → write, MISTAT.BUSY for 10.24 µs, MICMD.MIISCAN; and the link (PHSTAT1.LLSTAT latches
/// low, PHSTAT2.LSTAT is live, PHIR.PLNKIF on every change, PGIF → EIR.LINKIF when PHIE enables them).
/// </summary>
public sealed partial class Enc28j60Model
{
    /// <summary>
    /// With a frozen clock a driver polling MISTAT.BUSY would spin forever; after this many reads that saw
    /// BUSY the operation completes anyway (at 20 MHz one MISTAT read costs 1.45 µs, so 10.24 µs is ~7 reads).
    /// </summary>
    private const int MiiBusyReadLimit = 8;

    private ushort _phcon1;
    private ushort _phcon2;
    private ushort _phie;
    private ushort _phir;
    private ushort _phlcon;
    private bool _llstatLatch;
    private bool _linkUp;
    private bool _partnerFullDuplex = true;

    private bool _miiBusy;
    private long _miiDueAt;
    private bool _miiIsWrite;
    private int _miiRegister;
    private ushort _miiWriteValue;
    private int _miiBusyReads;
    private bool _miiScanning;
    private bool _miiScanValid;

    /// <summary>PHY link (PHSTAT2.LSTAT). A change sets PHIR.PLNKIF, and PGIF and EIR.LINKIF when PHIE enables them.</summary>
    public bool LinkUp
    {
        get
        {
            lock (_sync)
            {
                return _linkUp;
            }
        }

        set
        {
            lock (_sync)
            {
                if (_linkUp == value)
                {
                    return;
                }

                _linkUp = value;
                if (!value)
                {
                    _llstatLatch = false;
                }

                RaisePhyLinkInterrupt();
                UpdateInt();
            }
        }
    }

    /// <summary>
    /// How the other end of the cable is configured (default full duplex). When this chip runs full duplex
    /// and the partner half duplex, the partner discards 1 in 8 of our frames as collided (nothing is reported).
    /// </summary>
    public bool PartnerFullDuplex
    {
        get
        {
            lock (_sync)
            {
                return _partnerFullDuplex;
            }
        }

        set
        {
            lock (_sync)
            {
                _partnerFullDuplex = value;
            }
        }
    }

    /// <summary>The chip runs half duplex unless both the PHY (PDPXMD) and the MAC (FULDPX) are set to full.</summary>
    private bool HalfDuplex => (_phcon1 & Phy.PDPXMD) == 0 || (Macon3 & Bits.FULDPX) == 0;

    private bool PhyLoopback => (_phcon1 & Phy.PLOOPBK) != 0;

    private void ResetPhy()
    {
        _phcon1 = 0; // PDPXMD resets to the LEDB strap: half duplex here
        _phcon2 = 0;
        _phie = 0;
        _phir = 0;
        _phlcon = Phy.PhlconReset;
        _llstatLatch = false; // PHSTAT1 reset value: LLSTAT = 0 until read once with the link up
        _miiBusy = false;
        _miiScanning = false;
        _miiScanValid = false;
    }

    private ushort PhyRead(int address, bool peek)
    {
        switch (address)
        {
            case Phy.PHCON1:
                return _phcon1;
            case Phy.PHSTAT1:
                ushort status1 = (ushort)(Phy.PFDPX | Phy.PHDPX | (_llstatLatch ? Phy.LLSTAT : 0));
                if (!peek)
                {
                    _llstatLatch = _linkUp; // latching low: a read re-arms it with the present state
                }

                return status1;
            case Phy.PHID1:
                return Phy.Phid1Value;
            case Phy.PHID2:
                return Phy.Phid2Value;
            case Phy.PHCON2:
                return _phcon2;
            case Phy.PHSTAT2:
                int status2 = 0;
                if (_txPending)
                {
                    status2 |= Phy.TXSTAT;
                }

                if (_linkUp)
                {
                    status2 |= Phy.LSTAT;
                }

                if ((_phcon1 & Phy.PDPXMD) != 0)
                {
                    status2 |= Phy.DPXSTAT;
                }

                return (ushort)status2;
            case Phy.PHIE:
                return _phie;
            case Phy.PHIR:
                ushort flags = _phir;
                if (!peek)
                {
                    // Reading PHIR clears PGIF and PLNKIF, and with them EIR.LINKIF (DS39662 12.1.5).
                    _phir = 0;
                    ClearFlags(Reg.EIR, Bits.LINKIF);
                }

                return flags;
            case Phy.PHLCON:
                return _phlcon;
            default:
                return 0;
        }
    }

    private void PhyWrite(int address, ushort value)
    {
        switch (address)
        {
            case Phy.PHCON1:
                if ((value & Phy.PRST) != 0)
                {
                    ResetPhy(); // PRST clears itself when the PHY reset is done
                    return;
                }

                _phcon1 = (ushort)(value & (Phy.PLOOPBK | Phy.PPWRSV | Phy.PDPXMD));
                return;
            case Phy.PHCON2:
                _phcon2 = (ushort)(value & (Phy.FRCLNK | Phy.TXDIS | Phy.JABBER | Phy.HDLDIS));
                return;
            case Phy.PHIE:
                _phie = (ushort)(value & (Phy.PLNKIE | Phy.PGEIE));
                UpdatePhyInterrupt();
                return;
            case Phy.PHLCON:
                _phlcon = (ushort)(value & 0x3FFF);
                return;
        }
    }

    // DS39662 12.1.5: every link change sets PHIR.PLNKIF (a host may poll it); with PHIE.PLNKIE and
    // PGEIE both set, PGIF follows PLNKIF and EIR.LINKIF shadows PGIF. Reading PHIR clears all three.
    private void RaisePhyLinkInterrupt()
    {
        _phir |= Phy.PLNKIF;
        UpdatePhyInterrupt();
    }

    private void UpdatePhyInterrupt()
    {
        if ((_phie & (Phy.PLNKIE | Phy.PGEIE)) == (Phy.PLNKIE | Phy.PGEIE) && (_phir & Phy.PLNKIF) != 0)
        {
            _phir |= Phy.PGIF;
            SetFlags(Reg.EIR, Bits.LINKIF);
        }
    }

    private void OnMicmdWritten(byte old, byte now)
    {
        if ((old & Bits.MIIRD) == 0 && (now & Bits.MIIRD) != 0)
        {
            _miiIsWrite = false;
            _miiRegister = Reg8(2, Reg.MIREGADR) & 0x1F;
            StartMii();
        }

        if ((old & Bits.MIISCAN) == 0 && (now & Bits.MIISCAN) != 0)
        {
            _miiScanning = true;
            _miiScanValid = false;
            _miiIsWrite = false;
            _miiRegister = Reg8(2, Reg.MIREGADR) & 0x1F;
            StartMii();
        }
        else if ((old & Bits.MIISCAN) != 0 && (now & Bits.MIISCAN) == 0)
        {
            _miiScanning = false;
        }
    }

    private void StartMiiWrite()
    {
        _miiIsWrite = true;
        _miiRegister = Reg8(2, Reg.MIREGADR) & 0x1F;
        _miiWriteValue = (ushort)(Reg8(2, Reg.MIWRL) | (Reg8(2, Reg.MIWRH) << 8));
        StartMii();
    }

    private void StartMii()
    {
        _miiBusy = true;
        _miiBusyReads = 0;
        _miiDueAt = Now + MiiBusyNs;
        if (!HasClock)
        {
            CompleteMii();
        }
    }

    private void CompleteMii()
    {
        _miiBusy = false;
        if (_miiIsWrite)
        {
            PhyWrite(_miiRegister, _miiWriteValue);
            return;
        }

        StoreMird(PhyRead(_miiRegister, peek: false));
        if (_miiScanning)
        {
            _miiScanValid = true;
        }
    }

    // A scan keeps MIRD current; the model refreshes it whenever it services (PHIR is not cleared by scans).
    private void RefreshMiiScan()
    {
        if (_miiScanning && _miiScanValid && !_miiBusy)
        {
            StoreMird(PhyRead(_miiRegister, peek: true));
        }
    }

    private void StoreMird(ushort value)
    {
        _regs[Index(2, Reg.MIRDL)] = (byte)value;
        _regs[Index(2, Reg.MIRDH)] = (byte)(value >> 8);
    }

    private byte ReadMistat(bool peek)
    {
        bool busy = _miiBusy || _miiScanning;
        if (!peek && _miiBusy && ++_miiBusyReads > MiiBusyReadLimit)
        {
            CompleteMii();
            busy = _miiScanning;
        }

        int value = 0;
        if (busy)
        {
            value |= Bits.BUSY;
        }

        if (_miiScanning)
        {
            value |= Bits.SCAN;
            if (!_miiScanValid)
            {
                value |= Bits.NVALID;
            }
        }

        return (byte)value;
    }
}
