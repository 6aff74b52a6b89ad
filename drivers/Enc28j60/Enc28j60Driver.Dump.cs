namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>Register dump for the console ("enc" command): reads live values, allocates nothing.</summary>
    public sealed partial class Enc28j60Driver
    {
        private static readonly string[] DumpNames = new string[]
        {
            "EIE", "EIR", "ESTAT", "ECON2", "ECON1",
            "ERDPTL", "ERDPTH", "EWRPTL", "EWRPTH", "ETXSTL", "ETXSTH", "ETXNDL", "ETXNDH",
            "ERXSTL", "ERXSTH", "ERXNDL", "ERXNDH", "ERXRDPTL", "ERXRDPTH", "ERXWRPTL", "ERXWRPTH",
            "ERXFCON", "EPKTCNT",
            "MACON1", "MACON3", "MACON4", "MABBIPG", "MAIPGL", "MAIPGH", "MAMXFLL", "MAMXFLH",
            "MAADR5", "MAADR4", "MAADR3", "MAADR2", "MAADR1", "MAADR0", "MISTAT", "EREVID",
        };

        private static readonly int[] DumpRegisters = new int[]
        {
            Enc28j60Registers.EIE, Enc28j60Registers.EIR, Enc28j60Registers.ESTAT, Enc28j60Registers.ECON2, Enc28j60Registers.ECON1,
            Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, Enc28j60Registers.EWRPTL, Enc28j60Registers.EWRPTH,
            Enc28j60Registers.ETXSTL, Enc28j60Registers.ETXSTH, Enc28j60Registers.ETXNDL, Enc28j60Registers.ETXNDH,
            Enc28j60Registers.ERXSTL, Enc28j60Registers.ERXSTH, Enc28j60Registers.ERXNDL, Enc28j60Registers.ERXNDH,
            Enc28j60Registers.ERXRDPTL, Enc28j60Registers.ERXRDPTH, Enc28j60Registers.ERXWRPTL, Enc28j60Registers.ERXWRPTH,
            Enc28j60Registers.ERXFCON, Enc28j60Registers.EPKTCNT,
            Enc28j60Registers.MACON1, Enc28j60Registers.MACON3, Enc28j60Registers.MACON4, Enc28j60Registers.MABBIPG,
            Enc28j60Registers.MAIPGL, Enc28j60Registers.MAIPGH, Enc28j60Registers.MAMXFLL, Enc28j60Registers.MAMXFLH,
            Enc28j60Registers.MAADR5, Enc28j60Registers.MAADR4, Enc28j60Registers.MAADR3, Enc28j60Registers.MAADR2,
            Enc28j60Registers.MAADR1, Enc28j60Registers.MAADR0, Enc28j60Registers.MISTAT, Enc28j60Registers.EREVID,
        };

        // PHIR is left out on purpose: reading it clears the link-change flag Poll relies on.
        private static readonly string[] DumpPhyNames = new string[] { "PHCON1", "PHSTAT1", "PHID1", "PHID2", "PHCON2", "PHSTAT2", "PHIE", "PHLCON" };

        private static readonly int[] DumpPhyRegisters = new int[]
        {
            Enc28j60Registers.PHCON1, Enc28j60Registers.PHSTAT1, Enc28j60Registers.PHID1, Enc28j60Registers.PHID2,
            Enc28j60Registers.PHCON2, Enc28j60Registers.PHSTAT2, Enc28j60Registers.PHIE, Enc28j60Registers.PHLCON,
        };

        /// <summary>The errata workarounds in force (Enc28j60Options.Workarounds), for the console's "enc".</summary>
        public Enc28j60Workarounds Workarounds
        {
            get { return _workarounds; }
        }

        /// <summary>Array bytes the driver allocated at start-up: the SPI staging buffers, the MAC copy, the two transmit areas' bookkeeping and the bus's 3-byte command scratch.</summary>
        public int FootprintBytes
        {
            get { return _spiIn.Length + _spiOut.Length + _mac.Length + (_txArea.Length + _txLength.Length) * 4 + 2 * 3; }
        }

        /// <summary>
        /// Reads the control and PHY registers that matter and hands each to <paramref name="sink"/>.
        /// Call it from the network thread (it uses the bus like Poll does).
        /// </summary>
        public void DumpRegisterValues(IDumpSink sink)
        {
            for (int i = 0; i < DumpRegisters.Length; i++) sink.Register(DumpNames[i], _bus.Read(DumpRegisters[i]), 8);
            for (int i = 0; i < DumpPhyRegisters.Length; i++) sink.Register(DumpPhyNames[i], _bus.ReadPhy(DumpPhyRegisters[i]), 16);
            NotePhyTimeout();
            _bus.SelectBank(0);
        }
    }
}
