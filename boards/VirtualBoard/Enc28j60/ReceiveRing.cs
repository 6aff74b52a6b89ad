namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The receive side (DS39662 6.1, 7.2): a frame from the wire passes the MAC (MARXEN, RXEN, MAMXFL,
/// PASSALL) and the filters, then the hardware writes it into the ring ERXST..ERXND at the internal write
/// pointer (ERXWRPT) as next-packet pointer (2 bytes), receive status vector (4 bytes) and the frame with
/// its FCS, padded so the next frame starts even. It never writes at ERXRDPT: with too little free space,
/// or EPKTCNT at 255, the frame is dropped and EIR.RXERIF set. RSV bit 16 then flags the next stored frame.
/// </summary>
public sealed partial class Enc28j60Model
{
    private const int MinimumFrame = 18; // destination, source, type/length and FCS
    private const int RxHeaderLength = 6;

    private int _rxWritePointer;
    private int _packetCount;
    private bool _dropEventPending;
    private ReceiveOutcome _lastReceiveOutcome;

    /// <summary>Offers a frame from the wire (with its 4-byte FCS). False when filtered or dropped.</summary>
    public bool DeliverFrame(byte[] frameWithFcs, int offset, int length)
    {
        ArgumentNullException.ThrowIfNull(frameWithFcs);
        if (offset < 0 || length < 0 || offset > frameWithFcs.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "offset/length outside the array.");
        }

        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ServiceLocked();
            bool accepted;
            if (!_linkUp)
            {
                accepted = Outcome(ReceiveOutcome.NoLink);
            }
            else if (PhyLoopback)
            {
                accepted = Outcome(ReceiveOutcome.ReceiveDisabled); // in PHY loopback the wire is not listened to
            }
            else
            {
                accepted = ReceiveFrame(frameWithFcs.AsSpan(offset, length));
            }

            UpdateInt();
            return accepted;
        }
    }

    public bool DeliverFrame(byte[] frameWithFcs)
    {
        ArgumentNullException.ThrowIfNull(frameWithFcs);
        return DeliverFrame(frameWithFcs, 0, frameWithFcs.Length);
    }

    /// <summary>Frames now waiting in the ring (EPKTCNT).</summary>
    public int PacketCount
    {
        get
        {
            lock (_sync)
            {
                return _packetCount;
            }
        }
    }

    public ReceiveOutcome LastReceiveOutcome
    {
        get
        {
            lock (_sync)
            {
                return _lastReceiveOutcome;
            }
        }
    }

    private bool ReceiveFrame(ReadOnlySpan<byte> frame)
    {
        if (_heldInReset || PowerSaveActive || (Econ1 & Bits.RXRST) != 0 || (Econ1 & Bits.RXEN) == 0 || (Macon1 & Bits.MARXEN) == 0)
        {
            return Outcome(ReceiveOutcome.ReceiveDisabled);
        }

        if (frame.Length < MinimumFrame || frame.Length > BufferSize)
        {
            return Outcome(ReceiveOutcome.Malformed);
        }

        if (DmaChecksumRunning && Has(Enc28j60Errata.DmaChecksumDropsRx))
        {
            _dropEventPending = true;
            return Outcome(ReceiveOutcome.DroppedByErratum); // errata 17
        }

        bool fcsValid = EthernetCrc.HasValidFcs(frame);
        if (!PassesReceiveFilters(frame, fcsValid))
        {
            return Outcome(ReceiveOutcome.Filtered);
        }

        // MACON3.HFRMEN = 0: frames longer than MAMXFL are aborted (DS39662 register 6-2).
        if (frame.Length > Mamxfl && (Macon3 & Bits.HFRMEN) == 0)
        {
            _dropEventPending = true;
            return Outcome(ReceiveOutcome.TooLong);
        }

        int typeLength = (frame[12] << 8) | frame[13];
        if (typeLength == 0x8808 && (Macon1 & Bits.PASSALL) == 0)
        {
            return Outcome(ReceiveOutcome.ControlFrameConsumed); // MAC control frames stay in the MAC
        }

        if (_packetCount >= 255)
        {
            SetFlags(Reg.EIR, Bits.RXERIF);
            _dropEventPending = true;
            return Outcome(ReceiveOutcome.PacketCountFull);
        }

        int start = _rxWritePointer;
        int need = RxHeaderLength + frame.Length;
        int next = RingAdvance(start, need);
        int padded = need;
        if ((next & 1) != 0)
        {
            next = RingNext(next); // pad so the next frame starts at an even address
            padded++;
        }

        int free = FreeSpace(start, _erxrdpt);
        bool evenReadPointerBug = Has(Enc28j60Errata.EvenErxrdptCorrupts) && (_erxrdpt & 1) == 0;

        // With an even ERXRDPT (errata 14) the hardware forgets the pad byte when checking for room, so the
        // write pointer can land on ERXRDPT, the ring then looks empty and unread frames get overwritten.
        if ((evenReadPointerBug ? need : padded) > free)
        {
            SetFlags(Reg.EIR, Bits.RXERIF);
            _dropEventPending = true;
            return Outcome(ReceiveOutcome.NoSpace);
        }

        uint status = ReceiveStatusVector(frame, fcsValid);
        int nextPointerStored = next;
        if (evenReadPointerBug && ErrataChance(4))
        {
            nextPointerStored = next | 1; // errata 14: a corrupt next-packet pointer
        }

        int p = start;
        p = RingWrite(p, (byte)nextPointerStored);
        p = RingWrite(p, (byte)(nextPointerStored >> 8));
        for (int i = 0; i < 4; i++)
        {
            p = RingWrite(p, (byte)(status >> (8 * i)));
        }

        foreach (byte b in frame)
        {
            p = RingWrite(p, b);
        }

        _rxWritePointer = next;
        _dropEventPending = false;
        SetPacketCount(_packetCount + 1);
        _framesReceived++;
        return Outcome(ReceiveOutcome.Accepted);
    }

    private uint ReceiveStatusVector(ReadOnlySpan<byte> frame, bool fcsValid)
    {
        uint status = (uint)frame.Length;
        if (_dropEventPending)
        {
            status |= Rsv.LongOrDropEvent;
        }

        if (fcsValid)
        {
            status |= Rsv.ReceivedOk;
        }
        else
        {
            status |= Rsv.CrcError;
        }

        if (IsBroadcast(frame))
        {
            status |= Rsv.Broadcast;
        }
        else if ((frame[0] & 1) != 0)
        {
            status |= Rsv.Multicast;
        }

        int typeLength = (frame[12] << 8) | frame[13];
        int dataLength = frame.Length - 14 - 4;
        if (typeLength > 1500)
        {
            status |= Rsv.LengthOutOfRange; // a type field, as Table 7-3 describes bit 22
        }
        else if ((Macon3 & Bits.FRMLNEN) != 0 && typeLength != dataLength && !(dataLength == 46 && typeLength < 46))
        {
            status |= Rsv.LengthCheckError;
        }

        if (typeLength == 0x8808)
        {
            status |= Rsv.ControlFrame;
            int opcode = frame.Length >= 16 ? (frame[14] << 8) | frame[15] : 0;
            status |= opcode == 0x0001 ? Rsv.PauseFrame : Rsv.UnknownOpcode;
        }
        else if (typeLength == 0x8100)
        {
            status |= Rsv.Vlan;
        }

        return status;
    }

    private bool Outcome(ReceiveOutcome outcome)
    {
        _lastReceiveOutcome = outcome;
        switch (outcome)
        {
            case ReceiveOutcome.Accepted:
                return true;
            case ReceiveOutcome.Filtered:
            case ReceiveOutcome.ControlFrameConsumed:
                _framesFiltered++;
                return false;
            default:
                _framesDropped++;
                return false;
        }
    }

    /// <summary>Next ring address: ERXND is followed by ERXST; elsewhere 0x1FFF wraps to 0.</summary>
    private int RingNext(int address) => address == Erxnd ? Erxst : (address + 1) & AddressMask;

    private int RingAdvance(int address, int count)
    {
        for (int i = 0; i < count; i++)
        {
            address = RingNext(address);
        }

        return address;
    }

    private int RingWrite(int address, byte value)
    {
        _memory[address] = value;
        return RingNext(address);
    }

    private int RingSize => ((Erxnd - Erxst) & AddressMask) + 1;

    private bool InRing(int address) => ((address - Erxst) & AddressMask) < RingSize;

    /// <summary>
    /// Free space as DS39662 7.2.4 computes it: ERXND − ERXST when the pointers are equal, else the bytes
    /// from ERXWRPT up to (not including) ERXRDPT less one.
    /// </summary>
    private int FreeSpace(int write, int read)
    {
        int size = RingSize;
        if (!InRing(write) || !InRing(read))
        {
            // Outside the ring (errata 5, or pointers programmed badly): the plain comparison of the datasheet.
            int raw = write > read ? (Erxnd - Erxst) - (write - read) : write == read ? Erxnd - Erxst : read - write - 1;
            return Math.Max(0, raw);
        }

        int offsetWrite = (write - Erxst) & AddressMask;
        int offsetRead = (read - Erxst) & AddressMask;
        int distance = ((offsetRead - offsetWrite) % size + size) % size;
        return distance == 0 ? size - 1 : distance - 1;
    }

    private void SetPacketCount(int count)
    {
        _packetCount = Math.Clamp(count, 0, 255);
        if (_packetCount != 0)
        {
            SetFlags(Reg.EIR, Bits.PKTIF);
        }
        else
        {
            ClearFlags(Reg.EIR, Bits.PKTIF);
        }
    }

    private void DecrementPacketCount()
    {
        if (_packetCount > 0)
        {
            SetPacketCount(_packetCount - 1);
        }
    }

    /// <summary>
    /// DS39662 6.1: writing ERXST or ERXND loads ERXST into the internal write pointer. Errata 5: 0x0000
    /// is loaded instead (the model does it every time, so ERXST = 0 is the only safe layout).
    /// </summary>
    private void OnReceiveBoundsWritten()
    {
        _rxWritePointer = Has(Enc28j60Errata.RxStartMustBeZero) ? 0 : Erxst;
    }

    /// <summary>ECON1.RXRST: the receive logic restarts: write pointer at ERXST, no frames counted.</summary>
    private void ResetReceiveLogic()
    {
        _rxWritePointer = Erxst;
        _dropEventPending = false;
        SetPacketCount(0);
    }
}
