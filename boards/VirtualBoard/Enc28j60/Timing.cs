namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Time: bus time charged per transaction, and the pending work that completes when the clock passes its
/// due time (transmission on the wire, DMA, MII busy time). Without a clock the work completes at once.
/// </summary>
public sealed partial class Enc28j60Model
{
    /// <summary>10BASE-T: one byte on the wire takes 800 ns.</summary>
    internal const long WireNsPerByte = 800;

    /// <summary>Preamble + SFD (8) and the inter-packet gap (12) around every frame, in byte times.</summary>
    internal const int WireOverheadBytes = 8 + 12;

    /// <summary>MII operations keep MISTAT.BUSY set for 10.24 µs (DS39662 3.3.1).</summary>
    internal const long MiiBusyNs = 10_240;

    /// <summary>
    /// DMA speed: one byte per 25 MHz cycle (40 ns). DS39662 gives no figure; the PIC18F97J60, which has the
    /// same Ethernet module, needs one instruction cycle per byte.
    /// </summary>
    internal const long DmaNsPerByte = 40;

    private int _transactionDepth;
    private long _busTimeNs;

    /// <summary>Total SPI bus time charged to the clock (0 unless SpiClockHz &gt; 0 and a clock is given).</summary>
    public long SpiBusTimeNs
    {
        get
        {
            lock (_sync)
            {
                return _busTimeNs;
            }
        }
    }

    /// <summary>
    /// When the earliest pending work (frame on the wire, DMA, MII) falls due, in clock nanoseconds; null when
    /// nothing is pending. A simulator can advance its clock straight to it.
    /// </summary>
    public long? NextDueNanoseconds
    {
        get
        {
            lock (_sync)
            {
                long due = long.MaxValue;
                if (_miiBusy)
                {
                    due = Math.Min(due, _miiDueAt);
                }

                if (_dmaPending)
                {
                    due = Math.Min(due, _dmaDueAt);
                }

                if (_txPending)
                {
                    due = Math.Min(due, _txDueAt);
                }

                return due == long.MaxValue ? null : due;
            }
        }
    }

    private bool HasClock => _clock != null;

    private long Now => _clock?.NowNanoseconds ?? 0;

    private void ChargeBusTime(int bytes)
    {
        if (_clock == null || _options.SpiClockHz <= 0)
        {
            return;
        }

        long ns = _options.CsOverheadNs + (bytes * 8L * 1_000_000_000L / _options.SpiClockHz);
        _busTimeNs += ns;
        _clock.Advance(ns); // re-entrant Advanced callbacks are deferred while _transactionDepth > 0
    }

    private void OnClockAdvanced(long now)
    {
        lock (_sync)
        {
            if (_transactionDepth > 0 || _disposed)
            {
                return;
            }

            ServiceLocked();
            UpdateInt();
        }
    }

    /// <summary>Completes pending work whose time has come, earliest first.</summary>
    private void ServiceLocked()
    {
        for (int guard = 0; guard < 8; guard++)
        {
            long now = Now;
            long due = long.MaxValue;
            int which = 0;
            if (_miiBusy && _miiDueAt <= now && _miiDueAt < due)
            {
                due = _miiDueAt;
                which = 1;
            }

            if (_dmaPending && _dmaDueAt <= now && _dmaDueAt < due)
            {
                due = _dmaDueAt;
                which = 2;
            }

            if (_txPending && _txDueAt <= now && _txDueAt < due)
            {
                which = 3;
            }

            switch (which)
            {
                case 1:
                    CompleteMii();
                    break;
                case 2:
                    CompleteDma();
                    break;
                case 3:
                    CompleteTransmit();
                    break;
                default:
                    RefreshMiiScan();
                    return;
            }
        }
    }
}
