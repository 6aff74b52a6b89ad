namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>Control register addresses, spelled as DS39662 Table 3-1/3-2 spells them.</summary>
internal static class Reg
{
    // In every bank (DS39662 3.1).
    public const int EIE = 0x1B, EIR = 0x1C, ESTAT = 0x1D, ECON2 = 0x1E, ECON1 = 0x1F;

    // Bank 0.
    public const int ERDPTL = 0x00, ERDPTH = 0x01, EWRPTL = 0x02, EWRPTH = 0x03;
    public const int ETXSTL = 0x04, ETXSTH = 0x05, ETXNDL = 0x06, ETXNDH = 0x07;
    public const int ERXSTL = 0x08, ERXSTH = 0x09, ERXNDL = 0x0A, ERXNDH = 0x0B;
    public const int ERXRDPTL = 0x0C, ERXRDPTH = 0x0D, ERXWRPTL = 0x0E, ERXWRPTH = 0x0F;
    public const int EDMASTL = 0x10, EDMASTH = 0x11, EDMANDL = 0x12, EDMANDH = 0x13;
    public const int EDMADSTL = 0x14, EDMADSTH = 0x15, EDMACSL = 0x16, EDMACSH = 0x17;

    // Bank 1.
    public const int EHT0 = 0x00, EPMM0 = 0x08, EPMCSL = 0x10, EPMCSH = 0x11, EPMOL = 0x14, EPMOH = 0x15;
    public const int ERXFCON = 0x18, EPKTCNT = 0x19;

    // Bank 2 (MAC and MII registers).
    public const int MACON1 = 0x00, MACON3 = 0x02, MACON4 = 0x03, MABBIPG = 0x04, MAIPGL = 0x06, MAIPGH = 0x07;
    public const int MACLCON1 = 0x08, MACLCON2 = 0x09, MAMXFLL = 0x0A, MAMXFLH = 0x0B;
    public const int MICMD = 0x12, MIREGADR = 0x14, MIWRL = 0x16, MIWRH = 0x17, MIRDL = 0x18, MIRDH = 0x19;

    // Bank 3. MAADR1 is the first address byte on the wire (datasheet names; Linux calls 0x04 MAADR5).
    public const int MAADR5 = 0x00, MAADR6 = 0x01, MAADR3 = 0x02, MAADR4 = 0x03, MAADR1 = 0x04, MAADR2 = 0x05;
    public const int EBSTSD = 0x06, EBSTCON = 0x07, EBSTCSL = 0x08, EBSTCSH = 0x09, MISTAT = 0x0A;
    public const int EREVID = 0x12, ECOCON = 0x15, EFLOCON = 0x17, EPAUSL = 0x18, EPAUSH = 0x19;

    /// <summary>Bank-3 addresses of MAC address bytes 1..6 in wire order.</summary>
    public static readonly int[] MaadrWireOrder = { MAADR1, MAADR2, MAADR3, MAADR4, MAADR5, MAADR6 };
}

/// <summary>Register bits (DS39662 registers 3-1, 3-2, 6-1..6-4, 8-1, 12-1..12-3).</summary>
internal static class Bits
{
    // ECON1
    public const byte TXRST = 0x80, RXRST = 0x40, DMAST = 0x20, CSUMEN = 0x10, TXRTS = 0x08, RXEN = 0x04, BSEL = 0x03;

    // ECON2
    public const byte AUTOINC = 0x80, PKTDEC = 0x40, PWRSV = 0x20, VRPS = 0x08;

    // ESTAT
    public const byte INT = 0x80, BUFER = 0x40, LATECOL = 0x10, RXBUSY = 0x04, TXABRT = 0x02, CLKRDY = 0x01;

    // EIE / EIR
    public const byte INTIE = 0x80, PKTIF = 0x40, DMAIF = 0x20, LINKIF = 0x10, TXIF = 0x08, TXERIF = 0x02, RXERIF = 0x01;
    public const byte EirImplemented = 0x7B;

    // ERXFCON
    public const byte UCEN = 0x80, ANDOR = 0x40, CRCEN = 0x20, PMEN = 0x10, MPEN = 0x08, HTEN = 0x04, MCEN = 0x02, BCEN = 0x01;

    // MACON1
    public const byte TXPAUS = 0x08, RXPAUS = 0x04, PASSALL = 0x02, MARXEN = 0x01;

    // MACON3
    public const byte PADCFG = 0xE0, TXCRCEN = 0x10, PHDREN = 0x08, HFRMEN = 0x04, FRMLNEN = 0x02, FULDPX = 0x01;

    // MICMD / MISTAT
    public const byte MIISCAN = 0x02, MIIRD = 0x01;
    public const byte NVALID = 0x04, SCAN = 0x02, BUSY = 0x01;

    // EFLOCON
    public const byte FULDPXS = 0x04;

    // Per-packet transmit control byte (DS39662 Figure 7-1).
    public const byte PHUGEEN = 0x08, PPADEN = 0x04, PCRCEN = 0x02, POVERRIDE = 0x01;
}

/// <summary>PHY registers (DS39662 Table 3-3) and their bits.</summary>
internal static class Phy
{
    public const int PHCON1 = 0x00, PHSTAT1 = 0x01, PHID1 = 0x02, PHID2 = 0x03;
    public const int PHCON2 = 0x10, PHSTAT2 = 0x11, PHIE = 0x12, PHIR = 0x13, PHLCON = 0x14;

    public const ushort PRST = 0x8000, PLOOPBK = 0x4000, PPWRSV = 0x0800, PDPXMD = 0x0100;
    public const ushort PFDPX = 0x1000, PHDPX = 0x0800, LLSTAT = 0x0004, JBSTAT = 0x0002;
    public const ushort FRCLNK = 0x4000, TXDIS = 0x2000, JABBER = 0x0400, HDLDIS = 0x0100;
    public const ushort TXSTAT = 0x2000, RXSTAT = 0x1000, COLSTAT = 0x0800, LSTAT = 0x0400, DPXSTAT = 0x0200, PLRITY = 0x0020;
    public const ushort PLNKIE = 0x0010, PGEIE = 0x0002;
    public const ushort PLNKIF = 0x0010, PGIF = 0x0004;

    public const ushort Phid1Value = 0x0083;
    public const ushort Phid2Value = 0x1400;
    public const ushort PhlconReset = 0x3422;
}

/// <summary>Receive status vector bits (DS39662 Table 7-3), as a 32-bit little-endian value.</summary>
internal static class Rsv
{
    public const uint LongOrDropEvent = 1u << 16;
    public const uint CarrierEvent = 1u << 18;
    public const uint CrcError = 1u << 20;
    public const uint LengthCheckError = 1u << 21;
    public const uint LengthOutOfRange = 1u << 22;
    public const uint ReceivedOk = 1u << 23;
    public const uint Multicast = 1u << 24;
    public const uint Broadcast = 1u << 25;
    public const uint DribbleNibble = 1u << 26;
    public const uint ControlFrame = 1u << 27;
    public const uint PauseFrame = 1u << 28;
    public const uint UnknownOpcode = 1u << 29;
    public const uint Vlan = 1u << 30;
}

/// <summary>Transmit status vector bits (DS39662 Table 7-1), as a 56-bit little-endian value.</summary>
internal static class Tsv
{
    public const ulong CrcError = 1ul << 20;
    public const ulong LengthCheckError = 1ul << 21;
    public const ulong LengthOutOfRange = 1ul << 22;
    public const ulong Done = 1ul << 23;
    public const ulong Multicast = 1ul << 24;
    public const ulong Broadcast = 1ul << 25;
    public const ulong PacketDefer = 1ul << 26;
    public const ulong ExcessiveDefer = 1ul << 27;
    public const ulong ExcessiveCollision = 1ul << 28;
    public const ulong LateCollision = 1ul << 29;
    public const ulong Giant = 1ul << 30;
    public const ulong Underrun = 1ul << 31;
    public const int TotalBytesShift = 32;
    public const ulong ControlFrame = 1ul << 48;
    public const ulong PauseFrame = 1ul << 49;
    public const ulong BackPressure = 1ul << 50;
    public const ulong Vlan = 1ul << 51;
}
