namespace NanoIP.App.Console
{
    /// <summary>
    /// The board's restart hook for the "reboot" command: an ESP32 board restarts the chip;
    /// the virtual board may restart the firmware or end the process.
    /// </summary>
    public interface IRebootable
    {
        /// <summary>Restarts the board; may not return.</summary>
        void Reboot();
    }
}
