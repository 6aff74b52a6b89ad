namespace NanoIP.UnitTests.Tcp
{
    /// <summary>
    /// How much the long TCP scenarios move: 1 MB on the host; an interpreted ESP32 would take
    /// minutes for that, so on the device the same tests move 64 KB.
    /// </summary>
    public static class TestScale
    {
#if NANOFRAMEWORK
        public const int TransferBytes = 64 * 1024;
        public const int Cycles = 10;
        public const int FuzzIterations = 300;
#else
        public const int TransferBytes = 1024 * 1024;
        public const int Cycles = 100;
        public const int FuzzIterations = 5000;
#endif
    }
}
