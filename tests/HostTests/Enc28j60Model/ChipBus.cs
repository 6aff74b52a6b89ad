using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>
    /// Raw ENC28J60 SPI instructions for the model tests, spelled out byte by byte (DS39662 Table 4-1), so
    /// the tests check the chip against the datasheet and not against a driver.
    /// </summary>
    internal sealed class ChipBus
    {
        // Registers the tests use (bank, address); the model's own tables are deliberately not reused.
        public const int EIE = 0x1B, EIR = 0x1C, ESTAT = 0x1D, ECON2 = 0x1E, ECON1 = 0x1F;

        public ChipBus(Enc28j60Model model)
        {
            Model = model;
        }

        public Enc28j60Model Model { get; }

        public static ChipBus Create(Enc28j60Errata errata = Enc28j60Errata.None, IVirtualClock clock = null, long spiHz = 0)
        {
            return new ChipBus(new Enc28j60Model(new Enc28j60ModelOptions { Errata = errata, Clock = clock, SpiClockHz = spiHz }));
        }

        /// <summary>True for the addresses that answer after a dummy byte: all of bank 2, MAADR and MISTAT in bank 3.</summary>
        public static bool IsMacMii(int bank, int address) => address < 0x1B && (bank == 2 || (bank == 3 && (address <= 0x05 || address == 0x0A)));

        public byte[] Transfer(params byte[] mosi)
        {
            var miso = new byte[mosi.Length];
            Model.TransferFullDuplex(mosi, miso);
            return miso;
        }

        public int CurrentBank => PeekEcon1() & 0x03;

        public void SelectBank(int bank)
        {
            // BFC ECON1 BSEL1:BSEL0, then BFS the new bank bits, as drivers do.
            Transfer(0xA0 | ECON1, 0x03);
            if (bank != 0)
            {
                Transfer(0x80 | ECON1, (byte)bank);
            }
        }

        /// <summary>RCR of an ETH register in the current bank: opcode, then one byte clocked out.</summary>
        public byte RcrEth(int address) => Transfer((byte)address, 0x00)[1];

        /// <summary>RCR of a MAC/MII register: opcode, dummy byte, data byte.</summary>
        public byte RcrMac(int address) => Transfer((byte)address, 0x00, 0x00)[2];

        public void Wcr(int address, byte value) => Transfer((byte)(0x40 | address), value);

        public void Bfs(int address, byte mask) => Transfer((byte)(0x80 | address), mask);

        public void Bfc(int address, byte mask) => Transfer((byte)(0xA0 | address), mask);

        public void Src() => Transfer(0xFF);

        public byte Read(int bank, int address)
        {
            if (address < 0x1B)
            {
                SelectBank(bank);
            }

            return IsMacMii(bank, address) ? RcrMac(address) : RcrEth(address);
        }

        public void Write(int bank, int address, byte value)
        {
            if (address < 0x1B)
            {
                SelectBank(bank);
            }

            Wcr(address, value);
        }

        public int Read16(int bank, int lowAddress) => Read(bank, lowAddress) | (Read(bank, lowAddress + 1) << 8);

        public void Write16(int bank, int lowAddress, int value)
        {
            Write(bank, lowAddress, (byte)value);
            Write(bank, lowAddress + 1, (byte)(value >> 8));
        }

        public byte[] Rbm(int count)
        {
            var mosi = new byte[count + 1];
            mosi[0] = 0x3A;
            byte[] miso = Transfer(mosi);
            return miso.AsSpan(1).ToArray();
        }

        public void Wbm(params byte[] data)
        {
            var mosi = new byte[data.Length + 1];
            mosi[0] = 0x7A;
            data.CopyTo(mosi, 1);
            Transfer(mosi);
        }

        public byte[] ReadMemory(int address, int count)
        {
            Write16(0, Bank0.ERDPTL, address);
            return Rbm(count);
        }

        public void WriteMemory(int address, byte[] data)
        {
            Write16(0, Bank0.EWRPTL, address);
            Wbm(data);
        }

        /// <summary>PHY read through MII: MIREGADR, MICMD.MIIRD, wait for MISTAT.BUSY to clear, MICMD = 0, MIRD.</summary>
        public int PhyRead(int register, VirtualClock clock = null)
        {
            Write(2, Bank2.MIREGADR, (byte)register);
            Write(2, Bank2.MICMD, 0x01);
            WaitMiiIdle(clock);
            Write(2, Bank2.MICMD, 0x00);
            return Read(2, Bank2.MIRDL) | (Read(2, Bank2.MIRDH) << 8);
        }

        public void PhyWrite(int register, int value, VirtualClock clock = null)
        {
            Write(2, Bank2.MIREGADR, (byte)register);
            Write(2, Bank2.MIWRL, (byte)value);
            Write(2, Bank2.MIWRH, (byte)(value >> 8));
            WaitMiiIdle(clock);
        }

        public void WaitMiiIdle(VirtualClock clock)
        {
            for (int i = 0; i < 100 && (Read(3, Bank3.MISTAT) & 0x01) != 0; i++)
            {
                clock?.AdvanceMicroseconds(2);
            }
        }

        /// <summary>MAC address into MAADR1..6 (bank 3 addresses 0x04, 0x05, 0x02, 0x03, 0x00, 0x01).</summary>
        public void SetMacAddress(byte[] mac)
        {
            int[] addresses = { 0x04, 0x05, 0x02, 0x03, 0x00, 0x01 };
            for (int i = 0; i < 6; i++)
            {
                Write(3, addresses[i], mac[i]);
            }
        }

        /// <summary>Receive ring ERXST..ERXND, ERXRDPT = ERXND (odd), MARXEN, filters, RXEN (DS39662 6.1, 7.2.1).</summary>
        public void StartReceive(int start, int end, byte filters, byte[] mac = null)
        {
            Write16(0, Bank0.ERXSTL, start);
            Write16(0, Bank0.ERXNDL, end);
            Write16(0, Bank0.ERXRDPTL, end);
            Write(1, Bank1.ERXFCON, filters);
            Write(2, Bank2.MACON1, 0x01);
            if (mac != null)
            {
                SetMacAddress(mac);
            }

            Bfs(ECON1, 0x04);
        }

        /// <summary>Reads the frame at <paramref name="address"/>: next pointer, status vector and frame bytes.</summary>
        public ReceivedFrame ReadFrame(int address)
        {
            byte[] header = ReadMemory(address, 6);
            var frame = new ReceivedFrame
            {
                Address = address,
                NextPointer = header[0] | (header[1] << 8),
                Status = (uint)(header[2] | (header[3] << 8) | (header[4] << 16) | (header[5] << 24)),
            };
            frame.Data = Rbm((int)(frame.Status & 0xFFFF)); // ERDPT runs on past the header, wrapping at ERXND
            return frame;
        }

        /// <summary>Frees one frame: ERXRDPT = next − 1 (odd, errata 14) or ERXND, then ECON2.PKTDEC.</summary>
        public void FreeFrame(ReceivedFrame frame, int ringStart, int ringEnd)
        {
            int rdpt = frame.NextPointer == ringStart ? ringEnd : frame.NextPointer - 1;
            Write16(0, Bank0.ERXRDPTL, rdpt);
            Bfs(ECON2, 0x40);
        }

        /// <summary>Control byte + frame at ETXST, ETXND = last byte, TXRTS (DS39662 7.1).</summary>
        public void Transmit(int txStart, byte control, byte[] frame)
        {
            Write16(0, Bank0.ETXSTL, txStart);
            var data = new byte[frame.Length + 1];
            data[0] = control;
            frame.CopyTo(data, 1);
            WriteMemory(txStart, data);
            Write16(0, Bank0.ETXNDL, txStart + frame.Length);
            Bfc(EIR, 0x0A);
            Bfs(ECON1, 0x08);
        }

        public ulong ReadTransmitVector()
        {
            int end = Read16(0, Bank0.ETXNDL);
            byte[] v = ReadMemory((end + 1) & 0x1FFF, 7);
            ulong value = 0;
            for (int i = 0; i < 7; i++)
            {
                value |= (ulong)v[i] << (8 * i);
            }

            return value;
        }

        public byte PeekEir() => Model.PeekControlRegister(0, EIR);

        public byte PeekEcon1() => Model.PeekControlRegister(0, ECON1);
    }

    internal sealed class ReceivedFrame
    {
        public int Address;
        public int NextPointer;
        public uint Status;
        public byte[] Data;

        public int ByteCount => (int)(Status & 0xFFFF);

        public bool ReceivedOk => (Status & (1u << 23)) != 0;
    }

    internal static class Bank0
    {
        public const int ERDPTL = 0x00, EWRPTL = 0x02, ETXSTL = 0x04, ETXNDL = 0x06, ERXSTL = 0x08, ERXNDL = 0x0A;
        public const int ERXRDPTL = 0x0C, ERXWRPTL = 0x0E, EDMASTL = 0x10, EDMANDL = 0x12, EDMADSTL = 0x14, EDMACSL = 0x16, EDMACSH = 0x17;
    }

    internal static class Bank1
    {
        public const int EHT0 = 0x00, EPMM0 = 0x08, EPMCSL = 0x10, EPMCSH = 0x11, EPMOL = 0x14, EPMOH = 0x15, ERXFCON = 0x18, EPKTCNT = 0x19;
    }

    internal static class Bank2
    {
        public const int MACON1 = 0x00, MACON3 = 0x02, MACON4 = 0x03, MAMXFLL = 0x0A, MAMXFLH = 0x0B;
        public const int MICMD = 0x12, MIREGADR = 0x14, MIWRL = 0x16, MIWRH = 0x17, MIRDL = 0x18, MIRDH = 0x19;
    }

    internal static class Bank3
    {
        public const int MISTAT = 0x0A, EREVID = 0x12;
    }
}
