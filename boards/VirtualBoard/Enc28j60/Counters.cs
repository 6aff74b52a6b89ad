namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>What the model counts: SPI traffic (for the benchmark) and frames (for tests).</summary>
public sealed partial class Enc28j60Model
{
    private long _spiTransactions;
    private long _spiBytes;
    private long _framesReceived;
    private long _framesFiltered;
    private long _framesDropped;
    private long _framesTransmitted;
    private long _transmitAborts;
    private long _ignoredResets;

    /// <summary>Chip-select-low transactions so far.</summary>
    public long SpiTransactions
    {
        get
        {
            lock (_sync)
            {
                return _spiTransactions;
            }
        }
    }

    /// <summary>Bytes clocked (each byte counted once, though it moves both ways).</summary>
    public long SpiBytes
    {
        get
        {
            lock (_sync)
            {
                return _spiBytes;
            }
        }
    }

    /// <summary>Frames written into the receive ring.</summary>
    public long FramesReceived => Locked(ref _framesReceived);

    /// <summary>Frames the receive filters (or the MAC, for control frames) rejected.</summary>
    public long FramesFiltered => Locked(ref _framesFiltered);

    /// <summary>Frames lost for any other reason: no link, receive off, no room, too long, errata.</summary>
    public long FramesDropped => Locked(ref _framesDropped);

    /// <summary>Frames that left through the PHY (including ones a duplex mismatch then lost).</summary>
    public long FramesTransmitted => Locked(ref _framesTransmitted);

    /// <summary>Transmissions aborted: late collision, giant, no link, host abort.</summary>
    public long TransmitAborts => Locked(ref _transmitAborts);

    /// <summary>SRC commands ignored (errata 19).</summary>
    public long IgnoredResets => Locked(ref _ignoredResets);

    public void ResetCounters()
    {
        lock (_sync)
        {
            _spiTransactions = 0;
            _spiBytes = 0;
            _busTimeNs = 0;
            _framesReceived = 0;
            _framesFiltered = 0;
            _framesDropped = 0;
            _framesTransmitted = 0;
            _transmitAborts = 0;
            _ignoredResets = 0;
        }
    }

    private void CountTransaction(int bytes)
    {
        _spiTransactions++;
        _spiBytes += bytes;
    }

    private long Locked(ref long counter)
    {
        lock (_sync)
        {
            return counter;
        }
    }
}
