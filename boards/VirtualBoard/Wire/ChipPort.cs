using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// The ENC28J60 model's RJ45 jack. Frames the chip transmits already took their wire time inside the model
/// (TXRTS stays set for preamble + frame + gap), so they go to the cable with <see cref="LinkEnd.SendSerialized"/>;
/// frames arriving from the cable go to <see cref="Enc28j60Model.DeliverFrame(byte[], int, int)"/>, where the
/// chip's own filters decide (a corrupted frame fails ERXFCON.CRCEN: counted in <see cref="CrcDrops"/>).
/// The model raises FrameTransmitted when it notices the clock passed the frame's end: at a transaction
/// boundary, so up to one SPI transaction late (at most ~0.6 ms, a full-frame RBM at 20 MHz).
/// </summary>
public sealed class ChipPort : IWirePort
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _deferred = new();
    private LinkEnd _end;

    public ChipPort(Enc28j60Model chip)
    {
        Chip = chip ?? throw new ArgumentNullException(nameof(chip));
        Chip.FrameTransmitted += OnFrameTransmitted;
    }

    public Enc28j60Model Chip { get; }

    /// <summary>Frames the chip stored in its receive ring.</summary>
    public long FramesAccepted { get; private set; }

    /// <summary>Frames with a bad FCS the chip dropped (CRCEN).</summary>
    public long CrcDrops { get; private set; }

    /// <summary>Other frames the chip did not store: filtered, ring full, receive off, ...</summary>
    public long OtherDrops { get; private set; }

    /// <summary>Frames the chip put on the wire while no cable was plugged in.</summary>
    public long Unplugged { get; private set; }

    /// <summary>
    /// Hold transmitted frames until <see cref="FlushDeferred"/> instead of putting them on the wire at once:
    /// for a wire run by another thread than the board's (real time), which must not be entered from inside
    /// the model's lock.
    /// </summary>
    public bool Deferred { get; set; }

    public void Attach(LinkEnd end) => _end = end;

    /// <summary>Puts the frames held in <see cref="Deferred"/> mode on the wire; returns how many.</summary>
    public int FlushDeferred()
    {
        int n = 0;
        while (_deferred.TryDequeue(out byte[] frame))
        {
            n++;
            Send(frame);
        }

        return n;
    }

    public void FrameArrived(byte[] frameWithFcs, long nowNs)
    {
        if (Chip.DeliverFrame(frameWithFcs, 0, frameWithFcs.Length))
        {
            FramesAccepted++;
        }
        else if (Chip.LastReceiveOutcome == ReceiveOutcome.Filtered && !EthernetCrc.HasValidFcs(frameWithFcs))
        {
            CrcDrops++;
        }
        else
        {
            OtherDrops++;
        }
    }

    private void OnFrameTransmitted(byte[] frame)
    {
        if (Deferred)
        {
            _deferred.Enqueue(frame);
            return;
        }

        Send(frame);
    }

    private void Send(byte[] frame)
    {
        if (_end == null)
        {
            Unplugged++;
            return;
        }

        _end.SendSerialized(frame);
    }
}
