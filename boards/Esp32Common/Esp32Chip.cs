namespace NanoIP.Boards.Esp32
{
    /// <summary>The ESP32 series a pin map is written for: GPIOs, SPI buses and strapping pins differ per series.</summary>
    public enum Esp32Chip
    {
        /// <summary>ESP32 (Xtensa LX6): GPIO 0–39, 34–39 input only; SPI buses 1 (HSPI) and 2 (VSPI).</summary>
        Esp32,

        /// <summary>ESP32-S3 (Xtensa LX7): GPIO 0–21 and 26–48; SPI buses 1 (FSPI) and 2 (SPI3).</summary>
        Esp32S3,

        /// <summary>ESP32-C3 (RISC-V): GPIO 0–21; one general-purpose SPI bus, 1 (FSPI).</summary>
        Esp32C3,
    }
}
