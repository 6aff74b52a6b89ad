using System.Text.RegularExpressions;
using NanoIP.Boards.Esp32;

namespace NanoIP.HostTests.Boards
{
    /// <summary>Checks a board's pin map against its chip's GPIO rules; returns every problem found.</summary>
    internal static class PinMapCheck
    {
        /// <summary>The signals of a pin map, and whether the ESP32 drives them.</summary>
        public static List<(string Signal, int Gpio, bool Output)> Signals(Esp32PinMap map)
        {
            var list = new List<(string, int, bool)>
            {
                ("SCK", map.Sck, true),
                ("MISO", map.Miso, false),
                ("MOSI", map.Mosi, true),
                ("CS", map.Cs, true),
                ("INT", map.Int, false),
                ("console TX", map.ConsoleTx, true),
                ("console RX", map.ConsoleRx, false),
            };
            if (map.Reset != Esp32PinMap.NotConnected)
            {
                list.Add(("RESET", map.Reset, true));
            }

            return list;
        }

        /// <param name="readme">The board's README: each strapping pin in use must be explained on a line there.</param>
        public static List<string> Check(Esp32PinMap map, string readme)
        {
            var problems = new List<string>();
            Esp32Gpio chip = Esp32Gpio.For(map.Chip);
            if (!chip.SpiBuses.Contains(map.SpiBus))
            {
                problems.Add($"SPI bus {map.SpiBus} does not exist on {map.Chip} (buses: {string.Join(", ", chip.SpiBuses)})");
            }

            var signals = Signals(map);
            foreach (var group in signals.GroupBy(s => s.Gpio).Where(g => g.Count() > 1))
            {
                problems.Add($"GPIO{group.Key} used twice: {string.Join(", ", group.Select(s => s.Signal))}");
            }

            foreach (var (signal, gpio, output) in signals)
            {
                if (!chip.Existing.Contains(gpio))
                {
                    problems.Add($"{signal} on GPIO{gpio}, which {map.Chip} does not have");
                }
                else if (chip.Reserved.TryGetValue(gpio, out string why))
                {
                    problems.Add($"{signal} on GPIO{gpio}, which is taken: {why}");
                }
                else if (output && chip.InputOnly.Contains(gpio))
                {
                    problems.Add($"{signal} is an output but GPIO{gpio} is input only");
                }

                if (chip.Strapping.Contains(gpio) && !ExplainsStrapping(readme, gpio))
                {
                    problems.Add($"{signal} on strapping pin GPIO{gpio}, and the README has no line saying why that is safe");
                }
            }

            return problems;
        }

        private static bool ExplainsStrapping(string readme, int gpio)
        {
            var name = new Regex(@"\bGPIO ?" + gpio + @"\b");
            return readme.Split('\n').Any(line => name.IsMatch(line) && line.Contains("strapping", StringComparison.OrdinalIgnoreCase));
        }
    }
}
