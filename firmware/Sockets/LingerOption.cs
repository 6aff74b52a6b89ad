namespace NanoIP.Sockets
{
    /// <summary>
    /// SO_LINGER, as System.Net.Sockets.LingerOption: with Enabled and LingerTime &gt; 0 a
    /// blocking Close waits up to LingerTime seconds for queued data and FIN to be
    /// acknowledged, then resets; with Enabled and 0 Close resets at once (RST).
    /// </summary>
    public sealed class LingerOption
    {
        public LingerOption(bool enable, int seconds)
        {
            Enabled = enable;
            LingerTime = seconds;
        }

        public bool Enabled { get; set; }

        /// <summary>Seconds (0..3600).</summary>
        public int LingerTime { get; set; }
    }
}
