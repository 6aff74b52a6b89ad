namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>How a model instance is built. Every field has the value of a healthy B7 chip on a linked cable.</summary>
public sealed class Enc28j60ModelOptions
{
    /// <summary>EREVID (5 bits): B1 = 0x02, B4 = 0x04, B5 = 0x05, B7 = 0x06.</summary>
    public byte Revision = 0x06;

    /// <summary>Which silicon errata (DS80349) the model reproduces.</summary>
    public Enc28j60Errata Errata = Enc28j60Errata.B7Default;

    /// <summary>Time source. Null: every operation completes at once (no wire time, no MII busy time).</summary>
    public IVirtualClock Clock;

    /// <summary>SPI clock used to charge bus time to <see cref="Clock"/>; 0 = do not charge.</summary>
    public long SpiClockHz;

    /// <summary>Per-transaction chip-select set-up and hold cost added when charging time.</summary>
    public int CsOverheadNs = 250;

    /// <summary>PHY link state at power-on.</summary>
    public bool LinkUp = true;

    /// <summary>Seed for the errata that trigger at random and for the buffer contents at power-on.</summary>
    public int Seed = 1;

    /// <summary>
    /// Errata 2 without a clock: how many SPI transactions after an SRC the chip ignores. 0 (the default)
    /// keeps clockless tests of a correct driver working; with a clock the 1 ms window applies instead.
    /// </summary>
    public int ResetIgnoreTransactions;
}

/// <summary>The silicon errata of DS80349 (Rev. B7) a driver must work around. Each can be switched on or off.</summary>
[Flags]
public enum Enc28j60Errata
{
    None = 0,

    /// <summary>Errata 2: after SRC, CLKRDY reads 1 at once but the chip ignores commands for 1 ms.</summary>
    ClkRdyEarly = 1 << 0,

    /// <summary>Errata 5: writing ERXST/ERXND loads 0x0000, not ERXST, into the internal receive write pointer.</summary>
    RxStartMustBeZero = 1 << 1,

    /// <summary>Errata 6: EIR.PKTIF read over SPI may read 0 while EPKTCNT &gt; 0 (the INT pin is right).</summary>
    PktifUnreliable = 1 << 2,

    /// <summary>Errata 12: after a transmit abort the next TXRTS never completes until ECON1.TXRST is pulsed.</summary>
    TxLogicStall = 1 << 3,

    /// <summary>Errata 13: in half duplex, transmissions fail with a late collision (vector bit 29) now and then.</summary>
    LateCollisionOnLinkPulse = 1 << 4,

    /// <summary>Errata 14: an even ERXRDPT corrupts the ring (bad next-packet pointers, overwritten frames).</summary>
    EvenErxrdptCorrupts = 1 << 5,

    /// <summary>Errata 17: a frame that arrives while the DMA checksum engine runs is dropped.</summary>
    DmaChecksumDropsRx = 1 << 6,

    /// <summary>Errata 18: the pattern match filter accepts some frames whose checksum does not match.</summary>
    PatternMatchLeaks = 1 << 7,

    /// <summary>Errata 19: SRC is ignored while ECON2.PWRSV is set.</summary>
    NoSrcInPowerSave = 1 << 8,

    /// <summary>
    /// Errata 1 (B1, B4 only): with an SPI clock below 8 MHz, buffer reads return corrupted bytes now
    /// and then. Takes effect only when Revision is below B5 (0x05) and SpiClockHz is set below 8 MHz.
    /// </summary>
    SlowSpiCorruptsReads = 1 << 9,

    /// <summary>Errata 15: ESTAT.LATECOL is not set on a late collision; only the status vector's bit 29 tells.</summary>
    LatecolUnreliable = 1 << 10,

    B7Default = ClkRdyEarly | RxStartMustBeZero | PktifUnreliable | TxLogicStall | LateCollisionOnLinkPulse
        | EvenErxrdptCorrupts | DmaChecksumDropsRx | PatternMatchLeaks | NoSrcInPowerSave | LatecolUnreliable,

    /// <summary>Every erratum, including errata 1 which bites only B1/B4 silicon on a slow bus.</summary>
    All = B7Default | SlowSpiCorruptsReads,
}

/// <summary>Faults of the SPI connection or of the chip, for driver tests.</summary>
public enum ChipFault
{
    None,

    /// <summary>MISO stuck high: every byte read is 0xFF; commands still reach the chip.</summary>
    MisoStuckHigh,

    /// <summary>MISO stuck low: every byte read is 0x00; commands still reach the chip.</summary>
    MisoStuckLow,

    /// <summary>MISO carries seeded random bytes (<see cref="Enc28j60Model.GarbageSeed"/>); commands still reach the chip.</summary>
    Garbage,

    /// <summary>The chip ignores every command and MISO floats high (0xFF).</summary>
    Unresponsive,
}

/// <summary>What happened to the last frame offered to the receive side.</summary>
public enum ReceiveOutcome
{
    None,
    Accepted,
    Filtered,
    NoLink,
    ReceiveDisabled,
    Malformed,
    TooLong,
    ControlFrameConsumed,
    NoSpace,
    PacketCountFull,
    DroppedByErratum,
}
