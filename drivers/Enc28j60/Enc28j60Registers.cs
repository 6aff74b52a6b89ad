namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// ENC28J60 registers and bits, named as the datasheet (DS39662) spells them.
    /// Control register constants encode the address in bits 0-4, the bank in bits 5-6, and
    /// bit 7 marks a MAC/MII register whose RCR returns a dummy byte first (datasheet 4.2.1).
    /// The five registers at 0x1B-0x1F exist in every bank.
    /// </summary>
    public static class Enc28j60Registers
    {
        // Encoding
        public const int AddressMask = 0x1F;
        public const int BankMask = 0x60;
        public const int BankShift = 5;
        public const int MacMii = 0x80;
        public const int Bank0 = 0x00;
        public const int Bank1 = 0x20;
        public const int Bank2 = 0x40;
        public const int Bank3 = 0x60;
        /// <summary>Addresses at or above this one are the same register in every bank.</summary>
        public const int FirstCommonAddress = 0x1B;

        // SPI instruction set (datasheet table 4-1)
        public const byte RCR = 0x00;
        public const byte RBM = 0x3A;
        public const byte WCR = 0x40;
        public const byte WBM = 0x7A;
        public const byte BFS = 0x80;
        public const byte BFC = 0xA0;
        public const byte SRC = 0xFF;

        // Common registers
        public const int EIE = 0x1B;
        public const int EIR = 0x1C;
        public const int ESTAT = 0x1D;
        public const int ECON2 = 0x1E;
        public const int ECON1 = 0x1F;

        // Bank 0
        public const int ERDPTL = Bank0 | 0x00;
        public const int ERDPTH = Bank0 | 0x01;
        public const int EWRPTL = Bank0 | 0x02;
        public const int EWRPTH = Bank0 | 0x03;
        public const int ETXSTL = Bank0 | 0x04;
        public const int ETXSTH = Bank0 | 0x05;
        public const int ETXNDL = Bank0 | 0x06;
        public const int ETXNDH = Bank0 | 0x07;
        public const int ERXSTL = Bank0 | 0x08;
        public const int ERXSTH = Bank0 | 0x09;
        public const int ERXNDL = Bank0 | 0x0A;
        public const int ERXNDH = Bank0 | 0x0B;
        public const int ERXRDPTL = Bank0 | 0x0C;
        public const int ERXRDPTH = Bank0 | 0x0D;
        public const int ERXWRPTL = Bank0 | 0x0E;
        public const int ERXWRPTH = Bank0 | 0x0F;
        public const int EDMASTL = Bank0 | 0x10;
        public const int EDMASTH = Bank0 | 0x11;
        public const int EDMANDL = Bank0 | 0x12;
        public const int EDMANDH = Bank0 | 0x13;
        public const int EDMADSTL = Bank0 | 0x14;
        public const int EDMADSTH = Bank0 | 0x15;
        public const int EDMACSL = Bank0 | 0x16;
        public const int EDMACSH = Bank0 | 0x17;

        // Bank 1
        public const int EHT0 = Bank1 | 0x00;
        public const int EHT1 = Bank1 | 0x01;
        public const int EHT2 = Bank1 | 0x02;
        public const int EHT3 = Bank1 | 0x03;
        public const int EHT4 = Bank1 | 0x04;
        public const int EHT5 = Bank1 | 0x05;
        public const int EHT6 = Bank1 | 0x06;
        public const int EHT7 = Bank1 | 0x07;
        public const int EPMM0 = Bank1 | 0x08;
        public const int EPMM1 = Bank1 | 0x09;
        public const int EPMM2 = Bank1 | 0x0A;
        public const int EPMM3 = Bank1 | 0x0B;
        public const int EPMM4 = Bank1 | 0x0C;
        public const int EPMM5 = Bank1 | 0x0D;
        public const int EPMM6 = Bank1 | 0x0E;
        public const int EPMM7 = Bank1 | 0x0F;
        public const int EPMCSL = Bank1 | 0x10;
        public const int EPMCSH = Bank1 | 0x11;
        public const int EPMOL = Bank1 | 0x14;
        public const int EPMOH = Bank1 | 0x15;
        public const int ERXFCON = Bank1 | 0x18;
        public const int EPKTCNT = Bank1 | 0x19;

        // Bank 2 (MAC and MII registers: dummy byte on read)
        public const int MACON1 = Bank2 | MacMii | 0x00;
        public const int MACON3 = Bank2 | MacMii | 0x02;
        public const int MACON4 = Bank2 | MacMii | 0x03;
        public const int MABBIPG = Bank2 | MacMii | 0x04;
        public const int MAIPGL = Bank2 | MacMii | 0x06;
        public const int MAIPGH = Bank2 | MacMii | 0x07;
        public const int MACLCON1 = Bank2 | MacMii | 0x08;
        public const int MACLCON2 = Bank2 | MacMii | 0x09;
        public const int MAMXFLL = Bank2 | MacMii | 0x0A;
        public const int MAMXFLH = Bank2 | MacMii | 0x0B;
        public const int MICMD = Bank2 | MacMii | 0x12;
        public const int MIREGADR = Bank2 | MacMii | 0x14;
        public const int MIWRL = Bank2 | MacMii | 0x16;
        public const int MIWRH = Bank2 | MacMii | 0x17;
        public const int MIRDL = Bank2 | MacMii | 0x18;
        public const int MIRDH = Bank2 | MacMii | 0x19;

        // Bank 3 (MAADR5 holds the first byte on the wire, MAADR0 the last)
        public const int MAADR1 = Bank3 | MacMii | 0x00;
        public const int MAADR0 = Bank3 | MacMii | 0x01;
        public const int MAADR3 = Bank3 | MacMii | 0x02;
        public const int MAADR2 = Bank3 | MacMii | 0x03;
        public const int MAADR5 = Bank3 | MacMii | 0x04;
        public const int MAADR4 = Bank3 | MacMii | 0x05;
        public const int EBSTSD = Bank3 | 0x06;
        public const int EBSTCON = Bank3 | 0x07;
        public const int EBSTCSL = Bank3 | 0x08;
        public const int EBSTCSH = Bank3 | 0x09;
        public const int MISTAT = Bank3 | MacMii | 0x0A;
        public const int EREVID = Bank3 | 0x12;
        public const int ECOCON = Bank3 | 0x15;
        public const int EFLOCON = Bank3 | 0x17;
        public const int EPAUSL = Bank3 | 0x18;
        public const int EPAUSH = Bank3 | 0x19;

        // EIE
        public const int EIE_INTIE = 0x80;
        public const int EIE_PKTIE = 0x40;
        public const int EIE_DMAIE = 0x20;
        public const int EIE_LINKIE = 0x10;
        public const int EIE_TXIE = 0x08;
        public const int EIE_TXERIE = 0x02;
        public const int EIE_RXERIE = 0x01;

        // EIR (bit 7 is unimplemented and reads 0; bit 2 is reserved, so not trusted either way)
        public const int EIR_PKTIF = 0x40;
        public const int EIR_DMAIF = 0x20;
        public const int EIR_LINKIF = 0x10;
        public const int EIR_TXIF = 0x08;
        public const int EIR_TXERIF = 0x02;
        public const int EIR_RXERIF = 0x01;
        public const int EIR_Unimplemented = 0x80;

        // ESTAT (bit 3 is unimplemented and reads 0)
        public const int ESTAT_INT = 0x80;
        public const int ESTAT_BUFER = 0x40;
        public const int ESTAT_LATECOL = 0x10;
        public const int ESTAT_RXBUSY = 0x04;
        public const int ESTAT_TXABRT = 0x02;
        public const int ESTAT_CLKRDY = 0x01;
        public const int ESTAT_Unimplemented = 0x08;

        // ECON2
        public const int ECON2_AUTOINC = 0x80;
        public const int ECON2_PKTDEC = 0x40;
        public const int ECON2_PWRSV = 0x20;
        public const int ECON2_VRPS = 0x08;

        // ECON1
        public const int ECON1_TXRST = 0x80;
        public const int ECON1_RXRST = 0x40;
        public const int ECON1_DMAST = 0x20;
        public const int ECON1_CSUMEN = 0x10;
        public const int ECON1_TXRTS = 0x08;
        public const int ECON1_RXEN = 0x04;
        public const int ECON1_BSEL1 = 0x02;
        public const int ECON1_BSEL0 = 0x01;

        // ERXFCON
        public const int ERXFCON_UCEN = 0x80;
        public const int ERXFCON_ANDOR = 0x40;
        public const int ERXFCON_CRCEN = 0x20;
        public const int ERXFCON_PMEN = 0x10;
        public const int ERXFCON_MPEN = 0x08;
        public const int ERXFCON_HTEN = 0x04;
        public const int ERXFCON_MCEN = 0x02;
        public const int ERXFCON_BCEN = 0x01;

        // MACON1
        public const int MACON1_TXPAUS = 0x08;
        public const int MACON1_RXPAUS = 0x04;
        public const int MACON1_PASSALL = 0x02;
        public const int MACON1_MARXEN = 0x01;

        // MACON3
        public const int MACON3_PADCFG2 = 0x80;
        public const int MACON3_PADCFG1 = 0x40;
        public const int MACON3_PADCFG0 = 0x20;
        public const int MACON3_TXCRCEN = 0x10;
        public const int MACON3_PHDREN = 0x08;
        public const int MACON3_HFRMEN = 0x04;
        public const int MACON3_FRMLNEN = 0x02;
        public const int MACON3_FULDPX = 0x01;

        // MACON4
        public const int MACON4_DEFER = 0x40;
        public const int MACON4_BPEN = 0x20;
        public const int MACON4_NOBKOFF = 0x10;

        // MICMD, MISTAT
        public const int MICMD_MIISCAN = 0x02;
        public const int MICMD_MIIRD = 0x01;
        public const int MISTAT_NVALID = 0x04;
        public const int MISTAT_SCAN = 0x02;
        public const int MISTAT_BUSY = 0x01;

        // PHY registers (through MII)
        public const int PHCON1 = 0x00;
        public const int PHSTAT1 = 0x01;
        public const int PHID1 = 0x02;
        public const int PHID2 = 0x03;
        public const int PHCON2 = 0x10;
        public const int PHSTAT2 = 0x11;
        public const int PHIE = 0x12;
        public const int PHIR = 0x13;
        public const int PHLCON = 0x14;

        public const int PHCON1_PRST = 0x8000;
        public const int PHCON1_PLOOPBK = 0x4000;
        public const int PHCON1_PPWRSV = 0x0800;
        public const int PHCON1_PDPXMD = 0x0100;
        public const int PHSTAT1_PFDPX = 0x1000;
        public const int PHSTAT1_PHDPX = 0x0800;
        public const int PHSTAT1_LLSTAT = 0x0004;
        public const int PHSTAT1_JBSTAT = 0x0002;
        public const int PHCON2_FRCLNK = 0x4000;
        public const int PHCON2_TXDIS = 0x2000;
        public const int PHCON2_JABBER = 0x0400;
        public const int PHCON2_HDLDIS = 0x0100;
        public const int PHSTAT2_TXSTAT = 0x2000;
        public const int PHSTAT2_RXSTAT = 0x1000;
        public const int PHSTAT2_COLSTAT = 0x0800;
        public const int PHSTAT2_LSTAT = 0x0400;
        public const int PHSTAT2_DPXSTAT = 0x0200;
        public const int PHSTAT2_PLRITY = 0x0020;
        public const int PHIE_PLNKIE = 0x0010;
        public const int PHIE_PGEIE = 0x0002;
        public const int PHIR_PLNKIF = 0x0010;
        public const int PHIR_PGIF = 0x0004;

        /// <summary>PHID1 of every ENC28J60 (Microchip OUI bits).</summary>
        public const int PHID1_Value = 0x0083;
        /// <summary>PHID2 without its low revision nibble.</summary>
        public const int PHID2_Value = 0x1400;
        public const int PHID2_Mask = 0xFFF0;

        // Per-packet control byte written before each transmitted frame (datasheet 7.1)
        public const int PCTRL_PHUGEEN = 0x08;
        public const int PCTRL_PPADEN = 0x04;
        public const int PCTRL_PCRCEN = 0x02;
        public const int PCTRL_POVERRIDE = 0x01;

        // Receive status vector (datasheet table 7-3), bits of the 32-bit little-endian value
        public const int RSV_ByteCountMask = 0xFFFF;
        public const int RSV_LongDropEvent = 1 << 16;
        public const int RSV_CarrierEvent = 1 << 18;
        public const int RSV_CrcError = 1 << 20;
        public const int RSV_LengthCheckError = 1 << 21;
        public const int RSV_LengthOutOfRange = 1 << 22;
        public const int RSV_ReceivedOk = 1 << 23;
        public const int RSV_Multicast = 1 << 24;
        public const int RSV_Broadcast = 1 << 25;

        // Transmit status vector (datasheet table 7-1): bits of bytes 0-3 as a 32-bit LE value
        public const int TSV_CollisionCountMask = 0x000F0000;
        public const int TSV_Done = 1 << 23;
        public const int TSV_ExcessiveDefer = 1 << 27;
        public const int TSV_ExcessiveCollision = 1 << 28;
        public const int TSV_LateCollision = 1 << 29;
        public const int TSV_Giant = 1 << 30;
        public const int TSV_Underrun = 1 << 31;

        /// <summary>Bank of an encoded control register (0-3).</summary>
        public static int BankOf(int register)
        {
            return (register & BankMask) >> BankShift;
        }

        /// <summary>True for EIE, EIR, ESTAT, ECON2, ECON1: reachable from every bank.</summary>
        public static bool IsCommon(int register)
        {
            return (register & AddressMask) >= FirstCommonAddress;
        }
    }
}
