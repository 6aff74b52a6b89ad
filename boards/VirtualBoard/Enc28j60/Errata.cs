namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Seeded decisions for the errata that strike only sometimes. Each switchable erratum is implemented where
/// its module is (ReceiveRing, Transmit, Reset, ...); this file holds the shared dice.
/// <list type="bullet">
/// <item>Errata 6: each SPI read of EIR returns PKTIF = 0 with probability 1/2 while EPKTCNT &gt; 0.</item>
/// <item>Errata 13: 1 in 8 half-duplex transmissions ends in a late collision.</item>
/// <item>Errata 14: with an even ERXRDPT, 1 in 4 stored frames gets an odd next-packet pointer.</item>
/// <item>Errata 18: a frame that fails the pattern match passes it anyway with probability 1/4.</item>
/// <item>Errata 1: on B1/B4 silicon clocked below 8 MHz, 1 in 4 buffer reads has one bit flipped.</item>
/// </list>
/// </summary>
public sealed partial class Enc28j60Model
{
    private readonly Random _errataRandom;

    private bool Has(Enc28j60Errata erratum) => (_options.Errata & erratum) != 0;

    private bool ErrataChance(int oneIn) => _errataRandom.Next(oneIn) == 0;

    private bool PktifReadsZeroThisTime() => Has(Enc28j60Errata.PktifUnreliable) && ErrataChance(2);

    private bool PatternMatchLeaksThisTime() => Has(Enc28j60Errata.PatternMatchLeaks) && ErrataChance(4);

    private bool SlowSpiCorruptsThisRead() =>
        Has(Enc28j60Errata.SlowSpiCorruptsReads) && _options.Revision < 0x05
        && _options.SpiClockHz > 0 && _options.SpiClockHz < 8_000_000 && ErrataChance(4);
}
