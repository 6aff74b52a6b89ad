namespace nanoFramework.Hardware.Esp32
{
    /// <summary>
    /// Host stand-in: only the members the boards route, spelled as in the API list
    /// (F:nanoFramework.Hardware.Esp32.DeviceFunction.*). Add one here when a board needs it;
    /// the values are irrelevant on the host.
    /// </summary>
    public enum DeviceFunction
    {
        SPI1_MOSI,
        SPI1_MISO,
        SPI1_CLOCK,
        SPI2_MOSI,
        SPI2_MISO,
        SPI2_CLOCK,
        COM2_TX,
        COM2_RX,
    }
}
