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

    public void Attach(LinkEnd end) => _end = end;

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
        if (_end == null)
        {
            Unplugged++;
            return;
        }

        _end.SendSerialized(frame);
    }
}
