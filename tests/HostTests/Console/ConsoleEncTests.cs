using nanoFramework.TestFramework;
using NanoIP.App.Console;
using NanoIP.Drivers.Enc28j60;
using NanoIP.HostTests.EncDriver;
using NanoIP.Network;

namespace NanoIP.HostTests.ConsoleTests
{
    /// <summary>"enc", "ifconfig" and "mem" over the real driver on the ENC28J60 model.</summary>
    [TestClass]
    public class ConsoleEncTests
    {
        private static (DriverRig rig, NetStack stack, ScriptPort port, ConsoleShell shell) Build(Action<Enc28j60Options> driver = null)
        {
            var rig = new DriverRig(driver: driver);
            var stack = new NetStack(new NetConfig(), rig.Driver);
            stack.Configure(IPv4.FromBytes(192, 168, 7, 2), 24, 0);
            // Let the gratuitous ARP announcements go out.
            for (int t = 0; t < 3000; t += 10)
            {
                rig.Clock.AdvanceMs(10);
                stack.Poll(rig.NowMs);
            }

            var port = new ScriptPort();
            var shell = new ConsoleShell(port, stack);
            shell.Poll(rig.NowMs);
            port.Take();
            return (rig, stack, port, shell);
        }

        private static string[] Run(ConsoleShell shell, ScriptPort port, string line, long nowMs)
        {
            shell.Execute(line, nowMs);
            string s = port.Take();
            Assert.IsTrue(s.EndsWith(ConsoleShell.Prompt, StringComparison.Ordinal), s);
            return s.Substring(0, s.Length - ConsoleShell.Prompt.Length).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        }

        private static string Cell(string[] lines, string name)
        {
            foreach (string line in lines)
            {
                int i = line.IndexOf(" " + name + " ", StringComparison.Ordinal);
                if (i >= 0)
                {
                    string rest = line.Substring(i + name.Length + 2).TrimStart();
                    int end = rest.IndexOf(' ');
                    return end < 0 ? rest : rest.Substring(0, end);
                }
            }

            return null;
        }

        [TestMethod]
        public void ConsoleEncShowsRevisionDuplexErrataSpiCountersAndRegisters()
        {
            var (rig, stack, port, shell) = Build();
            using (rig)
            {
                // One frame for us of an EtherType the stack does not know: counted by the driver and the stack.
                byte[] frame = Frames.Make(100, 1);
                Assert.IsTrue(rig.Deliver(frame));
                stack.Poll(rig.NowMs);
                Enc28j60Driver enc = rig.Driver;
                long transactions = enc.SpiTransactions;
                long bytes = enc.SpiBytes;
                string[] lines = Run(shell, port, "enc", rig.NowMs);

                Assert.AreEqual("ENC28J60 rev 0x06 (B7), full duplex, link up, running", lines[0]);
                Assert.AreEqual("last init: " + enc.LastError, lines[1]);
                Assert.AreEqual("SPI: " + transactions + " transactions, " + bytes + " bytes", lines[2]);
                Assert.AreEqual("errata workarounds: #2 reset delay, #5 ring at 0x0000, #6 EPKTCNT not PKTIF, #12 TXRST after errors, "
                    + "#13 late-collision retry, #14 odd ERXRDPT, #15 late collision from TSV, #19 leave power save before reset", lines[3]);
                Assert.AreEqual("counters:", lines[4]);
                Assert.IsTrue(enc.SpiTransactions > transactions, "the dump reads the chip live");

                Enc28j60Counters c = enc.Counters;
                Assert.AreEqual(1L, c.RxFrames);
                Assert.AreEqual((long)stack.ArpCounters.GratuitousOut, c.TxFrames);
                Assert.AreEqual(c.RxFrames.ToString(), Cell(lines, "RxFrames"));
                Assert.AreEqual(c.RxBytes.ToString(), Cell(lines, "RxBytes"));
                Assert.AreEqual(c.TxFrames.ToString(), Cell(lines, "TxFrames"));
                Assert.AreEqual(c.TxBytes.ToString(), Cell(lines, "TxBytes"));
                Assert.AreEqual("0", Cell(lines, "Resets"));
                Assert.AreEqual(c.Interrupts.ToString(), Cell(lines, "Interrupts"));

                int registers = Array.IndexOf(lines, "registers:");
                int phy = Array.IndexOf(lines, "PHY registers:");
                Assert.IsTrue(registers > 4 && phy > registers, "sections");
                foreach (string line in lines) Assert.IsFalse(line.EndsWith(' '), "trailing spaces: " + line);
                Assert.AreEqual("0x06", Cell(lines, "EREVID"));
                // MAADR5 holds the first byte of the MAC on the wire, MAADR0 the last.
                Assert.AreEqual(Hex(DriverRig.Mac[0], 2), Cell(lines, "MAADR5"));
                Assert.AreEqual(Hex(DriverRig.Mac[5], 2), Cell(lines, "MAADR0"));
                Assert.AreEqual(Hex(rig.Peek(Enc28j60Registers.MAADR3), 2), Cell(lines, "MAADR3"));
                Assert.AreEqual(Hex(rig.Peek(Enc28j60Registers.ECON1), 2), Cell(lines, "ECON1"));
                Assert.AreEqual(Hex(rig.Peek(Enc28j60Registers.ERXFCON), 2), Cell(lines, "ERXFCON"));
                Assert.AreEqual(Hex(rig.Peek(Enc28j60Registers.MACON3), 2), Cell(lines, "MACON3"));
                Assert.AreEqual(Hex(rig.Model.PeekPhyRegister(Enc28j60Registers.PHID1), 4), Cell(lines, "PHID1"));
                Assert.IsTrue(lines[phy + 1].StartsWith("  PHCON1   0x", StringComparison.Ordinal), lines[phy + 1]);
                Assert.AreEqual(Hex(rig.Model.PeekPhyRegister(Enc28j60Registers.PHCON1), 4), Cell(lines, "PHCON1"));
                Assert.AreEqual("0x0083", Cell(lines, "PHID1"));
            }
        }

        [TestMethod]
        public void ConsoleEncListsOnlyTheWorkaroundsInForce()
        {
            var (rig, stack, port, shell) = Build(o => o.Workarounds = Enc28j60Workarounds.ResetDelay | Enc28j60Workarounds.RxStartAtZero
                | Enc28j60Workarounds.PacketCountNotPktif | Enc28j60Workarounds.OddErxrdpt);
            using (rig)
            {
                string[] lines = Run(shell, port, "enc", rig.NowMs);
                Assert.AreEqual("errata workarounds: #2 reset delay, #5 ring at 0x0000, #6 EPKTCNT not PKTIF, #14 odd ERXRDPT", lines[3]);
            }
        }

        [TestMethod]
        public void ConsoleIfconfigAndMemIncludeTheDriver()
        {
            var (rig, stack, port, shell) = Build();
            using (rig)
            {
                // A frame for another MAC is refused by the chip's filter; a frame of ours reaches the stack.
                Assert.IsTrue(rig.Deliver(Frames.Make(80, 2)));
                stack.Poll(rig.NowMs);
                string[] lines = Run(shell, port, "ifconfig", rig.NowMs);
                EthernetCounters e = stack.EthernetCounters;
                Assert.AreEqual("        ether 02:4e:49:50:00:01  link up  (Ethernet)", lines[3]);
                Assert.AreEqual("        RX packets " + e.FramesIn + "  bytes " + e.BytesIn + " (" + TextFormat.HumanBytes(e.BytesIn) + ")", lines[4]);
                Assert.AreEqual(rig.Driver.Counters.RxFrames, e.FramesIn);
                Assert.AreEqual("        TX packets " + e.FramesOut + "  bytes " + e.BytesOut + " (" + TextFormat.HumanBytes(e.BytesOut) + ")", lines[6]);
                Assert.AreEqual(rig.Driver.Counters.TxFrames, e.FramesOut);

                lines = Run(shell, port, "mem", rig.NowMs);
                string driverRow = Array.Find(lines, l => l.StartsWith("  driver ", StringComparison.Ordinal));
                Assert.IsNotNull(driverRow);
                Assert.IsTrue(driverRow.Contains(" " + rig.Driver.FootprintBytes + "  (ENC28J60 SPI staging)"), driverRow);
                // Two staging buffers of at least a full frame each.
                Assert.IsTrue(rig.Driver.FootprintBytes >= 2 * Enc28j60Driver.MaxEthernetFrame);
            }
        }

        private static string Hex(int value, int digits) => "0x" + value.ToString("x" + digits);
    }
}
