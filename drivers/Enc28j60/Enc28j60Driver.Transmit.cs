using System;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// Transmit path (datasheet 7.1, fact sheet §6). One transmit area, one frame in flight.
    /// Transmit writes control byte + frame in one WBM, moves ETXND, sets TXRTS and returns; the
    /// outcome is read from EIR when the INT pin fires (Poll) or, at the latest, before the next
    /// frame overwrites the area (a bounded wait). Meanwhile the network thread does other work.
    ///
    /// Errata 12: this driver pulses ECON1.TXRST after a transmit error and after a timeout (as
    /// Linux and ESP-IDF do), not before every frame (EtherCard): that saves two transactions per
    /// frame, and a stalled transmitter is always preceded by TXERIF or caught by the timeout.
    /// </summary>
    public sealed partial class Enc28j60Driver
    {
        private bool _txInFlight;
        private int _txLength;
        private int _txRetries;
        private long _txStartMs;
        /// <summary>EWRPT and ETXND as the chip has them, or -1 when unknown.</summary>
        private int _ewrpt;
        private int _etxnd;
        /// <summary>Bits 0-31 of the last transmit status vector read.</summary>
        private int _txStatus;

        public bool Transmit(byte[] frame, int offset, int length)
        {
            if (_state != StateUp)
            {
                _counters.TxDropNotReady++;
                return false;
            }

            if (length < EthernetHeaderLength || length > MaxEthernetFrame)
            {
                _counters.TxDropBadLength++;
                return false;
            }

            if (!_linkUp)
            {
                _counters.TxDropNoLink++;
                return false;
            }

            if (_txInFlight && !WaitTransmitDone())
            {
                _counters.TxBusy++;
                return false;
            }

            _spiOut[1] = 0x00; // per-packet control byte: MACON3 decides padding and CRC
            Array.Copy(frame, offset, _spiOut, 2, length);
            _ewrpt = WritePointer(Enc28j60Registers.EWRPTL, _txStart, _ewrpt);
            _bus.WriteBuffer(_spiOut, 1 + length);
            _ewrpt = _txStart + 1 + length;
            _etxnd = WritePointer(Enc28j60Registers.ETXNDL, _txStart + length, _etxnd);
            // EIR.TXIF and TXERIF are clear here: whoever saw the last frame finish cleared them.
            _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRTS);
            _txInFlight = true;
            _txLength = length;
            _txRetries = 0;
            _txStartMs = _clock.NowMs;
            return true;
        }

        /// <summary>
        /// Waits, bounded by TxWaitPolls reads of EIR and by TxWaitMs of the clock, until the frame
        /// in flight is done (or given up). Returns false when it is still on its way.
        /// </summary>
        private bool WaitTransmitDone()
        {
            long deadline = _clock.NowMs + _options.TxWaitMs;
            for (int i = 0; i < _options.TxWaitPolls; i++)
            {
                int eir = _bus.Read(Enc28j60Registers.EIR);
                if ((eir & Enc28j60Registers.EIR_Unimplemented) != 0)
                {
                    _counters.GarbageReads++;
                    return false;
                }

                if ((eir & (Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF)) != 0)
                {
                    CompleteTransmit(eir);
                    if (!_txInFlight) return true;
                    continue; // retransmitting after a late collision
                }

                if (_clock.NowMs >= deadline) return false;
                _clock.DelayMicroseconds(_options.TxPollIntervalMicroseconds);
            }

            return false;
        }

        /// <summary>
        /// The chip reported the frame done (TXIF) or aborted (TXERIF + TXIF). On an abort, read the
        /// status vector; a late collision (bit 29, errata 15: not ESTAT.LATECOL) is retried up to
        /// LateCollisionRetries times (errata 13); anything else is counted and the TX logic reset (errata 12).
        /// </summary>
        private void CompleteTransmit(int eir)
        {
            const int flags = Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF;
            if ((eir & Enc28j60Registers.EIR_TXERIF) == 0)
            {
                _counters.TxFrames++;
                _counters.TxBytes += _txLength;
                _bus.ClearBits(Enc28j60Registers.EIR, flags);
                _txInFlight = false;
                return;
            }

            ReadTransmitStatus();
            bool late = Has(Enc28j60Workarounds.LateCollisionFromVector)
                ? (_txStatus & Enc28j60Registers.TSV_LateCollision) != 0
                : (_bus.Read(Enc28j60Registers.ESTAT) & Enc28j60Registers.ESTAT_LATECOL) != 0;

            if (late && Has(Enc28j60Workarounds.LateCollisionRetry) && _txRetries < _options.LateCollisionRetries)
            {
                _txRetries++;
                _counters.TxLateCollisionRetries++;
                if (Has(Enc28j60Workarounds.TxResetAfterError)) ResetTransmitLogic();
                _bus.ClearBits(Enc28j60Registers.EIR, flags);
                _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRTS);
                _txStartMs = _clock.NowMs;
                return;
            }

            if (late) _counters.TxLateCollisions++;
            else if ((_txStatus & Enc28j60Registers.TSV_ExcessiveCollision) != 0) _counters.TxExcessiveCollisions++;
            else _counters.TxOtherErrors++;

            if (Has(Enc28j60Workarounds.TxResetAfterError)) ResetTransmitLogic();
            _bus.ClearBits(Enc28j60Registers.EIR, flags);
            _txInFlight = false;
        }

        /// <summary>The 7-byte status vector the chip wrote right after the frame (ETXND + 1).</summary>
        private void ReadTransmitStatus()
        {
            _erdpt = WritePointer(Enc28j60Registers.ERDPTL, _txStart + _txLength + 1, _erdpt);
            _bus.ReadBuffer(_spiOut, _spiIn, TxStatusVectorLength);
            _erdpt += TxStatusVectorLength;
            byte[] b = _spiIn;
            _txStatus = b[1] | (b[2] << 8) | (b[3] << 16) | (b[4] << 24);
        }

        /// <summary>The frame never finished: give it up so the chip can send again.</summary>
        private void TransmitTimedOut()
        {
            _counters.TxTimeouts++;
            _bus.ClearBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRTS);
            if (Has(Enc28j60Workarounds.TxResetAfterError)) ResetTransmitLogic();
            _bus.ClearBits(Enc28j60Registers.EIR, Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF);
            _txInFlight = false;
        }

        /// <summary>Errata 12: BFS then BFC ECON1.TXRST un-stalls the transmit logic.</summary>
        private void ResetTransmitLogic()
        {
            _counters.TxResets++;
            _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRST);
            _bus.ClearBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRST);
        }
    }
}
