namespace NanoIP
{
    /// <summary>
    /// The firmware's tiny log: a level and one sink (the console sets itself). Messages
    /// above the level cost one comparison; callers that build text check IsEnabled first,
    /// so nothing is formatted on a hot path when the level is low. Call from the network thread.
    /// </summary>
    public static class Log
    {
        /// <summary>Messages at or below this level reach the sink. Warn by default.</summary>
        public static LogLevel Level = LogLevel.Warn;

        /// <summary>Null: messages are dropped.</summary>
        public static ILogSink Sink;

        public static bool IsEnabled(LogLevel level)
        {
            return level != LogLevel.None && level <= Level && Sink != null;
        }

        public static void Write(LogLevel level, string message)
        {
            ILogSink sink = Sink;
            if (sink != null && level != LogLevel.None && level <= Level)
            {
                sink.Log(level, message);
            }
        }

        public static void Error(string message)
        {
            Write(LogLevel.Error, message);
        }

        public static void Warn(string message)
        {
            Write(LogLevel.Warn, message);
        }

        public static void Info(string message)
        {
            Write(LogLevel.Info, message);
        }

        public static void Debug(string message)
        {
            Write(LogLevel.Debug, message);
        }

        /// <summary>"error", "warn", "info", "debug" (or "none").</summary>
        public static string LevelName(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Error: return "error";
                case LogLevel.Warn: return "warn";
                case LogLevel.Info: return "info";
                case LogLevel.Debug: return "debug";
                default: return "none";
            }
        }
    }
}
