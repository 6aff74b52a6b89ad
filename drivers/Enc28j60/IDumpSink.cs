namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// Receives a register dump or a counter report one value at a time, so the console can
    /// format it as it likes; names are string literals, nothing is allocated by the driver.
    /// </summary>
    public interface IDumpSink
    {
        /// <summary>A register value; <paramref name="bits"/> is 8 or 16 (PHY registers).</summary>
        void Register(string name, int value, int bits);

        /// <summary>A counter value.</summary>
        void Counter(string name, long value);
    }
}
