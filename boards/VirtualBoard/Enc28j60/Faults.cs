namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Injected faults of the SPI connection (for driver tests): MISO stuck high or low, MISO garbage (seeded),
/// or a chip that does not answer at all. Stuck and garbage MISO still let commands reach the chip.
/// </summary>
public sealed partial class Enc28j60Model
{
    private ChipFault _fault;
    private int _garbageSeed;
    private Random _garbageRandom;

    public ChipFault Fault
    {
        get
        {
            lock (_sync)
            {
                return _fault;
            }
        }

        set
        {
            lock (_sync)
            {
                _fault = value;
            }
        }
    }

    /// <summary>Seed of the Garbage fault; setting it restarts the sequence.</summary>
    public int GarbageSeed
    {
        get
        {
            lock (_sync)
            {
                return _garbageSeed;
            }
        }

        set
        {
            lock (_sync)
            {
                _garbageSeed = value;
                _garbageRandom = new Random(value);
            }
        }
    }

    private void ApplyMisoFault(Span<byte> miso)
    {
        switch (_fault)
        {
            case ChipFault.MisoStuckHigh:
                miso.Fill(0xFF);
                break;
            case ChipFault.MisoStuckLow:
                miso.Clear();
                break;
            case ChipFault.Garbage:
                _garbageRandom.NextBytes(miso);
                break;
        }
    }
}
