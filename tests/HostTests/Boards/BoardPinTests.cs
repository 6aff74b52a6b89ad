using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using nanoFramework.TestFramework;
using NanoIP.Boards.Esp32;
using NanoIP.Boards.Esp32C3;
using NanoIP.Boards.Esp32DevKitC;
using NanoIP.Boards.Esp32S3;
using NanoIP.HostTests.SubsetGate;

namespace NanoIP.HostTests.Boards
{
    /// <summary>
    /// Each ESP32 board's pin map (read from the board class by reflection) fits its chip: no GPIO
    /// twice, no pin the chip lacks or the module uses, no output on an input-only pin, SPI on a bus
    /// the chip has, strapping pins explained in the README; and the README's wiring table says
    /// what the code does. The second half breaks pin maps on purpose so each check is seen to fail.
    /// </summary>
    [TestClass]
    public class BoardPinTests
    {
        private static readonly (string Folder, Type Board, Esp32Chip Chip)[] Boards =
        {
            ("Esp32DevKitC", typeof(DevKitCBoard), Esp32Chip.Esp32),
            ("Esp32S3", typeof(S3DevKitCBoard), Esp32Chip.Esp32S3),
            ("Esp32C3", typeof(C3DevKitMBoard), Esp32Chip.Esp32C3),
        };

        [TestMethod]
        public void EveryBoardApplicationIsChecked()
        {
            // A new board folder with an application project must be added to the table above.
            var apps = Directory.GetDirectories(Path.Combine(GateHarness.RepoRoot, "boards"), "Esp32*")
                .Where(d => Directory.GetFiles(d, "*.nfproj").Any(IsApplication))
                .Select(Path.GetFileName)
                .OrderBy(n => n, StringComparer.Ordinal);
            string expected = string.Join(", ", Boards.Select(b => b.Folder).OrderBy(n => n, StringComparer.Ordinal));
            Assert.AreEqual(expected, string.Join(", ", apps));
        }

        [TestMethod]
        [DataRow("Esp32DevKitC")]
        [DataRow("Esp32S3")]
        [DataRow("Esp32C3")]
        public void PinMapFitsTheChip(string folder)
        {
            var board = Boards.Single(b => b.Folder == folder);
            Esp32PinMap map = PinMapOf(board.Board);
            Assert.AreEqual((int)board.Chip, (int)map.Chip, "chip of " + folder);
            var problems = PinMapCheck.Check(map, Readme(folder));
            Assert.AreEqual(0, problems.Count, string.Join("\n", problems));
        }

        [TestMethod]
        [DataRow("Esp32DevKitC")]
        [DataRow("Esp32S3")]
        [DataRow("Esp32C3")]
        public void ReadmeWiringTableMatchesThePinMap(string folder)
        {
            Esp32PinMap map = PinMapOf(Boards.Single(b => b.Folder == folder).Board);
            string readme = Readme(folder);
            var rows = new List<(string Label, int Gpio)>
            {
                ("SCK", map.Sck), ("SO", map.Miso), ("SI", map.Mosi), ("CS", map.Cs), ("INT", map.Int),
                // the adapter's RX takes the ESP32's TX
                ("RX", map.ConsoleTx), ("TX", map.ConsoleRx),
            };
            if (map.Reset != Esp32PinMap.NotConnected)
            {
                rows.Add(("RESET", map.Reset));
            }

            foreach (var (label, gpio) in rows)
            {
                var row = new Regex(@"^\|\s*" + label + @"\b[^|]*\|\s*GPIO" + gpio + @"\b", RegexOptions.Multiline);
                Assert.IsTrue(row.IsMatch(readme), $"boards/{folder}/README.md has no table row '| {label} | GPIO{gpio} ...'");
            }
        }

        [TestMethod]
        public void MacAddressesAreLocallyAdministeredUnicastAndDistinct()
        {
            var macs = Boards.Select(b => (byte[])b.Board.GetField("MacAddress", BindingFlags.Public | BindingFlags.Static).GetValue(null)).ToList();
            foreach (byte[] mac in macs)
            {
                Assert.AreEqual(6, mac.Length);
                Assert.AreEqual(0x02, mac[0] & 0x03, "I/G bit 0 (unicast), U/L bit 1 (locally administered): " + Convert.ToHexString(mac));
            }

            Assert.AreEqual(macs.Count, macs.Select(Convert.ToHexString).Distinct().Count());
        }

        // ---- the checks can fail ----

        [TestMethod]
        public void PinUsedTwiceIsReported()
        {
            Esp32PinMap map = Copy(DevKitCBoard.PinMap);
            map.Int = map.Cs;
            Expect(map, Readme("Esp32DevKitC"), "GPIO5 used twice: CS, INT");
        }

        [TestMethod]
        public void OutputOnInputOnlyPinIsReported()
        {
            Esp32PinMap map = Copy(DevKitCBoard.PinMap);
            map.Cs = 34;
            map.Int = 35; // an input may use an input-only pin
            Expect(map, Readme("Esp32DevKitC"), "CS is an output but GPIO34 is input only");
        }

        [TestMethod]
        public void ModulePinsAreReported()
        {
            Esp32PinMap esp32 = Copy(DevKitCBoard.PinMap);
            esp32.Mosi = 7;
            esp32.ConsoleTx = 1;
            Expect(esp32, Readme("Esp32DevKitC"), "MOSI on GPIO7, which is taken: SPI flash of the module", "console TX on GPIO1, which is taken: COM1");

            Esp32PinMap s3 = Copy(S3DevKitCBoard.PinMap);
            s3.Sck = 35;
            s3.Miso = 23;
            Expect(s3, Readme("Esp32S3"), "SCK on GPIO35, which is taken: octal", "MISO on GPIO23, which Esp32S3 does not have");
        }

        [TestMethod]
        public void SpiBusTheChipLacksIsReported()
        {
            Esp32PinMap map = Copy(C3DevKitMBoard.PinMap);
            map.SpiBus = 2;
            Expect(map, Readme("Esp32C3"), "SPI bus 2 does not exist on Esp32C3");
        }

        [TestMethod]
        public void UnexplainedStrappingPinIsReported()
        {
            Esp32PinMap map = Copy(C3DevKitMBoard.PinMap);
            map.Miso = 2;
            Expect(map, string.Empty, "MISO on strapping pin GPIO2");
            Assert.AreEqual(0, PinMapCheck.Check(map, "| SO | GPIO2 | a strapping pin, safe because ... |").Count);
        }

        private static void Expect(Esp32PinMap map, string readme, params string[] fragments)
        {
            var problems = PinMapCheck.Check(map, readme);
            string all = string.Join("\n", problems);
            Assert.AreEqual(fragments.Length, problems.Count, all);
            foreach (string fragment in fragments)
            {
                Assert.IsTrue(problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)), $"'{fragment}' not in:\n{all}");
            }
        }

        private static Esp32PinMap PinMapOf(Type board)
        {
            FieldInfo field = board.GetField("PinMap", BindingFlags.Public | BindingFlags.Static);
            Assert.IsNotNull(field, board.Name + " has no public static PinMap");
            return (Esp32PinMap)field.GetValue(null);
        }

        private static Esp32PinMap Copy(Esp32PinMap map) => new Esp32PinMap
        {
            Chip = map.Chip, SpiBus = map.SpiBus, Sck = map.Sck, Miso = map.Miso, Mosi = map.Mosi, Cs = map.Cs,
            Int = map.Int, Reset = map.Reset, ConsoleTx = map.ConsoleTx, ConsoleRx = map.ConsoleRx,
        };

        private static string Readme(string folder) => File.ReadAllText(Path.Combine(GateHarness.RepoRoot, "boards", folder, "README.md"));

        private static bool IsApplication(string nfproj) =>
            XDocument.Load(nfproj).Descendants().Any(e => e.Name.LocalName == "OutputType" && e.Value.Trim() == "Exe");
    }
}
