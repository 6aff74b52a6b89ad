using System.Threading;
using nanoFramework.Hardware.Esp32;

namespace NanoIP.Boards.Esp32
{
    /// <summary>The board's clock: esp_timer through HighResTimer (64-bit µs since boot, never wraps).</summary>
    public abstract partial class Esp32Board
    {
        public long NowMs
        {
            get { return (long)(HighResTimer.GetCurrent() / 1000); }
        }

        public void DelayMicroseconds(int microseconds)
        {
            if (microseconds <= 0)
            {
                return;
            }

            if (microseconds >= 1000)
            {
                // Reset waits and the like: sleep, so the UART and other threads run meanwhile.
                Thread.Sleep((microseconds + 999) / 1000);
                return;
            }

            // MII (10.24 µs) and transmit polls: Thread.Sleep counts whole milliseconds, so spin on the µs timer.
            ulong until = HighResTimer.GetCurrent() + (ulong)microseconds;
            while (HighResTimer.GetCurrent() < until)
            {
            }
        }
    }
}
