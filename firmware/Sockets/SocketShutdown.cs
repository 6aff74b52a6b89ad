namespace NanoIP.Sockets
{
    /// <summary>Which half Socket.Shutdown closes (BSD SHUT_RD, SHUT_WR, SHUT_RDWR; same values as TcpShutdown).</summary>
    public enum SocketShutdown
    {
        Receive = 0,
        Send = 1,
        Both = 2
    }
}
