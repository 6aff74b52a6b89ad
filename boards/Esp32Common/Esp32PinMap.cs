namespace NanoIP.Boards.Esp32
{
    /// <summary>
    /// Where the ENC28J60 and the console UART sit on an ESP32 board, as GPIO numbers
    /// (the numbers Configuration.SetPinFunction and GpioController.OpenPin take).
    /// </summary>
    public sealed class Esp32PinMap
    {
        /// <summary>An optional line that is not wired.</summary>
        public const int NotConnected = -1;

        public Esp32Chip Chip;

        /// <summary>
        /// nanoFramework's SPI bus id. Bus n is ESP-IDF's SPI(n+1)_HOST: 1 = SPI2 (HSPI on the
        /// ESP32, FSPI on S3 and C3), 2 = SPI3 (VSPI on the ESP32; the C3 has none)
        /// (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Spi/cpu_spi.cpp).
        /// </summary>
        public int SpiBus;

        /// <summary>SPI clock, to the ENC28J60's SCK.</summary>
        public int Sck;

        /// <summary>ESP32 input, from the ENC28J60's SO.</summary>
        public int Miso;

        /// <summary>ESP32 output, to the ENC28J60's SI.</summary>
        public int Mosi;

        /// <summary>ENC28J60 CS (active low). nanoFramework drives it as a GPIO around each transfer.</summary>
        public int Cs;

        /// <summary>ENC28J60 INT (active low output): read only, so an input-only GPIO will do.</summary>
        public int Int;

        /// <summary>ENC28J60 RESET (active low), or NotConnected: the driver then resets the chip with SRC.</summary>
        public int Reset = NotConnected;

        /// <summary>COM2 TX, to the USB-serial adapter's RX.</summary>
        public int ConsoleTx;

        /// <summary>COM2 RX, from the USB-serial adapter's TX.</summary>
        public int ConsoleRx;
    }
}
