namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// ENC28J60 instructions over the SPI port: control registers with bank tracking, buffer
    /// memory, PHY registers through MII. Remembers the selected bank so that a bank switch costs
    /// one BFS or BFC and only when the bank really changes (datasheet 3.1).
    /// </summary>
    internal sealed class Enc28j60Bus
    {
        private const int PhyBusyPolls = 20;
        private const int PhyWaitMicroseconds = 11; // MII operations take 10.24 µs (datasheet 3.3)

        private readonly SpiPort _port;
        private readonly IDriverClock _clock;
        private readonly byte[] _cmd = new byte[3];
        private readonly byte[] _rsp = new byte[3];

        /// <summary>Bank ECON1.BSEL selects now, or -1 when unknown (after start-up or a fault).</summary>
        public int Bank = -1;

        /// <summary>Set when an MII operation stayed busy past its bound.</summary>
        public bool PhyTimedOut;

        public Enc28j60Bus(SpiPort port, IDriverClock clock)
        {
            _port = port;
            _clock = clock;
        }

        public SpiPort Port
        {
            get { return _port; }
        }

        /// <summary>Selects the bank of <paramref name="register"/> unless it is common or already selected.</summary>
        public void SelectBankOf(int register)
        {
            if (Enc28j60Registers.IsCommon(register)) return;
            SelectBank(Enc28j60Registers.BankOf(register));
        }

        public void SelectBank(int bank)
        {
            if (bank == Bank) return;
            const int bsel = Enc28j60Registers.ECON1_BSEL1 | Enc28j60Registers.ECON1_BSEL0;
            if (Bank < 0)
            {
                // Unknown: clear both bits, then set the wanted ones.
                Command(Enc28j60Registers.BFC, Enc28j60Registers.ECON1, bsel);
                if (bank != 0) Command(Enc28j60Registers.BFS, Enc28j60Registers.ECON1, bank);
            }
            else
            {
                int clear = Bank & ~bank & bsel;
                int set = bank & ~Bank & bsel;
                if (clear != 0) Command(Enc28j60Registers.BFC, Enc28j60Registers.ECON1, clear);
                if (set != 0) Command(Enc28j60Registers.BFS, Enc28j60Registers.ECON1, set);
            }

            Bank = bank;
        }

        /// <summary>RCR: one transaction; MAC/MII registers shift out a dummy byte first.</summary>
        public int Read(int register)
        {
            SelectBankOf(register);
            _cmd[0] = (byte)(Enc28j60Registers.RCR | (register & Enc28j60Registers.AddressMask));
            _cmd[1] = 0;
            _cmd[2] = 0;
            if ((register & Enc28j60Registers.MacMii) != 0)
            {
                _port.Transfer(_cmd, _rsp, 0, 3);
                return _rsp[2];
            }

            _port.Transfer(_cmd, _rsp, 0, 2);
            return _rsp[1];
        }

        /// <summary>WCR: one transaction.</summary>
        public void Write(int register, int value)
        {
            SelectBankOf(register);
            Command(Enc28j60Registers.WCR, register, value);
        }

        /// <summary>Writes a 16-bit register pair, low byte first (ERXRDPT latches on the high write).</summary>
        public void Write16(int registerLow, int value)
        {
            Write(registerLow, value & 0xFF);
            Write(registerLow + 1, (value >> 8) & 0xFF);
        }

        public int Read16(int registerLow)
        {
            int low = Read(registerLow);
            return low | (Read(registerLow + 1) << 8);
        }

        /// <summary>BFS: ETH registers only (datasheet 4.2.5).</summary>
        public void SetBits(int register, int mask)
        {
            SelectBankOf(register);
            Command(Enc28j60Registers.BFS, register, mask);
        }

        /// <summary>BFC: ETH registers only.</summary>
        public void ClearBits(int register, int mask)
        {
            SelectBankOf(register);
            Command(Enc28j60Registers.BFC, register, mask);
        }

        /// <summary>SRC. ECON1 resets to 0, so bank 0 is selected afterwards.</summary>
        public void SystemReset()
        {
            _cmd[0] = Enc28j60Registers.SRC;
            _port.Write(_cmd, 0, 1);
            Bank = 0;
        }

        /// <summary>
        /// RBM of <paramref name="length"/> bytes in one transaction: the opcode goes into
        /// <paramref name="mosi"/>[0]; the chip ignores MOSI after it (datasheet figure 4-5), so
        /// any buffer serves. The data lands in <paramref name="miso"/>[1..length].
        /// </summary>
        public void ReadBuffer(byte[] mosi, byte[] miso, int length)
        {
            mosi[0] = Enc28j60Registers.RBM;
            _port.Transfer(mosi, miso, 0, length + 1);
        }

        /// <summary>WBM in one transaction: the opcode goes into <paramref name="data"/>[0], then <paramref name="length"/> bytes follow.</summary>
        public void WriteBuffer(byte[] data, int length)
        {
            data[0] = Enc28j60Registers.WBM;
            _port.Write(data, 0, length + 1);
        }

        /// <summary>PHY read through MII (datasheet 3.3.1).</summary>
        public int ReadPhy(int phyRegister)
        {
            Write(Enc28j60Registers.MIREGADR, phyRegister);
            Write(Enc28j60Registers.MICMD, Enc28j60Registers.MICMD_MIIRD);
            WaitPhy();
            Write(Enc28j60Registers.MICMD, 0);
            int low = Read(Enc28j60Registers.MIRDL);
            return low | (Read(Enc28j60Registers.MIRDH) << 8);
        }

        /// <summary>PHY write through MII: writing MIWRH starts it (datasheet 3.3.2).</summary>
        public void WritePhy(int phyRegister, int value)
        {
            Write(Enc28j60Registers.MIREGADR, phyRegister);
            Write(Enc28j60Registers.MIWRL, value & 0xFF);
            Write(Enc28j60Registers.MIWRH, (value >> 8) & 0xFF);
            WaitPhy();
        }

        private void WaitPhy()
        {
            for (int i = 0; i < PhyBusyPolls; i++)
            {
                _clock.DelayMicroseconds(PhyWaitMicroseconds);
                if ((Read(Enc28j60Registers.MISTAT) & Enc28j60Registers.MISTAT_BUSY) == 0) return;
            }

            PhyTimedOut = true;
        }

        private void Command(byte opcode, int register, int value)
        {
            _cmd[0] = (byte)(opcode | (register & Enc28j60Registers.AddressMask));
            _cmd[1] = (byte)value;
            _port.Write(_cmd, 0, 2);
        }
    }
}
