namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Resets and power (DS39662 sections 11 and 16): power-on reset and the RESET pin, the System Reset
/// Command, ECON2.PWRSV. After SRC a healthy chip restarts its clock: CLKRDY reads 0 and commands are
/// ignored for the 300 µs start-up time. Errata 2: CLKRDY keeps reading 1 while commands are ignored for
/// 1 ms (without a clock: for <see cref="Enc28j60ModelOptions.ResetIgnoreTransactions"/> transactions).
/// Errata 19: SRC does nothing while PWRSV is set.
/// </summary>
public sealed partial class Enc28j60Model
{
    private const long OscillatorStartupNs = 300_000;
    private const long ErrataResetWindowNs = 1_000_000;

    private long _resetWindowEnd = long.MinValue;
    private int _resetIgnoreRemaining;
    private bool _powerSave;
    private long _clockReadyAt = long.MinValue;
    private bool _heldInReset;

    /// <summary>As if the power had been cycled: registers and PHY at reset values, buffer contents random (seeded).</summary>
    public void PowerOnReset()
    {
        lock (_sync)
        {
            PowerOnResetLocked();
            UpdateInt();
        }
    }

    /// <summary>The RESET pin: low holds the chip in reset (no SPI, INT released); the rising edge restarts it.</summary>
    public void SetResetPin(bool low)
    {
        lock (_sync)
        {
            if (low == _heldInReset)
            {
                return;
            }

            _heldInReset = low;
            if (!low)
            {
                PowerOnResetLocked();
            }

            UpdateInt();
        }
    }

    private bool PowerSaveActive => _powerSave;

    private bool ClockReadyFlag
    {
        get
        {
            if (_powerSave || Now < _clockReadyAt)
            {
                return false;
            }

            if (ResetWindowOpen)
            {
                return Has(Enc28j60Errata.ClkRdyEarly); // errata 2: reads ready too early
            }

            return true;
        }
    }

    private bool ResetWindowOpen => HasClock ? Now < _resetWindowEnd : _resetIgnoreRemaining > 0;

    private void PowerOnResetLocked()
    {
        var random = new Random(_options.Seed ^ 0x5A5A5A5);
        random.NextBytes(_memory);
        ResetAllLogic();
        _resetWindowEnd = long.MinValue;
        _resetIgnoreRemaining = 0;
        _clockReadyAt = long.MinValue;
    }

    private void ResetAllLogic()
    {
        ResetRegisterFile();
        ResetPhy();
        _rxWritePointer = 0;
        _packetCount = 0;
        _dropEventPending = false;
        _txPending = false;
        _txWire = null;
        _txStalled = false;
        _dmaPending = false;
        _powerSave = false;
    }

    private void SystemResetCommand()
    {
        if (_powerSave && Has(Enc28j60Errata.NoSrcInPowerSave))
        {
            _ignoredResets++;
            return; // errata 19
        }

        ResetAllLogic(); // buffer memory keeps its contents
        bool errata2 = Has(Enc28j60Errata.ClkRdyEarly);
        if (HasClock)
        {
            _resetWindowEnd = Now + (errata2 ? ErrataResetWindowNs : OscillatorStartupNs);
        }
        else
        {
            _resetIgnoreRemaining = errata2 ? Math.Max(0, _options.ResetIgnoreTransactions) : 0;
        }
    }

    /// <summary>True when this transaction's commands are to be ignored; counts down the clockless window.</summary>
    private bool ConsumeResetWindow()
    {
        if (HasClock)
        {
            return Now < _resetWindowEnd || Now < _clockReadyAt;
        }

        if (_resetIgnoreRemaining > 0)
        {
            _resetIgnoreRemaining--;
            return true;
        }

        return false;
    }

    private void OnPowerSaveWritten(bool was, bool now)
    {
        if (!was && now)
        {
            _powerSave = true; // the MAC and PHY stop; CLKRDY clears
        }
        else if (was && !now)
        {
            _powerSave = false;
            _clockReadyAt = HasClock ? Now + OscillatorStartupNs : long.MinValue;
        }
    }
}
