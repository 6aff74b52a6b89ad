namespace NanoIP.Sockets
{
    /// <summary>
    /// Result of a socket operation, named after the BSD errno it stands for (errno in the
    /// comment) so a facade maps 1:1 onto System.Net.Sockets.SocketError names.
    /// Shared by UDP, TCP and the socket facade; values are stable (the console prints them).
    /// </summary>
    public enum SocketError
    {
        /// <summary>The operation completed.</summary>
        Success = 0,
        /// <summary>EWOULDBLOCK/EAGAIN: nothing to do now on a non-blocking call; retry after Poll.</summary>
        WouldBlock = 1,
        /// <summary>EADDRINUSE: the local port is bound by another socket.</summary>
        AddressAlreadyInUse = 2,
        /// <summary>EADDRNOTAVAIL: the local address is not ours (or no address is configured).</summary>
        AddressNotAvailable = 3,
        /// <summary>ECONNREFUSED: RST in reply to SYN, or ICMP port unreachable.</summary>
        ConnectionRefused = 4,
        /// <summary>ECONNRESET: the peer reset an established connection.</summary>
        ConnectionReset = 5,
        /// <summary>ECONNABORTED: the connection was aborted locally (e.g. before accept).</summary>
        ConnectionAborted = 6,
        /// <summary>ETIMEDOUT: retransmissions or the operation's timeout ran out.</summary>
        TimedOut = 7,
        /// <summary>EHOSTUNREACH: ARP got no answer, or ICMP host unreachable.</summary>
        HostUnreachable = 8,
        /// <summary>ENETUNREACH: no route (unconfigured, or off-subnet without gateway).</summary>
        NetworkUnreachable = 9,
        /// <summary>ENOTCONN: the socket is not connected.</summary>
        NotConnected = 10,
        /// <summary>EISCONN: the socket is already connected.</summary>
        IsConnected = 11,
        /// <summary>ENOBUFS: no buffer (pool, ring or pending slot) is free.</summary>
        NoBufferSpace = 12,
        /// <summary>EINVAL: an argument or the socket's state does not allow the call.</summary>
        InvalidArgument = 13,
        /// <summary>EMSGSIZE: the datagram does not fit the MTU or the receive buffer.</summary>
        MessageSize = 14,
        /// <summary>ESHUTDOWN: the side was shut down.</summary>
        Shutdown = 15,
        /// <summary>EMFILE: every slot of the fixed socket table is in use.</summary>
        TooManyOpenSockets = 16,
        /// <summary>EOPNOTSUPP: the operation does not apply to this socket type.</summary>
        OperationNotSupported = 17,
        /// <summary>EALREADY: a previous non-blocking operation (connect) is still in progress.</summary>
        AlreadyInProgress = 18,
        /// <summary>ENOTSOCK: the handle does not name an open socket.</summary>
        NotSocket = 19,
        /// <summary>EINPROGRESS: a non-blocking connect has started.</summary>
        InProgress = 20,
        /// <summary>EACCES: e.g. sending to broadcast without the broadcast flag.</summary>
        AccessDenied = 21,
        /// <summary>EDESTADDRREQ: no destination given and none connected.</summary>
        DestinationAddressRequired = 22,
        /// <summary>EPROTONOSUPPORT/EAFNOSUPPORT: protocol not supported by this stack.</summary>
        ProtocolNotSupported = 23,
        /// <summary>ENETDOWN: the link is down.</summary>
        NetworkDown = 24
    }
}
