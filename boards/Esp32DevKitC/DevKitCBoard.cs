using NanoIP.Boards.Esp32;

namespace NanoIP.Boards.Esp32DevKitC
{
    /// <summary>
    /// ESP32-DevKitC (ESP32-WROOM-32) with an ENC28J60 module on VSPI, at VSPI's own IO MUX pins
    /// (ESP32 datasheet, IO MUX table: VSPICLK 18, VSPIQ 19, VSPID 23, VSPICS0 5).
    ///
    ///   ENC28J60   GPIO   note
    ///   SCK        18     VSPICLK
    ///   SO         19     VSPIQ (MISO)
    ///   SI         23     VSPID (MOSI)
    ///   CS         5      VSPICS0, driven as a GPIO; a strapping pin (see README)
    ///   INT        4      falling edge = ENC28J60 interrupt
    ///   RESET      22     optional (Esp32PinMap.NotConnected if not wired)
    ///   console    TX 33, RX 32 (COM2) to a 3.3 V USB-serial adapter
    ///
    /// Not used: GPIO 6–11 (the module's flash), 1 and 3 (COM1, nanoFramework's wire protocol),
    /// 16 and 17 (PSRAM on WROVER modules), 34–39 (input only).
    /// </summary>
    public sealed class DevKitCBoard : Esp32Board
    {
        public static readonly Esp32PinMap PinMap = new Esp32PinMap
        {
            Chip = Esp32Chip.Esp32,
            SpiBus = 2, // nanoFramework bus 2 = SPI3_HOST = VSPI
            Sck = 18,
            Miso = 19,
            Mosi = 23,
            Cs = 5,
            Int = 4,
            Reset = 22,
            ConsoleTx = 33,
            ConsoleRx = 32,
        };

        /// <summary>
        /// Locally administered (first byte 0x02), unicast. nanoFramework's API list offers no
        /// board-unique value to derive a MAC from: give every board on one LAN its own.
        /// </summary>
        public static readonly byte[] MacAddress = new byte[] { 0x02, 0x4E, 0x49, 0x50, 0x32, 0x01 };

        public DevKitCBoard()
            : base("ESP32-DevKitC + ENC28J60", PinMap, MacAddress)
        {
        }
    }
}
