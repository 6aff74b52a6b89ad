using System;

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>
    /// Host stand-in for the ESP32 high-resolution timer (esp_timer): only GetCurrent, with the
    /// API list's ID (M:nanoFramework.Hardware.Esp32.HighResTimer.GetCurrent, returns µs since boot).
    /// </summary>
    public sealed class HighResTimer
    {
        private HighResTimer()
        {
        }

        public static ulong GetCurrent()
        {
            throw new NotSupportedException("nanoFramework.Hardware.Esp32 exists only on an ESP32");
        }
    }
}
