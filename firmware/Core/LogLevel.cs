namespace NanoIP
{
    /// <summary>Severity of a log message; a message is shown when its level is at most Log.Level.</summary>
    public enum LogLevel
    {
        /// <summary>Nothing is shown.</summary>
        None = 0,
        Error = 1,
        Warn = 2,
        Info = 3,
        Debug = 4
    }
}
