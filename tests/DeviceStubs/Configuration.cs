using System;

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>
    /// Host stand-in for nanoFramework.Hardware.Esp32's pin router. Same documentation ID as the
    /// API list (M:nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(System.Int32,
    /// nanoFramework.Hardware.Esp32.DeviceFunction)); it exists to type-check, never to run.
    /// </summary>
    public static class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction function)
        {
            throw new NotSupportedException("nanoFramework.Hardware.Esp32 exists only on an ESP32");
        }
    }
}
