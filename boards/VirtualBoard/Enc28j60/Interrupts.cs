namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Interrupt logic (DS39662 section 12): a flag in EIR enabled in EIE makes an interrupt pending
/// (ESTAT.INT); with EIE.INTIE the INT pin (active low) asserts. PKTIF follows EPKTCNT, LINKIF follows
/// PHIR; the others are cleared by the host. <see cref="IntChanged"/> is raised synchronously on every
/// change of the pin, after the model's state is complete.
/// </summary>
public sealed partial class Enc28j60Model
{
    private bool _intPublished;

    /// <summary>Raised with the new <see cref="IntAsserted"/> value whenever the INT pin changes.</summary>
    public event Action<bool> IntChanged;

    /// <summary>True while the INT pin is driven low.</summary>
    public bool IntAsserted
    {
        get
        {
            lock (_sync)
            {
                return IntPinLow;
            }
        }
    }

    private bool InterruptPending => (Eie & Eir & Bits.EirImplemented) != 0;

    private bool IntPinLow => !_heldInReset && (Eie & Bits.INTIE) != 0 && InterruptPending;

    private void UpdateInt()
    {
        bool now = IntPinLow;
        if (now == _intPublished)
        {
            return;
        }

        _intPublished = now;
        IntChanged?.Invoke(now);
    }
}
