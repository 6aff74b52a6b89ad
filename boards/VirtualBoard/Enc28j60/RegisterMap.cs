namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// One control register: reset value, which bits the host may write, which it may only clear (R/C),
/// and whether it sits behind the MAC/MII interface (RCR answers after a dummy byte; BFS/BFC do nothing).
/// </summary>
internal readonly record struct RegisterSpec(string Name, bool Implemented, bool MacMii, byte Reset, byte Writable, byte ClearOnly);

/// <summary>
/// The control register file of DS39662 Table 3-2: 4 banks × 32 addresses, 0x1B–0x1F shared by every bank.
/// Addresses the table marks "—" or reserved are unimplemented here: they read 0 and ignore writes.
/// </summary>
internal static class RegisterMap
{
    private static readonly RegisterSpec[] s_specs = Build();

    public static RegisterSpec Get(int bank, int address) => s_specs[((bank & 3) << 5) | (address & 0x1F)];

    private static RegisterSpec[] Build()
    {
        var t = new RegisterSpec[128];
        for (int bank = 0; bank < 4; bank++)
        {
            for (int a = 0; a < 32; a++)
            {
                // Everything in bank 2 and the MAADR/MISTAT block of bank 3 answers through the MAC/MII path.
                bool macMii = bank == 2 ? a < 0x1B : bank == 3 && (a <= 0x05 || a == Reg.MISTAT);
                t[(bank << 5) | a] = new RegisterSpec("-", false, macMii, 0, 0, 0);
            }

            // ESTAT CLKRDY/INT are computed when read; the stored reset value holds only the R/C bits.
            Eth(t, bank, Reg.EIE, "EIE", 0x00, 0xFB);
            Eth(t, bank, Reg.EIR, "EIR", 0x00, 0x00, Bits.DMAIF | Bits.TXIF | Bits.TXERIF | Bits.RXERIF);
            Eth(t, bank, Reg.ESTAT, "ESTAT", 0x00, 0x00, Bits.BUFER | Bits.LATECOL | Bits.TXABRT);
            Eth(t, bank, Reg.ECON2, "ECON2", 0x80, Bits.AUTOINC | Bits.PKTDEC | Bits.PWRSV | Bits.VRPS);
            Eth(t, bank, Reg.ECON1, "ECON1", 0x00, 0xFF);
        }

        Pointer(t, 0, Reg.ERDPTL, "ERDPT", 0x05FA);
        Pointer(t, 0, Reg.EWRPTL, "EWRPT", 0x0000);
        Pointer(t, 0, Reg.ETXSTL, "ETXST", 0x0000);
        Pointer(t, 0, Reg.ETXNDL, "ETXND", 0x0000);
        Pointer(t, 0, Reg.ERXSTL, "ERXST", 0x05FA);
        Pointer(t, 0, Reg.ERXNDL, "ERXND", 0x1FFF);
        Pointer(t, 0, Reg.ERXRDPTL, "ERXRDPT", 0x05FA);
        Eth(t, 0, Reg.ERXWRPTL, "ERXWRPTL", 0x00, 0x00); // read-only, hardware-owned
        Eth(t, 0, Reg.ERXWRPTH, "ERXWRPTH", 0x00, 0x00);
        Pointer(t, 0, Reg.EDMASTL, "EDMAST", 0x0000);
        Pointer(t, 0, Reg.EDMANDL, "EDMAND", 0x0000);
        Pointer(t, 0, Reg.EDMADSTL, "EDMADST", 0x0000);
        Eth(t, 0, Reg.EDMACSL, "EDMACSL", 0x00, 0xFF);
        Eth(t, 0, Reg.EDMACSH, "EDMACSH", 0x00, 0xFF);

        for (int i = 0; i < 8; i++)
        {
            Eth(t, 1, Reg.EHT0 + i, "EHT" + i, 0x00, 0xFF);
            Eth(t, 1, Reg.EPMM0 + i, "EPMM" + i, 0x00, 0xFF);
        }

        Eth(t, 1, Reg.EPMCSL, "EPMCSL", 0x00, 0xFF);
        Eth(t, 1, Reg.EPMCSH, "EPMCSH", 0x00, 0xFF);
        Eth(t, 1, Reg.EPMOL, "EPMOL", 0x00, 0xFF);
        Eth(t, 1, Reg.EPMOH, "EPMOH", 0x00, 0x1F);
        Eth(t, 1, Reg.ERXFCON, "ERXFCON", 0xA1, 0xFF);
        Eth(t, 1, Reg.EPKTCNT, "EPKTCNT", 0x00, 0x00); // counted by hardware, decremented through ECON2.PKTDEC

        Mac(t, 2, Reg.MACON1, "MACON1", 0x00, 0x1F);
        Mac(t, 2, Reg.MACON3, "MACON3", 0x00, 0xFF);
        Mac(t, 2, Reg.MACON4, "MACON4", 0x00, 0x73);
        Mac(t, 2, Reg.MABBIPG, "MABBIPG", 0x00, 0x7F);
        Mac(t, 2, Reg.MAIPGL, "MAIPGL", 0x00, 0x7F);
        Mac(t, 2, Reg.MAIPGH, "MAIPGH", 0x00, 0x7F);
        Mac(t, 2, Reg.MACLCON1, "MACLCON1", 0x0F, 0x0F);
        Mac(t, 2, Reg.MACLCON2, "MACLCON2", 0x37, 0x3F);
        Mac(t, 2, Reg.MAMXFLL, "MAMXFLL", 0x00, 0xFF);
        Mac(t, 2, Reg.MAMXFLH, "MAMXFLH", 0x06, 0xFF);
        Mac(t, 2, Reg.MICMD, "MICMD", 0x00, 0x03);
        Mac(t, 2, Reg.MIREGADR, "MIREGADR", 0x00, 0x1F);
        Mac(t, 2, Reg.MIWRL, "MIWRL", 0x00, 0xFF);
        Mac(t, 2, Reg.MIWRH, "MIWRH", 0x00, 0xFF);
        Mac(t, 2, Reg.MIRDL, "MIRDL", 0x00, 0x00);
        Mac(t, 2, Reg.MIRDH, "MIRDH", 0x00, 0x00);

        Mac(t, 3, Reg.MAADR5, "MAADR5", 0x00, 0xFF);
        Mac(t, 3, Reg.MAADR6, "MAADR6", 0x00, 0xFF);
        Mac(t, 3, Reg.MAADR3, "MAADR3", 0x00, 0xFF);
        Mac(t, 3, Reg.MAADR4, "MAADR4", 0x00, 0xFF);
        Mac(t, 3, Reg.MAADR1, "MAADR1", 0x00, 0xFF);
        Mac(t, 3, Reg.MAADR2, "MAADR2", 0x00, 0xFF);
        Eth(t, 3, Reg.EBSTSD, "EBSTSD", 0x00, 0xFF);
        Eth(t, 3, Reg.EBSTCON, "EBSTCON", 0x00, 0xFF);
        Eth(t, 3, Reg.EBSTCSL, "EBSTCSL", 0x00, 0x00);
        Eth(t, 3, Reg.EBSTCSH, "EBSTCSH", 0x00, 0x00);
        Mac(t, 3, Reg.MISTAT, "MISTAT", 0x00, 0x00);
        Eth(t, 3, Reg.EREVID, "EREVID", 0x00, 0x00); // value comes from the options
        Eth(t, 3, Reg.ECOCON, "ECOCON", 0x04, 0x07);
        Eth(t, 3, Reg.EFLOCON, "EFLOCON", 0x00, 0x03); // FULDPXS (bit 2) mirrors MACON3.FULDPX
        Eth(t, 3, Reg.EPAUSL, "EPAUSL", 0x00, 0xFF);
        Eth(t, 3, Reg.EPAUSH, "EPAUSH", 0x10, 0xFF);
        return t;
    }

    private static void Eth(RegisterSpec[] t, int bank, int a, string name, byte reset, byte writable, byte clearOnly = 0)
    {
        t[(bank << 5) | a] = new RegisterSpec(name, true, t[(bank << 5) | a].MacMii, reset, writable, clearOnly);
    }

    private static void Mac(RegisterSpec[] t, int bank, int a, string name, byte reset, byte writable)
    {
        t[(bank << 5) | a] = new RegisterSpec(name, true, true, reset, writable, 0);
    }

    // 16-bit buffer pointers: low byte then high byte, 13 bits significant.
    private static void Pointer(RegisterSpec[] t, int bank, int low, string name, int reset)
    {
        Eth(t, bank, low, name + "L", (byte)reset, 0xFF);
        Eth(t, bank, low + 1, name + "H", (byte)(reset >> 8), 0x1F);
    }
}
