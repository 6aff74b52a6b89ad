using NanoIP.Sockets;

namespace NanoIP.Transport.Udp
{
    /// <summary>One slot of the UDP endpoint table: addresses, flags, the receive queue and a pending error.</summary>
    internal sealed class UdpEndpoint
    {
        internal bool Open;
        internal uint LocalAddress;
        /// <summary>0 while unbound.</summary>
        internal int LocalPort;
        /// <summary>Set by Connect: default destination and receive filter.</summary>
        internal uint RemoteAddress;
        internal int RemotePort;
        /// <summary>SO_BROADCAST: may send to broadcast addresses.</summary>
        internal bool Broadcast;
        /// <summary>Error from an ICMP message about our datagrams (SO_ERROR); Success when none.</summary>
        internal SocketError Error;
        /// <summary>Counts arrivals and errors, so a waiting application knows when to look again.</summary>
        internal int Changes;
        internal readonly UdpReceiveQueue Queue;

        internal UdpEndpoint(int receiveBufferSize)
        {
            Queue = new UdpReceiveQueue(receiveBufferSize);
        }

        internal bool Connected
        {
            get { return RemotePort != 0; }
        }

        internal void Reset()
        {
            Open = false;
            LocalAddress = 0;
            LocalPort = 0;
            RemoteAddress = 0;
            RemotePort = 0;
            Broadcast = false;
            Error = SocketError.Success;
            Queue.Clear();
        }
    }
}
