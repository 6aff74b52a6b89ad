namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// How the board wants the ENC28J60 run. Read once by the driver's constructor and
    /// again on every re-initialisation; change it only before Start.
    /// </summary>
    public sealed class Enc28j60Options
    {
        /// <summary>The station address, first byte on the wire first. The chip has none of its own.</summary>
        public byte[] MacAddress = new byte[] { 0x02, 0x00, 0x00, 0x12, 0x34, 0x56 };

        /// <summary>
        /// Full duplex (default). The ENC28J60 does not autonegotiate: the PHY is forced with
        /// PHCON1.PDPXMD and the MAC with MACON3.FULDPX. A switch port that autonegotiates and
        /// hears no negotiation falls back to half duplex (IEEE 802.3 clause 28 parallel
        /// detection), so with full duplex here the switch port must be set to 10 Mbit/s full
        /// duplex by hand; otherwise choose false and the half-duplex errata (13) apply.
        /// </summary>
        public bool FullDuplex = true;

        /// <summary>Initial ILinkDevice.ReceiveBroadcast: broadcasts pass (BCEN); off, only ARP broadcasts pass (pattern match).</summary>
        public bool ReceiveBroadcast = true;

        /// <summary>Initial ILinkDevice.ReceiveMulticast (MCEN).</summary>
        public bool ReceiveMulticast;

        /// <summary>
        /// Last address of the receive ring (odd). The ring runs from 0x0000 (errata 5) to here;
        /// the rest of the 8 KB is split into two transmit areas (ping-pong), each of which must
        /// hold 1 + 1514 + 7 bytes, so at most 0x141B. Default 0x13FF: a 5 KB ring and areas at
        /// 0x1400 and 0x1A00, 0x600 apart, so switching areas rewrites only the high bytes of
        /// ETXST and ETXND (28 bytes of ring traded for one SPI transaction per pointer).
        /// </summary>
        public int RxBufferEnd = 0x13FF;

        /// <summary>MAMXFL: the largest frame, with FCS, the MAC receives or sends.</summary>
        public int MaxFrameWithFcs = 1518;

        /// <summary>PHLCON: LEDA shows link, LEDB transmit and receive activity, stretched.</summary>
        public int LedConfiguration = 0x3476;

        /// <summary>Wait after SRC or the reset pin before the first command (errata 2: at least 1 ms; Linux waits 2 ms).</summary>
        public int ResetDelayMicroseconds = 2000;

        /// <summary>How often Poll checks that the chip still holds its configuration.</summary>
        public int HealthCheckIntervalMs = 1000;

        /// <summary>Poll services the chip at least this often even without an interrupt (a lost edge, no INT pin).</summary>
        public int ServiceIntervalMs = 100;

        /// <summary>Bounded wait in Transmit for the previous frame to leave: at most this many EIR reads...</summary>
        public int TxWaitPolls = 100;

        /// <summary>... this far apart ...</summary>
        public int TxPollIntervalMicroseconds = 100;

        /// <summary>... and at most this long by the clock.</summary>
        public int TxWaitMs = 20;

        /// <summary>A frame still not sent after this long is abandoned and the transmit logic reset.</summary>
        public int TxTimeoutMs = 1000;

        /// <summary>Late-collision retransmissions of one frame (errata 13; Linux and ESP-IDF use 16).</summary>
        public int LateCollisionRetries = 16;

        /// <summary>
        /// ERXRDPT is moved when the frames read since its last move hold this many bytes of ring, or
        /// when no counted frame is left: small frames share one pair of WCRs, big frames free at once.
        /// </summary>
        public int RxFreeThresholdBytes = 1536;

        /// <summary>Read the next frame's 6-byte header in the same RBM as the current frame when EPKTCNT says it is there.</summary>
        public bool PrefetchHeader = true;

        /// <summary>Errata workarounds, all on by default (tests turn single ones off).</summary>
        public Enc28j60Workarounds Workarounds = Enc28j60Workarounds.All;
    }
}
