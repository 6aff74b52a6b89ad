using NanoIP.Boards.Esp32;

namespace NanoIP.Boards.Esp32S3
{
    /// <summary>
    /// ESP32-S3-DevKitC-1 with an ENC28J60 module on SPI2 (FSPI), at FSPI's own IO MUX pins
    /// (ESP32-S3 datasheet, IO MUX table: FSPICS0 10, FSPID 11, FSPICLK 12, FSPIQ 13). With INT
    /// on 9 and RESET on 14 the module takes six neighbouring pins of header J1 (GPIO 9–14).
    ///
    ///   ENC28J60   GPIO   note
    ///   SCK        12     FSPICLK
    ///   SO         13     FSPIQ (MISO)
    ///   SI         11     FSPID (MOSI)
    ///   CS         10     FSPICS0, driven as a GPIO
    ///   INT        9      falling edge = ENC28J60 interrupt
    ///   RESET      14     optional (Esp32PinMap.NotConnected if not wired)
    ///   console    TX 17, RX 18 (COM2, UART1's default pins) to a 3.3 V USB-serial adapter
    ///
    /// Not used: strapping pins 0, 3, 45, 46; 19 and 20 (USB); 26–32 (flash and PSRAM) and 33–37
    /// (octal PSRAM on N8R8/N16R8 modules); 43 and 44 (COM1, nanoFramework's wire protocol).
    /// </summary>
    public sealed class S3DevKitCBoard : Esp32Board
    {
        public static readonly Esp32PinMap PinMap = new Esp32PinMap
        {
            Chip = Esp32Chip.Esp32S3,
            SpiBus = 1, // nanoFramework bus 1 = SPI2_HOST = FSPI
            Sck = 12,
            Miso = 13,
            Mosi = 11,
            Cs = 10,
            Int = 9,
            Reset = 14,
            ConsoleTx = 17,
            ConsoleRx = 18,
        };

        /// <summary>
        /// Locally administered (first byte 0x02), unicast. nanoFramework's API list offers no
        /// board-unique value to derive a MAC from: give every board on one LAN its own.
        /// </summary>
        public static readonly byte[] MacAddress = new byte[] { 0x02, 0x4E, 0x49, 0x50, 0x53, 0x01 };

        public S3DevKitCBoard()
            : base("ESP32-S3-DevKitC-1 + ENC28J60", PinMap, MacAddress)
        {
        }
    }
}
