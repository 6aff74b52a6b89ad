namespace NanoIP.Drivers
{
    /// <summary>
    /// Time for drivers, supplied by the board: drivers never read a clock or sleep on their
    /// own. On an ESP32 NowMs comes from the board's tick source and DelayMicroseconds busy-waits
    /// (or sleeps for long delays); on the virtual board both move virtual time.
    /// NowMs must count on the same base as the nowMs the board passes to Poll.
    /// </summary>
    public interface IDriverClock
    {
        /// <summary>Milliseconds since an arbitrary start, never going backwards.</summary>
        long NowMs { get; }

        /// <summary>Waits at least <paramref name="microseconds"/> (chip reset and PHY timing, bounded transmit waits).</summary>
        void DelayMicroseconds(int microseconds);
    }
}
