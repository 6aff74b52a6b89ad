namespace NanoIP.Transport.Tcp
{
    /// <summary>Which half of a connection shutdown closes (BSD SHUT_RD, SHUT_WR, SHUT_RDWR).</summary>
    public enum TcpShutdown
    {
        Receive = 0,
        Send = 1,
        Both = 2
    }
}
