namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Read-only rows for the console's netstat (as ss lists sockets): every control block by
    /// table index (free ones read Closed), the half-open entries of listeners' SYN queues,
    /// and the TIME-WAIT table. Indexes are not handles; nothing here changes state.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>Control blocks in the table (NetConfig.TcpSockets).</summary>
        public int ConnectionCapacity
        {
            get { return _connections.Length; }
        }

        /// <summary>SYN queue slots per listener (NetConfig.MaxSynQueue).</summary>
        public int SynQueueCapacity
        {
            get { return _connections[0].Queue.SynCapacity; }
        }

        /// <summary>TIME-WAIT table slots (NetConfig.TimeWaitEntries).</summary>
        public int TimeWaitCapacity
        {
            get { return _timeWait.Capacity; }
        }

        /// <summary>
        /// Block index's state and endpoints. Queues as ss shows them: for LISTEN, receiveQueue
        /// is the accept queue's length and sendQueue its limit (the backlog); otherwise bytes
        /// not yet read and bytes not yet acknowledged. Closed for a free block.
        /// </summary>
        public TcpState GetConnectionRow(int index, out uint localAddress, out int localPort, out uint remoteAddress, out int remotePort,
            out int receiveQueue, out int sendQueue)
        {
            localAddress = 0;
            localPort = 0;
            remoteAddress = 0;
            remotePort = 0;
            receiveQueue = 0;
            sendQueue = 0;
            if (index < 0 || index >= _connections.Length || _connections[index].Owner == TcpOwner.Free)
            {
                return TcpState.Closed;
            }

            TcpConnection c = _connections[index];
            localAddress = c.LocalAddress;
            localPort = c.LocalPort;
            if (c.State == TcpState.Listen)
            {
                receiveQueue = c.Queue.AcceptCount;
                sendQueue = c.Queue.AcceptLimit;
                return c.State;
            }

            remoteAddress = c.RemoteAddress;
            remotePort = c.RemotePort;
            receiveQueue = c.Rx.Readable;
            sendQueue = c.Tx.Count;
            return c.State;
        }

        /// <summary>Slot of listener index's SYN queue: true with the half-open connection's endpoints when used.</summary>
        public bool GetSynRow(int index, int slot, out uint localAddress, out int localPort, out uint remoteAddress, out int remotePort)
        {
            localAddress = 0;
            localPort = 0;
            remoteAddress = 0;
            remotePort = 0;
            if (index < 0 || index >= _connections.Length || _connections[index].State != TcpState.Listen
                || slot < 0 || slot >= _connections[index].Queue.SynCapacity)
            {
                return false;
            }

            SynEntry e = _connections[index].Queue.SynAt(slot);
            if (!e.Used)
            {
                return false;
            }

            localAddress = e.LocalAddress;
            localPort = e.LocalPort;
            remoteAddress = e.RemoteAddress;
            remotePort = e.RemotePort;
            return true;
        }

        /// <summary>TIME-WAIT slot: true with its endpoints when used.</summary>
        public bool GetTimeWaitRow(int slot, out uint localAddress, out int localPort, out uint remoteAddress, out int remotePort)
        {
            return _timeWait.TryGet(slot, out localAddress, out localPort, out remoteAddress, out remotePort);
        }
    }
}
