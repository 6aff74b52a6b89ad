using System;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// Receive path (datasheet 7.2, fact sheet §5). Per frame: one RBM that reads the frame plus its
    /// pad byte (so ERDPT lands on the next frame and is never re-set) plus the next frame's 6-byte
    /// header when EPKTCNT says one is there, one BFS PKTDEC, and two WCRs to ERXRDPT that small
    /// frames share. A lone frame needs no EPKTCNT read and no bank switch (the INT pin tells);
    /// a burst reads EPKTCNT (bank 1) once.
    /// </summary>
    public sealed partial class Enc28j60Driver
    {
        /// <summary>Where the next unread frame starts (its next-packet pointer).</summary>
        private int _nextPacket;
        /// <summary>Frames known to wait (last EPKTCNT minus frames taken since).</summary>
        private int _rxPending;
        /// <summary>ERDPT as the chip has it now, or -1 when unknown.</summary>
        private int _erdpt;
        /// <summary>The header of the frame at _nextPacket was prefetched into _hdrNext/_hdrStatus.</summary>
        private bool _headerValid;
        private int _hdrNext;
        private int _hdrStatus;
        /// <summary>Ring bytes read but not yet handed back through ERXRDPT.</summary>
        private int _rxFreeBytes;

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_state != StateUp) return 0;

            // Each pass consumes one counted frame, so EPKTCNT (at most 255) bounds the loop.
            for (int guard = 0; guard < 256; guard++)
            {
                if (_rxPending == 0)
                {
                    // INT stays low while EPKTCNT > 0 (PKTIF is a level): a high pin means nothing waits.
                    if (_intPin != null && _irq == 0 && !IntAsserted()) return 0;
                    RefreshPendingCount(-1);
                    if (_rxPending == 0) return 0;
                }

                if (!_headerValid)
                {
                    _erdpt = WritePointer(Enc28j60Registers.ERDPTL, _nextPacket, _erdpt);
                    _bus.ReadBuffer(_spiOut, _spiIn, RxHeaderLength);
                    _erdpt = RingAdd(_nextPacket, RxHeaderLength);
                    ParseHeader(1);
                }

                _headerValid = false;
                int next = _hdrNext;
                int status = _hdrStatus;
                int count = status & Enc28j60Registers.RSV_ByteCountMask;
                int stored = count + (count & 1);
                if (!HeaderConsistent(next, stored))
                {
                    // Fact sheet §5 corruption defence (also what errata 14 leads to).
                    _counters.RxRingResets++;
                    ResetReceive();
                    return 0;
                }

                int length = count - FcsLength;
                if ((status & Enc28j60Registers.RSV_ReceivedOk) == 0)
                {
                    _counters.RxDropNotOk++;
                }
                else if (count > _options.MaxFrameWithFcs || length > capacity)
                {
                    _counters.RxDropTooLong++;
                }
                else if (length < EthernetHeaderLength)
                {
                    _counters.RxDropRunt++;
                }
                else
                {
                    bool prefetch = _options.PrefetchHeader && _rxPending >= 2;
                    int read = stored + (prefetch ? RxHeaderLength : 0);
                    _erdpt = WritePointer(Enc28j60Registers.ERDPTL, RingAdd(_nextPacket, RxHeaderLength), _erdpt);
                    _bus.ReadBuffer(_spiOut, _spiIn, read);
                    _erdpt = RingAdd(_erdpt, read);
                    Array.Copy(_spiIn, 1, buffer, offset, length);
                    if (prefetch)
                    {
                        ParseHeader(1 + stored);
                        _headerValid = true;
                    }

                    ReleaseFrame(next, stored);
                    _counters.RxFrames++;
                    _counters.RxBytes += length;
                    return length;
                }

                ReleaseFrame(next, stored);
            }

            return 0;
        }

        /// <summary>
        /// How many frames wait. Errata 6: EIR.PKTIF read over SPI is unreliable, so EPKTCNT decides
        /// (a bank 1 register). Without the workaround (tests only) PKTIF decides.
        /// </summary>
        private void RefreshPendingCount(int eir)
        {
            if (Has(Enc28j60Workarounds.PacketCountNotPktif))
            {
                _rxPending = _bus.Read(Enc28j60Registers.EPKTCNT);
                return;
            }

            if (eir < 0) eir = _bus.Read(Enc28j60Registers.EIR);
            _rxPending = (eir & Enc28j60Registers.EIR_PKTIF) != 0 ? 1 : 0;
        }

        private void ParseHeader(int at)
        {
            byte[] b = _spiIn;
            _hdrNext = b[at] | (b[at + 1] << 8);
            _hdrStatus = b[at + 2] | (b[at + 3] << 8) | (b[at + 4] << 16) | (b[at + 5] << 24);
        }

        /// <summary>
        /// The next-packet pointer must be even, inside the ring, and exactly where this frame's
        /// stored bytes end (the chip pads every frame to an even length, datasheet 7.2.2).
        /// </summary>
        private bool HeaderConsistent(int next, int stored)
        {
            if ((next & 1) != 0 || next < _rxStart || next > _rxEnd) return false;
            if (stored + RxHeaderLength > _rxEnd - _rxStart) return false;
            return next == RingAdd(_nextPacket, RxHeaderLength + stored);
        }

        /// <summary>
        /// PKTDEC for the frame just taken; ERXRDPT follows when enough ring is to be freed or no
        /// frame is left. When the last counted frame is taken but INT is still asserted, more
        /// frames may wait: EPKTCNT counts them before the ring is handed back.
        /// </summary>
        private void ReleaseFrame(int next, int stored)
        {
            _bus.SetBits(Enc28j60Registers.ECON2, Enc28j60Registers.ECON2_PKTDEC);
            _rxPending--;
            _nextPacket = next;
            _rxFreeBytes += RxHeaderLength + stored;
            if (_rxPending == 0 && Has(Enc28j60Workarounds.PacketCountNotPktif) && IntAsserted())
            {
                _rxPending = _bus.Read(Enc28j60Registers.EPKTCNT);
            }

            if (_rxPending == 0 || _rxFreeBytes >= _options.RxFreeThresholdBytes) FreeRing();
        }

        /// <summary>
        /// Hands the ring up to _nextPacket back to the chip. Errata 14: ERXRDPT must be odd, so it
        /// gets next - 1, or ERXND when next is ERXST. Low byte first: the pair latches on the high write.
        /// </summary>
        private void FreeRing()
        {
            if (_rxFreeBytes == 0) return;
            int value = _nextPacket;
            if (Has(Enc28j60Workarounds.OddErxrdpt)) value = _nextPacket == _rxStart ? _rxEnd : _nextPacket - 1;
            _bus.Write16(Enc28j60Registers.ERXRDPTL, value);
            _rxFreeBytes = 0;
        }

        /// <summary>
        /// EIR.RXERIF: a frame was lost because the ring was full or EPKTCNT was at 255. Count it;
        /// reading frames is the cure. A ring that overflows while holding no counted frame and
        /// whose write pointer is not where we read is stuck: reset the receive side.
        /// </summary>
        private void ServiceRxError()
        {
            _counters.RxOverflows++;
            _bus.ClearBits(Enc28j60Registers.EIR, Enc28j60Registers.EIR_RXERIF);
            int waiting = _bus.Read(Enc28j60Registers.EPKTCNT);
            _rxPending = waiting;
            if (waiting != 0) return;

            FreeRing();
            int writePointer = _bus.Read16(Enc28j60Registers.ERXWRPTL);
            if (writePointer == _nextPacket) return;
            waiting = _bus.Read(Enc28j60Registers.EPKTCNT);
            if (waiting != 0)
            {
                // A frame completed while we looked: not stuck.
                _rxPending = waiting;
                return;
            }

            _counters.RxRingResets++;
            ResetReceive();
        }

        /// <summary>
        /// Receive-only reset (fact sheet §5): stop reception, pulse RXRST, program the ring again,
        /// bring EPKTCNT to zero with PKTDEC, clear RXERIF, restart reception. Frames in the ring are lost.
        /// </summary>
        private void ResetReceive()
        {
            _bus.ClearBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_RXEN);
            _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_RXRST);
            _bus.ClearBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_RXRST);
            ProgramRing();
            int count = _bus.Read(Enc28j60Registers.EPKTCNT);
            for (int i = 0; i < count && i < 255; i++) _bus.SetBits(Enc28j60Registers.ECON2, Enc28j60Registers.ECON2_PKTDEC);
            _bus.ClearBits(Enc28j60Registers.EIR, Enc28j60Registers.EIR_RXERIF);
            _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_RXEN);
            _bus.SelectBank(0);
        }

        /// <summary>A ring address <paramref name="bytes"/> after <paramref name="address"/>, wrapping from ERXND to ERXST.</summary>
        private int RingAdd(int address, int bytes)
        {
            int result = address + bytes;
            if (result > _rxEnd) result -= _rxEnd - _rxStart + 1;
            return result;
        }

        /// <summary>Writes a 16-bit pointer, skipping a byte the chip already holds; returns the new value.</summary>
        private int WritePointer(int registerLow, int value, int known)
        {
            if (known < 0 || ((known ^ value) & 0xFF) != 0) _bus.Write(registerLow, value & 0xFF);
            if (known < 0 || ((known ^ value) & 0xFF00) != 0) _bus.Write(registerLow + 1, (value >> 8) & 0xFF);
            return value;
        }
    }
}
