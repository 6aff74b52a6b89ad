namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The transmit side (DS39662 7.1): ECON1.TXRTS sends the per-packet control byte at ETXST and the frame
/// ETXST+1..ETXND; padding and CRC come from the control byte (POVERRIDE) or MACON3 (PADCFG, TXCRCEN).
/// When done: TXRTS clears, EIR.TXIF sets, the 7-byte status vector lands at ETXND+1; an aborted frame
/// also sets EIR.TXERIF and ESTAT.TXABRT. With a clock, completion waits for the wire time
/// (preamble 8 + frame + gap 12 byte times at 800 ns). Link down: the frame is aborted (the model's
/// choice; DS39662 does not say), with no reason bit in the vector.
/// </summary>
public sealed partial class Enc28j60Model
{
    private const int StatusVectorLength = 7;

    private bool _txPending;
    private long _txDueAt;
    private byte[] _txWire;
    private ulong _txVector;
    private bool _txAborted;
    private bool _txLateCollision;
    private bool _txStalled;

    private int _forcedLateCollisions;
    private int _forcedAborts;

    /// <summary>Test hook: the next this-many transmissions end in a late collision (TSV bit 29, as errata 13 does), in any duplex.</summary>
    public int ForcedLateCollisions
    {
        get { lock (_sync) { return _forcedLateCollisions; } }
        set { lock (_sync) { _forcedLateCollisions = value; } }
    }

    /// <summary>Test hook: the next this-many transmissions are aborted (TXERIF) with no reason bit in the vector.</summary>
    public int ForcedAborts
    {
        get { lock (_sync) { return _forcedAborts; } }
        set { lock (_sync) { _forcedAborts = value; } }
    }

    /// <summary>A frame the chip put on the wire, padded and with FCS as configured: exactly the wire bytes.</summary>
    public event Action<byte[]> FrameTransmitted;

    private void StartTransmit()
    {
        if (_txPending || PowerSaveActive)
        {
            return;
        }

        if (_txStalled)
        {
            return; // errata 12: TXRTS stays set, nothing goes out until TXRST is pulsed
        }

        int start = Pointer(0, Reg.ETXSTL);
        int end = Pointer(0, Reg.ETXNDL);
        int length = (end - start) & AddressMask;
        byte control = _memory[start];
        var frame = new byte[length];
        for (int i = 0; i < length; i++)
        {
            frame[i] = _memory[(start + 1 + i) & AddressMask];
        }

        bool perPacket = (control & Bits.POVERRIDE) != 0;
        bool appendCrc = perPacket ? (control & Bits.PCRCEN) != 0 : (Macon3 & Bits.TXCRCEN) != 0;
        bool huge = perPacket ? (control & Bits.PHUGEEN) != 0 : (Macon3 & Bits.HFRMEN) != 0;
        int padTo = perPacket ? ((control & Bits.PPADEN) != 0 ? 60 : 0) : PadTarget(frame);

        int body = Math.Max(length, padTo);
        var wire = new byte[body + (appendCrc ? 4 : 0)];
        frame.CopyTo(wire, 0);
        if (appendCrc)
        {
            uint crc = EthernetCrc.Compute(wire.AsSpan(0, body));
            for (int i = 0; i < 4; i++)
            {
                wire[body + i] = (byte)(crc >> (8 * i));
            }
        }

        ulong vector = TransmitStatusBits(frame, appendCrc, wire);
        int onWire = wire.Length;
        _txAborted = false;
        _txLateCollision = false;
        if (!huge && wire.Length > Mamxfl)
        {
            vector |= Tsv.Giant; // aborted once MAMXFL bytes are out (Figure 7-1, PHUGEEN)
            onWire = Mamxfl;
            _txAborted = true;
        }
        else if (!_linkUp && !PhyLoopback)
        {
            onWire = 0;
            _txAborted = true;
        }
        else if (HalfDuplex && !PhyLoopback && Has(Enc28j60Errata.LateCollisionOnLinkPulse) && ErrataChance(8))
        {
            vector |= Tsv.LateCollision; // errata 13: not retried by the MAC
            _txAborted = true;
            _txLateCollision = true;
        }
        else if (_forcedLateCollisions > 0)
        {
            _forcedLateCollisions--;
            vector |= Tsv.LateCollision;
            _txAborted = true;
            _txLateCollision = true;
        }
        else if (_forcedAborts > 0)
        {
            _forcedAborts--;
            _txAborted = true;
        }

        if (!_txAborted)
        {
            vector |= Tsv.Done;
        }

        vector |= (ulong)(ushort)wire.Length | ((ulong)(ushort)onWire << Tsv.TotalBytesShift);
        _txWire = wire;
        _txVector = vector;
        _txPending = true;
        _txDueAt = Now + ((WireOverheadBytes + onWire) * WireNsPerByte);
        if (!HasClock)
        {
            CompleteTransmit();
        }
    }

    private int PadTarget(byte[] frame)
    {
        switch ((Macon3 & Bits.PADCFG) >> 5)
        {
            case 1:
                return 60;
            case 3:
            case 7:
                return 64;
            case 5:
                bool vlan = frame.Length >= 14 && frame[12] == 0x81 && frame[13] == 0x00;
                return vlan ? 64 : 60;
            default:
                return 0; // 000, 010, 100, 110: no automatic padding
        }
    }

    private ulong TransmitStatusBits(byte[] frame, bool appendCrc, byte[] wire)
    {
        ulong vector = 0;
        if (!appendCrc && !EthernetCrc.HasValidFcs(wire))
        {
            vector |= Tsv.CrcError; // the last 4 bytes were checked as a CRC
        }

        if (frame.Length >= 6)
        {
            if (IsBroadcast(frame))
            {
                vector |= Tsv.Broadcast;
            }
            else if ((frame[0] & 1) != 0)
            {
                vector |= Tsv.Multicast;
            }
        }

        if (frame.Length >= 14)
        {
            int typeLength = (frame[12] << 8) | frame[13];
            int dataLength = frame.Length - 14 - (appendCrc ? 0 : 4);
            if (typeLength > 1500)
            {
                vector |= Tsv.LengthOutOfRange;
            }
            else if ((Macon3 & Bits.FRMLNEN) != 0 && typeLength != dataLength)
            {
                vector |= Tsv.LengthCheckError;
            }

            if (typeLength == 0x8808)
            {
                vector |= Tsv.ControlFrame;
                if (frame.Length >= 16 && frame[14] == 0x00 && frame[15] == 0x01)
                {
                    vector |= Tsv.PauseFrame;
                }
            }
            else if (typeLength == 0x8100)
            {
                vector |= Tsv.Vlan;
            }
        }

        return vector;
    }

    private void CompleteTransmit()
    {
        _txPending = false;
        int p = (Pointer(0, Reg.ETXNDL) + 1) & AddressMask;
        for (int i = 0; i < StatusVectorLength; i++)
        {
            _memory[p] = (byte)(_txVector >> (8 * i));
            p = (p + 1) & AddressMask;
        }

        ClearFlags(Reg.ECON1, Bits.TXRTS);
        SetFlags(Reg.EIR, Bits.TXIF);
        byte[] wire = _txWire;
        _txWire = null;
        if (_txAborted)
        {
            SetFlags(Reg.EIR, Bits.TXERIF);
            // Errata 15: the LATECOL status bit is not reliable; only the vector's bit 29 is.
            bool latecol = _txLateCollision && !Has(Enc28j60Errata.LatecolUnreliable);
            SetFlags(Reg.ESTAT, latecol ? (byte)(Bits.TXABRT | Bits.LATECOL) : Bits.TXABRT);
            _transmitAborts++;
            if (Has(Enc28j60Errata.TxLogicStall))
            {
                _txStalled = true;
            }

            return;
        }

        _framesTransmitted++;
        if (PhyLoopback)
        {
            ReceiveFrame(wire); // PHCON1.PLOOPBK: back to our MAC, nothing on the wire
            return;
        }

        // Duplex mismatch, this end full, the partner half: the partner sees collisions and drops frames.
        bool lostOnWire = !HalfDuplex && !_partnerFullDuplex && ErrataChance(8);
        if (!lostOnWire)
        {
            FrameTransmitted?.Invoke(wire);
        }

        // PHCON2.HDLDIS = 0 in half duplex: the PHY loops what it sends back to the MAC (register 11-3).
        if (HalfDuplex && (_phcon2 & Phy.HDLDIS) == 0)
        {
            ReceiveFrame(wire);
        }
    }

    /// <summary>The host cleared TXRTS before the frame was out: it is cancelled, ESTAT.TXABRT set.</summary>
    private void HostAbortTransmit()
    {
        if (!_txPending)
        {
            return;
        }

        _txPending = false;
        _txWire = null;
        SetFlags(Reg.ESTAT, Bits.TXABRT);
        _transmitAborts++;
    }

    /// <summary>ECON1.TXRST: the transmit logic restarts; a stalled transmitter (errata 12) recovers.</summary>
    private void ResetTransmitLogic()
    {
        _txPending = false;
        _txWire = null;
        _txStalled = false;
    }
}
