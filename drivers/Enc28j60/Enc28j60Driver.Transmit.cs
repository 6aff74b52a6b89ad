using System;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// Transmit path (datasheet 7.1, fact sheet §6) with two transmit areas (ping-pong). The head
    /// frame is on the wire from one area (ECON1.TXRTS set) while Transmit writes the next frame
    /// into the other area with one WBM and returns: the SPI write overlaps the wire time. When the
    /// chip reports the head done (TXIF/TXERIF, seen by Poll through the INT pin or by a Transmit
    /// that finds both areas busy), the head's status is checked and the queued frame is started:
    /// ETXST/ETXND to its area, TXRTS. ETXST and ETXND change only while TXRTS is clear.
    ///
    /// With nothing queued a new frame reuses the area ETXST already points at, so a lone frame
    /// costs what it did with one area. Only when both areas are busy does Transmit wait (bounded);
    /// it does not refuse at once because the stack counts a refused TCP segment as lost.
    ///
    /// Errata 12: TXRST is pulsed after a transmit error and after a timeout (as Linux and ESP-IDF
    /// do), not before every frame (EtherCard): a stalled transmitter is always preceded by TXERIF
    /// or caught by the timeout. The queued frame in the other area is untouched by either.
    /// </summary>
    public sealed partial class Enc28j60Driver
    {
        /// <summary>Frame lengths by area; the area starts are in _txArea.</summary>
        private readonly int[] _txLength = new int[2];
        /// <summary>The area whose frame is on the wire (valid while _txCount is not 0).</summary>
        private int _txHead;
        /// <summary>0: idle; 1: the head is on the wire; 2: and the other area holds the next frame.</summary>
        private int _txCount;
        private int _txRetries;
        private long _txStartMs;
        /// <summary>EWRPT, ETXST and ETXND as the chip has them, or -1 when unknown.</summary>
        private int _ewrpt;
        private int _etxst;
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

            if (_txCount == 2 && !WaitHeadDone())
            {
                _counters.TxBusy++;
                return false;
            }

            // Idle: the area ETXST points at (no pointer writes to start it). Busy: the other one.
            int area = _txCount == 0 ? (_etxst == _txArea[1] ? 1 : 0) : 1 - _txHead;
            int start = _txArea[area];
            _spiOut[1] = 0x00; // per-packet control byte: MACON3 decides padding and CRC
            Array.Copy(frame, offset, _spiOut, 2, length);
            _ewrpt = WritePointer(Enc28j60Registers.EWRPTL, start, _ewrpt);
            _bus.WriteBuffer(_spiOut, 1 + length);
            _ewrpt = start + 1 + length;
            _txLength[area] = length;
            if (_txCount == 0)
            {
                _txHead = area;
                _txCount = 1;
                StartHead();
            }
            else
            {
                _txCount = 2; // queued: started when the head is done
            }

            return true;
        }

        /// <summary>
        /// Points ETXST/ETXND at the head's area and sets TXRTS. EIR.TXIF and TXERIF are clear here:
        /// whoever saw the previous frame finish cleared them before calling this.
        /// </summary>
        private void StartHead()
        {
            int start = _txArea[_txHead];
            _etxst = WritePointer(Enc28j60Registers.ETXSTL, start, _etxst);
            _etxnd = WritePointer(Enc28j60Registers.ETXNDL, start + _txLength[_txHead], _etxnd);
            _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRTS);
            _txStartMs = _clock.NowMs;
        }

        /// <summary>The head left (or was given up): the queued frame, if any, becomes the head and starts.</summary>
        private void AdvanceHead()
        {
            _txCount--;
            _txHead = 1 - _txHead;
            _txRetries = 0;
            if (_txCount != 0) StartHead();
        }

        /// <summary>
        /// Waits, bounded by TxWaitPolls reads of EIR and by TxWaitMs of the clock, until the head
        /// is done and an area is free. Returns false when both areas are still busy.
        /// </summary>
        private bool WaitHeadDone()
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
                    if (_txCount < 2) return true;
                    continue; // retransmitting the head after a late collision
                }

                if (_clock.NowMs >= deadline) return false;
                WaitForInterruptOrInterval();
            }

            return false;
        }

        /// <summary>
        /// One TxPollIntervalMicroseconds. While INT is high, the pin is watched in tenths of it: it
        /// falls when TXIF sets, so the queued frame starts without waiting out the interval (a GPIO
        /// read costs no SPI). With INT already low (frames waiting) or no pin, plain delay.
        /// </summary>
        private void WaitForInterruptOrInterval()
        {
            int interval = _options.TxPollIntervalMicroseconds;
            int step = interval / 10;
            if (_intPin == null || step < 1 || IntAsserted())
            {
                _clock.DelayMicroseconds(interval);
                return;
            }

            for (int i = 0; i < 10 && !IntAsserted(); i++) _clock.DelayMicroseconds(step);
        }

        /// <summary>
        /// The chip reported the head done (TXIF) or aborted (TXERIF + TXIF). On an abort, read the
        /// head's status vector; a late collision (bit 29, errata 15: not ESTAT.LATECOL) resends the
        /// head's area up to LateCollisionRetries times (errata 13); anything else is counted and the
        /// TX logic reset (errata 12). Then the queued frame, if any, starts.
        /// </summary>
        private void CompleteTransmit(int eir)
        {
            const int flags = Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF;
            if ((eir & Enc28j60Registers.EIR_TXERIF) == 0)
            {
                _counters.TxFrames++;
                _counters.TxBytes += _txLength[_txHead];
                _bus.ClearBits(Enc28j60Registers.EIR, flags);
                AdvanceHead();
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
                StartHead(); // ETXST/ETXND still hold the head's area: only TXRTS is sent
                return;
            }

            if (late) _counters.TxLateCollisions++;
            else if ((_txStatus & Enc28j60Registers.TSV_ExcessiveCollision) != 0) _counters.TxExcessiveCollisions++;
            else _counters.TxOtherErrors++;

            if (Has(Enc28j60Workarounds.TxResetAfterError)) ResetTransmitLogic();
            _bus.ClearBits(Enc28j60Registers.EIR, flags);
            AdvanceHead();
        }

        /// <summary>The 7-byte status vector the chip wrote right after the head frame (ETXND + 1).</summary>
        private void ReadTransmitStatus()
        {
            _erdpt = WritePointer(Enc28j60Registers.ERDPTL, _txArea[_txHead] + _txLength[_txHead] + 1, _erdpt);
            _bus.ReadBuffer(_spiOut, _spiIn, TxStatusVectorLength);
            _erdpt += TxStatusVectorLength;
            byte[] b = _spiIn;
            _txStatus = b[1] | (b[2] << 8) | (b[3] << 16) | (b[4] << 24);
        }

        /// <summary>The head never finished: give it up so the chip can send again (the queued frame goes next).</summary>
        private void TransmitTimedOut()
        {
            _counters.TxTimeouts++;
            _bus.ClearBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_TXRTS);
            if (Has(Enc28j60Workarounds.TxResetAfterError)) ResetTransmitLogic();
            _bus.ClearBits(Enc28j60Registers.EIR, Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF);
            AdvanceHead();
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
