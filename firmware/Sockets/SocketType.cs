namespace NanoIP.Sockets
{
    /// <summary>What NetworkContext.CreateSocket makes (System.Net.Sockets.SocketType names, BSD SOCK_STREAM / SOCK_DGRAM).</summary>
    public enum SocketType
    {
        /// <summary>TCP: a reliable byte stream over a connection.</summary>
        Stream = 1,
        /// <summary>UDP: datagrams.</summary>
        Dgram = 2
    }
}
