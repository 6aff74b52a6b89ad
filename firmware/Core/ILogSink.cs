namespace NanoIP
{
    /// <summary>Where log messages go (the console on a board, a list in tests).</summary>
    public interface ILogSink
    {
        void Log(LogLevel level, string message);
    }
}
