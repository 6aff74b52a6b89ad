namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Readiness bits of a handle for Poll/select (TcpLayer.Status). Readable also means
    /// "Receive will not block": data, end of stream, a pending error, or (listener) a
    /// connection to accept. Writable also means "a non-blocking connect has finished".
    /// </summary>
    public static class TcpStatus
    {
        public const int Readable = 1;
        public const int Writable = 2;
        /// <summary>The connection failed; TcpLayer.GetError says why.</summary>
        public const int Error = 4;
        /// <summary>The peer sent FIN: no more data will arrive.</summary>
        public const int RemoteClosed = 8;
        /// <summary>The handle does not name an open socket.</summary>
        public const int Invalid = 16;
    }
}
