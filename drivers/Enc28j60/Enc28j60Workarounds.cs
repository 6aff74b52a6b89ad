using System;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// The silicon-errata workarounds (Microchip DS80349, rev. B7 numbering) the driver applies.
    /// All are on by default; tests switch single ones off to show each is what makes the driver work.
    /// Errata 17 (DMA checksum drops frames) needs no switch: the driver never starts the DMA.
    /// </summary>
    [Flags]
    public enum Enc28j60Workarounds
    {
        None = 0,
        /// <summary>Errata 2: CLKRDY reads set too early after SRC; wait ResetDelayMicroseconds (≥ 1 ms) first.</summary>
        ResetDelay = 1 << 0,
        /// <summary>Errata 5: the receive ring must start at 0x0000 (the transmit area goes after it).</summary>
        RxStartAtZero = 1 << 1,
        /// <summary>Errata 6: decide on EPKTCNT, never on EIR.PKTIF read over SPI.</summary>
        PacketCountNotPktif = 1 << 2,
        /// <summary>Errata 12: pulse ECON1.TXRST after every transmit error or timeout.</summary>
        TxResetAfterError = 1 << 3,
        /// <summary>Errata 13: retransmit a frame that ended in a late collision, up to 16 times.</summary>
        LateCollisionRetry = 1 << 4,
        /// <summary>Errata 14: write only odd values to ERXRDPT.</summary>
        OddErxrdpt = 1 << 5,
        /// <summary>Errata 15: take late collisions from bit 29 of the transmit status vector, not ESTAT.LATECOL.</summary>
        LateCollisionFromVector = 1 << 6,
        /// <summary>Errata 19: SRC is ignored in power save: clear ECON2.PWRSV before resetting.</summary>
        LeavePowerSaveBeforeReset = 1 << 7,
        All = ResetDelay | RxStartAtZero | PacketCountNotPktif | TxResetAfterError | LateCollisionRetry
            | OddErxrdpt | LateCollisionFromVector | LeavePowerSaveBeforeReset
    }
}
