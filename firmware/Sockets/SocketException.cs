namespace NanoIP.Sockets
{
    /// <summary>
    /// What a socket call throws when it fails (System.Net.Sockets.SocketException, which
    /// nanoFramework's CoreLibrary does not have). ErrorCode names the BSD errno. The
    /// "out SocketError" overloads of Send/Receive report instead of throwing.
    /// </summary>
    public class SocketException : System.Exception
    {
        private readonly SocketError _error;

        public SocketException(SocketError error)
            : base(Describe(error))
        {
            _error = error;
        }

        /// <summary>The error, named after its BSD errno.</summary>
        public SocketError ErrorCode
        {
            get { return _error; }
        }

        /// <summary>The same as ErrorCode, under System.Net.Sockets.SocketException's name.</summary>
        public SocketError SocketErrorCode
        {
            get { return _error; }
        }

        /// <summary>The error's name and errno (enum names are not kept on every nanoFramework target).</summary>
        public static string Describe(SocketError error)
        {
            switch (error)
            {
                case SocketError.Success: return "Success";
                case SocketError.WouldBlock: return "WouldBlock (EWOULDBLOCK)";
                case SocketError.AddressAlreadyInUse: return "AddressAlreadyInUse (EADDRINUSE)";
                case SocketError.AddressNotAvailable: return "AddressNotAvailable (EADDRNOTAVAIL)";
                case SocketError.ConnectionRefused: return "ConnectionRefused (ECONNREFUSED)";
                case SocketError.ConnectionReset: return "ConnectionReset (ECONNRESET)";
                case SocketError.ConnectionAborted: return "ConnectionAborted (ECONNABORTED)";
                case SocketError.TimedOut: return "TimedOut (ETIMEDOUT)";
                case SocketError.HostUnreachable: return "HostUnreachable (EHOSTUNREACH)";
                case SocketError.NetworkUnreachable: return "NetworkUnreachable (ENETUNREACH)";
                case SocketError.NotConnected: return "NotConnected (ENOTCONN)";
                case SocketError.IsConnected: return "IsConnected (EISCONN)";
                case SocketError.NoBufferSpace: return "NoBufferSpace (ENOBUFS)";
                case SocketError.InvalidArgument: return "InvalidArgument (EINVAL)";
                case SocketError.MessageSize: return "MessageSize (EMSGSIZE)";
                case SocketError.Shutdown: return "Shutdown (ESHUTDOWN)";
                case SocketError.TooManyOpenSockets: return "TooManyOpenSockets (EMFILE)";
                case SocketError.OperationNotSupported: return "OperationNotSupported (EOPNOTSUPP)";
                case SocketError.AlreadyInProgress: return "AlreadyInProgress (EALREADY)";
                case SocketError.NotSocket: return "NotSocket (ENOTSOCK)";
                case SocketError.InProgress: return "InProgress (EINPROGRESS)";
                case SocketError.AccessDenied: return "AccessDenied (EACCES)";
                case SocketError.DestinationAddressRequired: return "DestinationAddressRequired (EDESTADDRREQ)";
                case SocketError.ProtocolNotSupported: return "ProtocolNotSupported (EPROTONOSUPPORT)";
                case SocketError.NetworkDown: return "NetworkDown (ENETDOWN)";
                default: return "SocketError " + ((int)error).ToString();
            }
        }
    }
}
