namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>What the driver saw since it was built: plain fields, incremented on the network thread.</summary>
    public sealed class Enc28j60Counters
    {
        // Receive
        public long RxFrames;
        public long RxBytes;
        /// <summary>Frames whose receive status vector bit 23 (received OK) was clear.</summary>
        public long RxDropNotOk;
        /// <summary>Frames longer than the caller's buffer or MAMXFL.</summary>
        public long RxDropTooLong;
        /// <summary>Frames shorter than an Ethernet header plus FCS.</summary>
        public long RxDropRunt;
        /// <summary>EIR.RXERIF seen: the ring was full (or EPKTCNT at 255) and at least one frame was lost.</summary>
        public long RxOverflows;
        /// <summary>Receive logic reset and ring re-initialised: corrupt next pointer or a stuck ring.</summary>
        public long RxRingResets;
        /// <summary>ESTAT.BUFER seen and cleared.</summary>
        public long BufferErrors;

        // Transmit
        public long TxFrames;
        public long TxBytes;
        /// <summary>Transmit refused: driver not started or chip down.</summary>
        public long TxDropNotReady;
        /// <summary>Transmit refused: link down.</summary>
        public long TxDropNoLink;
        /// <summary>Transmit refused: length outside 14..1514.</summary>
        public long TxDropBadLength;
        /// <summary>Transmit refused: the previous frame was still on the wire after the bounded wait.</summary>
        public long TxBusy;
        /// <summary>Late collisions retransmitted (errata 13).</summary>
        public long TxLateCollisionRetries;
        /// <summary>Frames lost to late collisions after the last retry.</summary>
        public long TxLateCollisions;
        /// <summary>Frames lost after 16 collisions (TSV bit 28).</summary>
        public long TxExcessiveCollisions;
        /// <summary>Frames aborted for another reason.</summary>
        public long TxOtherErrors;
        /// <summary>Frames abandoned because the chip never reported them done.</summary>
        public long TxTimeouts;
        /// <summary>ECON1.TXRST pulses (errata 12).</summary>
        public long TxResets;

        // Chip and link
        public long LinkChanges;
        /// <summary>Successful re-initialisations after the first start (health check or recovery).</summary>
        public long Resets;
        /// <summary>Health checks that found the chip not holding its configuration or not answering.</summary>
        public long HealthCheckFailures;
        /// <summary>Initialisations that failed (no chip, garbage on MISO, read-back mismatch).</summary>
        public long InitFailures;
        /// <summary>Register reads that could not come from a working chip (unimplemented bits set).</summary>
        public long GarbageReads;
        /// <summary>MII operations still busy after their bound.</summary>
        public long PhyTimeouts;
        /// <summary>Falling edges seen on the INT pin.</summary>
        public long Interrupts;

        /// <summary>Reports every counter through <paramref name="sink"/> (console "counters" command).</summary>
        public void Report(IDumpSink sink)
        {
            sink.Counter("RxFrames", RxFrames);
            sink.Counter("RxBytes", RxBytes);
            sink.Counter("RxDropNotOk", RxDropNotOk);
            sink.Counter("RxDropTooLong", RxDropTooLong);
            sink.Counter("RxDropRunt", RxDropRunt);
            sink.Counter("RxOverflows", RxOverflows);
            sink.Counter("RxRingResets", RxRingResets);
            sink.Counter("BufferErrors", BufferErrors);
            sink.Counter("TxFrames", TxFrames);
            sink.Counter("TxBytes", TxBytes);
            sink.Counter("TxDropNotReady", TxDropNotReady);
            sink.Counter("TxDropNoLink", TxDropNoLink);
            sink.Counter("TxDropBadLength", TxDropBadLength);
            sink.Counter("TxBusy", TxBusy);
            sink.Counter("TxLateCollisionRetries", TxLateCollisionRetries);
            sink.Counter("TxLateCollisions", TxLateCollisions);
            sink.Counter("TxExcessiveCollisions", TxExcessiveCollisions);
            sink.Counter("TxOtherErrors", TxOtherErrors);
            sink.Counter("TxTimeouts", TxTimeouts);
            sink.Counter("TxResets", TxResets);
            sink.Counter("LinkChanges", LinkChanges);
            sink.Counter("Resets", Resets);
            sink.Counter("HealthCheckFailures", HealthCheckFailures);
            sink.Counter("InitFailures", InitFailures);
            sink.Counter("GarbageReads", GarbageReads);
            sink.Counter("PhyTimeouts", PhyTimeouts);
            sink.Counter("Interrupts", Interrupts);
        }
    }
}
