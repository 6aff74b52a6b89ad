using System.Device.Gpio;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>Reset, identification, configuration and the health check (fact sheet §9).</summary>
    public sealed partial class Enc28j60Driver
    {
        private const int ClkRdyPolls = 20;
        private const int ClkRdyPollMicroseconds = 100;
        /// <summary>Datasheet 2.2: CLKRDY comes ~300 µs after leaving power save.</summary>
        private const int PowerSaveExitMicroseconds = 300;
        /// <summary>Errata 1: revisions before B5 need an SPI clock of at least 8 MHz.</summary>
        private const int Errata1MinimumClockHz = 8000000;
        private const int RevisionB5 = 0x05;

        /// <summary>
        /// Full initialisation. Returns false with LastError set when no working chip answers;
        /// never throws for chip faults.
        /// </summary>
        private bool Initialize()
        {
            _state = StateDown;
            ForgetChipState();

            string error = ResetAndIdentify();
            if (error == null) error = Configure();
            if (error == null) error = Verify();
            if (error != null)
            {
                _lastError = error;
                _counters.InitFailures++;
                _state = StateDown;
                return false;
            }

            // Link as it is now; PHIR read clears a change latched during configuration.
            _bus.ReadPhy(Enc28j60Registers.PHIR);
            _linkUp = (_bus.ReadPhy(Enc28j60Registers.PHSTAT2) & Enc28j60Registers.PHSTAT2_LSTAT) != 0;
            NotePhyTimeout();

            // Fact sheet §9 step 7: clear the flags, enable interrupts, then reception.
            _bus.ClearBits(Enc28j60Registers.EIR, 0xFF);
            _bus.Write(Enc28j60Registers.EIE, ExpectedEie());
            _bus.SetBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_RXEN);
            _bus.SelectBank(0);

            _lastError = "ok";
            _state = StateUp;
            return true;
        }

        /// <summary>Every cached notion of the chip's registers is void after a reset.</summary>
        private void ForgetChipState()
        {
            _bus.Bank = -1;
            _bus.PhyTimedOut = false;
            _erdpt = -1;
            _ewrpt = -1;
            _etxnd = -1;
            _rxPending = 0;
            _headerValid = false;
            _rxFreeBytes = 0;
            _nextPacket = _rxStart;
            _txCount = 0;
            _etxst = -1;
            _linkUp = false;
        }

        private string ResetAndIdentify()
        {
            if (_resetPin != null)
            {
                // RESET low for at least 400 ns (datasheet 2.3), then the same start-up wait as SRC.
                _resetPin.Write(PinValue.Low);
                _clock.DelayMicroseconds(10);
                _resetPin.Write(PinValue.High);
                _clock.DelayMicroseconds(_options.ResetDelayMicroseconds);
            }

            if (Has(Enc28j60Workarounds.LeavePowerSaveBeforeReset))
            {
                // Errata 19: SRC does nothing while ECON2.PWRSV is set (a warm restart of the host
                // can find the chip asleep). Wake it first and give the oscillator time.
                _bus.ClearBits(Enc28j60Registers.ECON2, Enc28j60Registers.ECON2_PWRSV);
                _clock.DelayMicroseconds(PowerSaveExitMicroseconds);
            }

            _bus.SystemReset();
            if (Has(Enc28j60Workarounds.ResetDelay))
            {
                // Errata 2: CLKRDY may read set before the clock is stable; commands in the
                // first millisecond are lost. Wait unconditionally before polling it.
                int delay = _options.ResetDelayMicroseconds;
                _clock.DelayMicroseconds(delay < 1000 ? 1000 : delay);
            }

            int estat = 0;
            for (int i = 0; i < ClkRdyPolls; i++)
            {
                estat = _bus.Read(Enc28j60Registers.ESTAT);
                if ((estat & Enc28j60Registers.ESTAT_CLKRDY) != 0) break;
                _clock.DelayMicroseconds(ClkRdyPollMicroseconds);
            }

            if ((estat & Enc28j60Registers.ESTAT_CLKRDY) == 0)
            {
                return "ENC28J60: no chip answers on SPI (ESTAT.CLKRDY never set, ESTAT=0x" + Hex(estat)
                    + "): check CS, SCK, MISO, MOSI, power and the 25 MHz crystal";
            }

            int revision = _bus.Read(Enc28j60Registers.EREVID);
            if (revision == 0x00 || revision == 0xFF)
            {
                return "ENC28J60: no chip answers on SPI (EREVID=0x" + Hex(revision)
                    + (revision == 0 ? ": MISO stuck low, or read before its reset ended (errata 2)" : ": MISO stuck high")
                    + "): check CS, SCK, MISO, MOSI and power";
            }

            _revision = revision;
            int clockHz = _port.ClockFrequency;
            if (revision < RevisionB5 && clockHz > 0 && clockHz < Errata1MinimumClockHz)
            {
                return "ENC28J60 revision 0x" + Hex(revision) + " needs an SPI clock of at least 8 MHz (errata 1); the board set "
                    + clockHz.ToString() + " Hz";
            }

            // The PHY identifier is fixed silicon: garbage on MISO cannot fake it.
            int phid1 = _bus.ReadPhy(Enc28j60Registers.PHID1);
            int phid2 = _bus.ReadPhy(Enc28j60Registers.PHID2);
            if (_bus.PhyTimedOut || phid1 != Enc28j60Registers.PHID1_Value || (phid2 & Enc28j60Registers.PHID2_Mask) != Enc28j60Registers.PHID2_Value)
            {
                return "ENC28J60: PHY identifier wrong (PHID1=0x" + Hex16(phid1) + " PHID2=0x" + Hex16(phid2)
                    + ", expected 0x0083/0x140x): SPI data corrupt or not an ENC28J60";
            }

            return null;
        }

        private string Configure()
        {
            bool full = _options.FullDuplex;

            // Fact sheet §9 step 2 (ECON1 = 0 leaves bank 0 selected).
            _bus.Write(Enc28j60Registers.ECON1, 0);
            _bus.Bank = 0;
            _bus.Write(Enc28j60Registers.ECON2, Enc28j60Registers.ECON2_AUTOINC);

            // Step 3: the ring and the first transmit area.
            ProgramRing();
            _bus.Write16(Enc28j60Registers.ETXSTL, _txArea[0]);
            _etxst = _txArea[0];

            // Step 4: filters. The pattern matcher passes ARP broadcasts when other broadcasts are off.
            ProgramArpPattern();
            _bus.Write(Enc28j60Registers.ERXFCON, FilterValue());

            // Step 5: MAC. Full duplex is forced on both MAC and PHY (the chip cannot negotiate).
            _bus.Write(Enc28j60Registers.MACON1, full
                ? Enc28j60Registers.MACON1_MARXEN | Enc28j60Registers.MACON1_TXPAUS | Enc28j60Registers.MACON1_RXPAUS
                : Enc28j60Registers.MACON1_MARXEN);
            _bus.Write(Enc28j60Registers.MACON3, ExpectedMacon3());
            _bus.Write(Enc28j60Registers.MACON4, full ? 0 : Enc28j60Registers.MACON4_DEFER);
            _bus.Write(Enc28j60Registers.MABBIPG, full ? 0x15 : 0x12);
            _bus.Write(Enc28j60Registers.MAIPGL, 0x12);
            if (!full) _bus.Write(Enc28j60Registers.MAIPGH, 0x0C);
            _bus.Write16(Enc28j60Registers.MAMXFLL, _options.MaxFrameWithFcs);
            _bus.Write(Enc28j60Registers.MAADR5, _mac[0]);
            _bus.Write(Enc28j60Registers.MAADR4, _mac[1]);
            _bus.Write(Enc28j60Registers.MAADR3, _mac[2]);
            _bus.Write(Enc28j60Registers.MAADR2, _mac[3]);
            _bus.Write(Enc28j60Registers.MAADR1, _mac[4]);
            _bus.Write(Enc28j60Registers.MAADR0, _mac[5]);

            // Step 6: PHY. HDLDIS keeps a half-duplex chip from hearing its own frames.
            _bus.WritePhy(Enc28j60Registers.PHCON1, full ? Enc28j60Registers.PHCON1_PDPXMD : 0);
            _bus.WritePhy(Enc28j60Registers.PHCON2, full ? 0 : Enc28j60Registers.PHCON2_HDLDIS);
            _bus.WritePhy(Enc28j60Registers.PHLCON, _options.LedConfiguration);
            _bus.WritePhy(Enc28j60Registers.PHIE, Enc28j60Registers.PHIE_PGEIE | Enc28j60Registers.PHIE_PLNKIE);
            if (_bus.PhyTimedOut) return "ENC28J60: MII stayed busy while configuring the PHY";
            return null;
        }

        /// <summary>Reads back what Configure wrote: a chip that lost or never took a write is not used.</summary>
        private string Verify()
        {
            int rxEnd = _bus.Read16(Enc28j60Registers.ERXNDL);
            int maxFrame = _bus.Read16(Enc28j60Registers.MAMXFLL);
            int macon3 = _bus.Read(Enc28j60Registers.MACON3);
            int mac0 = _bus.Read(Enc28j60Registers.MAADR5);
            int pdpxmd = _bus.ReadPhy(Enc28j60Registers.PHCON1) & Enc28j60Registers.PHCON1_PDPXMD;
            if (rxEnd != _rxEnd || maxFrame != _options.MaxFrameWithFcs || macon3 != ExpectedMacon3() || mac0 != _mac[0]
                || pdpxmd != (_options.FullDuplex ? Enc28j60Registers.PHCON1_PDPXMD : 0))
            {
                return "ENC28J60: registers did not keep what was written (ERXND=0x" + Hex16(rxEnd) + " MAMXFL=" + maxFrame.ToString()
                    + " MACON3=0x" + Hex(macon3) + "): SPI data corrupt";
            }

            return null;
        }

        /// <summary>Receive ring pointers (fact sheet §9 step 3); also used after a receive reset.</summary>
        private void ProgramRing()
        {
            _bus.Write16(Enc28j60Registers.ERXSTL, _rxStart);
            _bus.Write16(Enc28j60Registers.ERXNDL, _rxEnd);
            // Errata 14: ERXRDPT must be odd; the end of the ring is (the whole ring is free).
            _bus.Write16(Enc28j60Registers.ERXRDPTL, Has(Enc28j60Workarounds.OddErxrdpt) ? _rxEnd : _rxStart);
            _bus.Write16(Enc28j60Registers.ERDPTL, _rxStart);
            _erdpt = _rxStart;
            _nextPacket = _rxStart;
            _rxPending = 0;
            _headerValid = false;
            _rxFreeBytes = 0;
        }

        /// <summary>
        /// Pattern match for "broadcast ARP" (datasheet 8.2.3): destination FF:FF:FF:FF:FF:FF and
        /// EtherType 0x0806, i.e. bytes 0-5 and 12-13 of the frame. Errata 18: the matcher may let
        /// other frames through; the stack checks every frame anyway.
        /// </summary>
        private void ProgramArpPattern()
        {
            _bus.Write(Enc28j60Registers.EPMM0, 0x3F);
            _bus.Write(Enc28j60Registers.EPMM1, 0x30);
            for (int r = Enc28j60Registers.EPMM2; r <= Enc28j60Registers.EPMM7; r++) _bus.Write(r, 0);

            // Internet checksum (RFC 1071) of the selected bytes FF FF FF FF FF FF 08 06, computed
            // here: the DMA checksum engine stays off (errata 17).
            int sum = 0xFFFF + 0xFFFF + 0xFFFF + 0x0806;
            while ((sum >> 16) != 0) sum = (sum & 0xFFFF) + (sum >> 16);
            int checksum = ~sum & 0xFFFF;
            _bus.Write(Enc28j60Registers.EPMCSL, checksum & 0xFF);
            _bus.Write(Enc28j60Registers.EPMCSH, checksum >> 8);
            _bus.Write(Enc28j60Registers.EPMOL, 0);
            _bus.Write(Enc28j60Registers.EPMOH, 0);
        }

        /// <summary>ERXFCON: unicast to us, good CRC only, broadcast or ARP-broadcast pattern, multicast on request. OR mode.</summary>
        private int FilterValue()
        {
            int value = Enc28j60Registers.ERXFCON_UCEN | Enc28j60Registers.ERXFCON_CRCEN;
            value |= _receiveBroadcast ? Enc28j60Registers.ERXFCON_BCEN : Enc28j60Registers.ERXFCON_PMEN;
            if (_receiveMulticast) value |= Enc28j60Registers.ERXFCON_MCEN;
            return value;
        }

        /// <summary>MACON3: pad short frames to 60 bytes and append the CRC; check length fields; full duplex if chosen.</summary>
        private int ExpectedMacon3()
        {
            int value = Enc28j60Registers.MACON3_PADCFG0 | Enc28j60Registers.MACON3_TXCRCEN | Enc28j60Registers.MACON3_FRMLNEN;
            if (_options.FullDuplex) value |= Enc28j60Registers.MACON3_FULDPX;
            return value;
        }

        private static int ExpectedEie()
        {
            return Enc28j60Registers.EIE_INTIE | Enc28j60Registers.EIE_PKTIE | Enc28j60Registers.EIE_LINKIE
                | Enc28j60Registers.EIE_TXIE | Enc28j60Registers.EIE_TXERIE | Enc28j60Registers.EIE_RXERIE;
        }

        /// <summary>
        /// Every HealthCheckIntervalMs: is the chip still the one we configured? EREVID and registers
        /// we wrote must read back, reception must be on. Anything else (garbage on MISO, a power
        /// glitch that reset the chip, a chip gone) leads to a full re-initialisation.
        /// </summary>
        private void HealthCheck()
        {
            bool ok = _bus.Read(Enc28j60Registers.EREVID) == _revision
                && _bus.Read16(Enc28j60Registers.ERXNDL) == _rxEnd
                && _bus.Read(Enc28j60Registers.MAMXFLL) == (_options.MaxFrameWithFcs & 0xFF)
                && _bus.Read(Enc28j60Registers.EIE) == ExpectedEie();
            int estat = 0;
            if (ok)
            {
                int econ1 = _bus.Read(Enc28j60Registers.ECON1);
                estat = _bus.Read(Enc28j60Registers.ESTAT);
                ok = (econ1 & Enc28j60Registers.ECON1_RXEN) != 0
                    && (estat & (Enc28j60Registers.ESTAT_Unimplemented | Enc28j60Registers.ESTAT_CLKRDY)) == Enc28j60Registers.ESTAT_CLKRDY;
            }

            if (!ok)
            {
                _counters.HealthCheckFailures++;
                if (Initialize()) _counters.Resets++;
                return;
            }

            if ((estat & Enc28j60Registers.ESTAT_BUFER) != 0)
            {
                _counters.BufferErrors++;
                _bus.ClearBits(Enc28j60Registers.ESTAT, Enc28j60Registers.ESTAT_BUFER);
            }

            _bus.SelectBank(0);
        }

        private static string Hex(int value)
        {
            const string digits = "0123456789ABCDEF";
            return new string(new char[] { digits[(value >> 4) & 0xF], digits[value & 0xF] });
        }

        private static string Hex16(int value)
        {
            return Hex(value >> 8) + Hex(value);
        }
    }
}
