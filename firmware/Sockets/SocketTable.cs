namespace NanoIP.Sockets
{
    /// <summary>
    /// The fixed socket table: NetConfig.TcpSockets stream and NetConfig.UdpSockets datagram
    /// Socket objects made at start-up and handed out again and again (socket() takes a
    /// slot, close() returns it), so opening, accepting and closing allocate nothing. A stream
    /// slot exists for every TCP control block, so Accept always finds one.
    /// </summary>
    internal sealed class SocketTable
    {
        private readonly Socket[] _stream;
        private readonly Socket[] _dgram;

        internal SocketTable(NetworkContext context, int streamCount, int dgramCount)
        {
            _stream = new Socket[streamCount];
            for (int i = 0; i < streamCount; i++)
            {
                _stream[i] = new Socket(context, SocketType.Stream);
            }

            _dgram = new Socket[dgramCount];
            for (int i = 0; i < dgramCount; i++)
            {
                _dgram[i] = new Socket(context, SocketType.Dgram);
            }
        }

        private Socket[] Of(SocketType type)
        {
            return type == SocketType.Stream ? _stream : _dgram;
        }

        /// <summary>A free slot marked in use, or null when every one is taken.</summary>
        internal Socket Take(SocketType type)
        {
            Socket[] table = Of(type);
            for (int i = 0; i < table.Length; i++)
            {
                if (!table[i].IsOpen)
                {
                    table[i].Claim();
                    return table[i];
                }
            }

            return null;
        }

        internal int Capacity(SocketType type)
        {
            return Of(type).Length;
        }

        internal int InUse(SocketType type)
        {
            Socket[] table = Of(type);
            int n = 0;
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].IsOpen)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Signals every socket in use whose change count moved since the last call (network thread, under the lock).</summary>
        internal void SignalChanges()
        {
            Signal(_stream);
            Signal(_dgram);
        }

        private static void Signal(Socket[] table)
        {
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i].IsOpen)
                {
                    table[i].SignalIfChangedLocked();
                }
            }
        }
    }
}
