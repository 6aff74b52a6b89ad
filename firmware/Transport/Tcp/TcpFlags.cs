namespace NanoIP.Transport.Tcp
{
    /// <summary>Control bits of the TCP header (RFC 9293 §3.1), as they sit in byte 13.</summary>
    public static class TcpFlags
    {
        public const int Fin = 0x01;
        public const int Syn = 0x02;
        public const int Rst = 0x04;
        public const int Psh = 0x08;
        public const int Ack = 0x10;
        public const int Urg = 0x20;
    }
}
