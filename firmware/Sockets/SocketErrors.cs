using NanoIP.Network;

namespace NanoIP.Sockets
{
    /// <summary>Mappings from lower-layer outcomes to the socket errors a user sees.</summary>
    public static class SocketErrors
    {
        /// <summary>What a datagram send reports for IPv4's result (Pending counts as sent: ARP owns it now).</summary>
        public static SocketError FromSend(IpSendResult result)
        {
            switch (result)
            {
                case IpSendResult.Sent:
                case IpSendResult.Pending:
                    return SocketError.Success;
                case IpSendResult.HostUnreachable:
                    return SocketError.HostUnreachable;
                case IpSendResult.NetworkUnreachable:
                    return SocketError.NetworkUnreachable;
                case IpSendResult.LinkDown:
                    return SocketError.NetworkDown;
                default:
                    return SocketError.NoBufferSpace;
            }
        }

        /// <summary>
        /// The error an ICMP destination unreachable / time exceeded means for the socket whose
        /// datagram it quotes (as BSD maps them: RFC 1122 §4.1.3.3, §4.2.3.9).
        /// </summary>
        public static SocketError FromIcmp(int type, int code)
        {
            if (type == IcmpMessage.TypeDestinationUnreachable)
            {
                switch (code)
                {
                    case IcmpMessage.CodeNetUnreachable:
                        return SocketError.NetworkUnreachable;
                    case IcmpMessage.CodeProtocolUnreachable:
                    case IcmpMessage.CodePortUnreachable:
                        return SocketError.ConnectionRefused;
                    case IcmpMessage.CodeFragmentationNeeded:
                        return SocketError.MessageSize;
                    default:
                        return SocketError.HostUnreachable;
                }
            }

            return SocketError.HostUnreachable;
        }
    }
}
