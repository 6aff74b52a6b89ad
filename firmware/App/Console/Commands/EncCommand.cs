using NanoIP.Drivers.Enc28j60;

namespace NanoIP.App.Console.Commands
{
    /// <summary>enc: the ENC28J60 driver's view: revision, duplex, errata workarounds, SPI use, counters, registers.</summary>
    public sealed class EncCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "enc"; }
        }

        public string Summary
        {
            get { return "ENC28J60: revision, duplex, errata workarounds, SPI use, counters, registers"; }
        }

        public string Usage
        {
            get { return "enc"; }
        }

        public string Help
        {
            get
            {
                return "  Registers are read live over SPI (PHIR is left out: reading it clears the link flag).\r\n"
                    + "  Errata numbers are those of Microchip DS80349 (rev. B7).";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 1)
            {
                return ctx.Fail(this, "unexpected argument '" + args[1] + "'");
            }

            Enc28j60Driver enc = ctx.Device as Enc28j60Driver;
            if (enc == null)
            {
                return ctx.Error(this, "the Ethernet controller is not an ENC28J60");
            }

            ctx.Write("ENC28J60 rev " + TextFormat.Hex(enc.Revision, 2) + " (" + RevisionName(enc.Revision) + "), "
                + (enc.FullDuplex ? "full" : "half") + " duplex, link " + (enc.IsLinkUp ? "up" : "down")
                + ", " + (enc.IsRunning ? "running" : "not running") + "\r\n"
                + "last init: " + enc.LastError + "\r\n"
                + "SPI: " + enc.SpiTransactions.ToString() + " transactions, " + enc.SpiBytes.ToString() + " bytes\r\n"
                + "errata workarounds:" + WorkaroundNames(enc.Workarounds) + "\r\n");
            DumpText sink = new DumpText();
            sink.Begin("counters:");
            enc.Counters.Report(sink);
            ctx.Write(sink.End());
            sink.Begin("registers:");
            enc.DumpRegisterValues(sink);
            ctx.Write(sink.End());
            return null;
        }

        /// <summary>Silicon revision of an EREVID value (errata sheet DS80349).</summary>
        public static string RevisionName(int erevid)
        {
            switch (erevid)
            {
                case 0x02: return "B1";
                case 0x04: return "B4";
                case 0x05: return "B5";
                case 0x06: return "B7";
                default: return "unknown";
            }
        }

        /// <summary>" #2 reset delay, #5 ..." for the workarounds set; " none" when none.</summary>
        public static string WorkaroundNames(Enc28j60Workarounds w)
        {
            string s = string.Empty;
            s = Add(s, w, Enc28j60Workarounds.ResetDelay, "#2 reset delay");
            s = Add(s, w, Enc28j60Workarounds.RxStartAtZero, "#5 ring at 0x0000");
            s = Add(s, w, Enc28j60Workarounds.PacketCountNotPktif, "#6 EPKTCNT not PKTIF");
            s = Add(s, w, Enc28j60Workarounds.TxResetAfterError, "#12 TXRST after errors");
            s = Add(s, w, Enc28j60Workarounds.LateCollisionRetry, "#13 late-collision retry");
            s = Add(s, w, Enc28j60Workarounds.OddErxrdpt, "#14 odd ERXRDPT");
            s = Add(s, w, Enc28j60Workarounds.LateCollisionFromVector, "#15 late collision from TSV");
            s = Add(s, w, Enc28j60Workarounds.LeavePowerSaveBeforeReset, "#19 leave power save before reset");
            return s.Length == 0 ? " none" : s;
        }

        private static string Add(string s, Enc28j60Workarounds set, Enc28j60Workarounds one, string name)
        {
            if ((set & one) == 0)
            {
                return s;
            }

            return s + (s.Length == 0 ? " " : ", ") + name;
        }
    }
}
