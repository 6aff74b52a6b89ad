using NanoIP.Boards.Esp32;

namespace NanoIP.Boards.Esp32C3
{
    /// <summary>
    /// ESP32-C3-DevKitM-1 with an ENC28J60 module on SPI2 (FSPI), the C3's only general-purpose SPI.
    /// SCK, MOSI and CS sit on FSPI's IO MUX pins (ESP32-C3 datasheet: FSPICLK 6, FSPID 7, FSPICS0 10);
    /// MISO does not: FSPIQ is GPIO 2, a strapping pin that must be high at reset, and the module's SO
    /// could pull it low while CS floats, so MISO goes to GPIO 5 through the GPIO matrix (fine up to
    /// 20 MHz: nanoFramework's cpu_spi.cpp gives 26 MHz full duplex over the matrix).
    ///
    ///   ENC28J60   GPIO   note
    ///   SCK        6      FSPICLK
    ///   SO         5      MISO, via the GPIO matrix
    ///   SI         7      FSPID (MOSI)
    ///   CS         10     FSPICS0, driven as a GPIO
    ///   INT        4      falling edge = ENC28J60 interrupt
    ///   RESET      3      optional (Esp32PinMap.NotConnected if not wired)
    ///   console    TX 0, RX 1 (COM2) to a 3.3 V USB-serial adapter
    ///
    /// Not used: strapping pins 2, 8 (also the board's RGB LED) and 9 (BOOT button); 12–17 (flash);
    /// 18 and 19 (USB); 20 and 21 (COM1, nanoFramework's wire protocol).
    /// </summary>
    public sealed class C3DevKitMBoard : Esp32Board
    {
        public static readonly Esp32PinMap PinMap = new Esp32PinMap
        {
            Chip = Esp32Chip.Esp32C3,
            SpiBus = 1, // nanoFramework bus 1 = SPI2_HOST = FSPI (the C3 has no bus 2)
            Sck = 6,
            Miso = 5,
            Mosi = 7,
            Cs = 10,
            Int = 4,
            Reset = 3,
            ConsoleTx = 0,
            ConsoleRx = 1,
        };

        /// <summary>
        /// Locally administered (first byte 0x02), unicast. nanoFramework's API list offers no
        /// board-unique value to derive a MAC from: give every board on one LAN its own.
        /// </summary>
        public static readonly byte[] MacAddress = new byte[] { 0x02, 0x4E, 0x49, 0x50, 0xC3, 0x01 };

        public C3DevKitMBoard()
            : base("ESP32-C3-DevKitM-1 + ENC28J60", PinMap, MacAddress)
        {
        }
    }
}
