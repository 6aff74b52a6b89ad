using NanoIP.Boards.Esp32;

namespace NanoIP.HostTests.Boards
{
    /// <summary>
    /// What each ESP32 series allows on its GPIOs, from Espressif's datasheets (pin lists, IO MUX,
    /// strapping pins) and nanoFramework's ESP32 targets (which UART carries the wire protocol,
    /// which SPI hosts a bus id reaches). The reference the board pin maps are checked against.
    /// </summary>
    internal sealed class Esp32Gpio
    {
        public Esp32Chip Chip { get; init; }

        /// <summary>GPIO numbers the chip has.</summary>
        public HashSet<int> Existing { get; init; }

        /// <summary>GPIOs taken by something on every board of this series, with the reason.</summary>
        public Dictionary<int, string> Reserved { get; init; }

        /// <summary>GPIOs without an output driver.</summary>
        public HashSet<int> InputOnly { get; init; }

        /// <summary>Sampled at reset to choose the boot mode or flash voltage.</summary>
        public HashSet<int> Strapping { get; init; }

        /// <summary>nanoFramework SPI bus ids (bus n = ESP-IDF SPI(n+1)_HOST; SPI1 is the flash's).</summary>
        public HashSet<int> SpiBuses { get; init; }

        public static Esp32Gpio For(Esp32Chip chip) => chip switch
        {
            Esp32Chip.Esp32 => Esp32,
            Esp32Chip.Esp32S3 => Esp32S3,
            Esp32Chip.Esp32C3 => Esp32C3,
            _ => throw new ArgumentOutOfRangeException(nameof(chip)),
        };

        /// <summary>ESP32 datasheet: GPIO 0–39 without 20, 24, 28–31; 34–39 input only.</summary>
        public static readonly Esp32Gpio Esp32 = new()
        {
            Chip = Esp32Chip.Esp32,
            Existing = Range(0, 39).Except(new[] { 20, 24, 28, 29, 30, 31 }).ToHashSet(),
            Reserved = Reasons(
                (Range(6, 11), "SPI flash of the module"),
                (new[] { 1, 3 }, "COM1 (UART0): nanoFramework's wire protocol"),
                (new[] { 16, 17 }, "PSRAM on WROVER modules")),
            InputOnly = Range(34, 39).ToHashSet(),
            Strapping = new HashSet<int> { 0, 2, 5, 12, 15 },
            SpiBuses = new HashSet<int> { 1, 2 },
        };

        /// <summary>ESP32-S3 datasheet: GPIO 0–21 and 26–48, none input only.</summary>
        public static readonly Esp32Gpio Esp32S3 = new()
        {
            Chip = Esp32Chip.Esp32S3,
            Existing = Range(0, 21).Concat(Range(26, 48)).ToHashSet(),
            Reserved = Reasons(
                (Range(26, 32), "SPI flash and quad PSRAM"),
                (Range(33, 37), "octal flash or PSRAM (N8R8, N16R8 modules)"),
                (new[] { 19, 20 }, "USB D-/D+ (USB Serial/JTAG)"),
                (new[] { 43, 44 }, "COM1 (UART0): nanoFramework's wire protocol")),
            InputOnly = new HashSet<int>(),
            Strapping = new HashSet<int> { 0, 3, 45, 46 },
            SpiBuses = new HashSet<int> { 1, 2 },
        };

        /// <summary>ESP32-C3 datasheet: GPIO 0–21, none input only; a single general-purpose SPI (GP-SPI2).</summary>
        public static readonly Esp32Gpio Esp32C3 = new()
        {
            Chip = Esp32Chip.Esp32C3,
            Existing = Range(0, 21).ToHashSet(),
            Reserved = Reasons(
                (Range(12, 17), "SPI flash"),
                (new[] { 18, 19 }, "USB D-/D+ (USB Serial/JTAG)"),
                (new[] { 20, 21 }, "COM1 (UART0): nanoFramework's wire protocol")),
            InputOnly = new HashSet<int>(),
            Strapping = new HashSet<int> { 2, 8, 9 },
            SpiBuses = new HashSet<int> { 1 },
        };

        private static IEnumerable<int> Range(int first, int last) => Enumerable.Range(first, last - first + 1);

        private static Dictionary<int, string> Reasons(params (IEnumerable<int> Pins, string Why)[] groups)
        {
            var map = new Dictionary<int, string>();
            foreach (var (pins, why) in groups)
            {
                foreach (int pin in pins)
                {
                    map[pin] = why;
                }
            }

            return map;
        }
    }
}
