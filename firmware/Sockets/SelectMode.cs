namespace NanoIP.Sockets
{
    /// <summary>What Socket.Poll asks about (select's read, write and except sets; poll's POLLIN, POLLOUT, POLLERR).</summary>
    public enum SelectMode
    {
        /// <summary>Receive/Accept would not block: data, end of stream, an error, or a connection to accept.</summary>
        SelectRead = 0,
        /// <summary>Send would not block, or a non-blocking Connect has finished (successfully or not).</summary>
        SelectWrite = 1,
        /// <summary>An error is pending (e.g. a non-blocking Connect failed; Socket.Error says which).</summary>
        SelectError = 2
    }
}
