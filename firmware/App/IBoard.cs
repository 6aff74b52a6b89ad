using NanoIP.Drivers;

namespace NanoIP.App
{
    /// <summary>
    /// What differs per board: the clock, how the network thread sleeps, the Ethernet
    /// controller on its bus and pins, and the console. The ESP32 boards and the virtual
    /// board implement it; the firmware above it is the same on all of them. Its NowMs
    /// (IClock: milliseconds since boot, never going backwards) is the only clock the firmware reads.
    /// </summary>
    public interface IBoard : IClock
    {
        /// <summary>Board name shown at boot (e.g. "ESP32-DevKitC + ENC28J60").</summary>
        string Name { get; }

        /// <summary>
        /// Sleeps the network thread until the Ethernet controller interrupts, console input
        /// arrives, or <paramref name="timeoutMs"/> passes. The virtual board advances its clock instead.
        /// </summary>
        void WaitForEvent(int timeoutMs);

        /// <summary>Ends a WaitForEvent early, from any thread (a socket call queued output for the network thread to send).</summary>
        void Wake();

        /// <summary>Brings up the Ethernet controller on the board's bus and pins; throws with a clear message when no chip answers.</summary>
        ILinkDevice StartEthernet(NetConfig config);

        /// <summary>The console the user types into (a UART on the device, stdin/stdout on the host).</summary>
        IConsolePort Console { get; }
    }
}
