namespace NanoIP.Transport.Tcp
{
    /// <summary>
    /// Local ports: conflicts on bind/listen/connect and ephemeral selection.
    ///
    /// Rules, as Linux applies them:
    /// - Two sockets conflict when their ports are equal and their addresses overlap (equal,
    ///   or either is the wildcard 0), unless both set ReuseAddress and the existing one is
    ///   not listening (SO_REUSEADDR as Linux has it), or both set ReuseAddress and one is
    ///   the wildcard, the other a specific address (BSD's SO_REUSEADDR: a specific listener
    ///   beside a wildcard one; the demultiplexer prefers the specific one).
    /// - A port held only by TIME-WAIT entries is taken for bind() unless the new socket sets
    ///   ReuseAddress: the classic "address already in use" after a server restart, which
    ///   SO_REUSEADDR exists to lift.
    /// - Ephemeral ports (NetConfig.EphemeralPortFirst..Last) are searched from a point that
    ///   moves on after each pick (started from the keyed hash, RFC 6056 §3.3.5 in spirit),
    ///   skipping every port any socket or TIME-WAIT entry holds.
    /// </summary>
    public sealed partial class TcpLayer
    {
        private bool PortConflict(TcpConnection self, uint local, int port)
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c == self || c.Owner == TcpOwner.Free || !c.Bound || c.LocalPort != port)
                {
                    continue;
                }

                if (local != 0 && c.LocalAddress != 0 && c.LocalAddress != local)
                {
                    continue;
                }

                if (self.ReuseAddress && c.ReuseAddress && (c.State != TcpState.Listen || c.LocalAddress != local))
                {
                    continue;
                }

                return true;
            }

            return !self.ReuseAddress && _timeWait.PortInUse(local, port);
        }

        private bool PortHeldByAnyone(int port)
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c.Owner != TcpOwner.Free && c.Bound && c.LocalPort == port)
                {
                    return true;
                }
            }

            return _timeWait.PortInUse(0, port);
        }

        /// <summary>A free ephemeral port, or 0 when the whole range is taken.</summary>
        private int PickEphemeralPort()
        {
            int first = _config.EphemeralPortFirst;
            int range = _config.EphemeralPortLast - first + 1;
            if (first < 1 || range < 1 || first + range - 1 > 65535)
            {
                return 0;
            }

            for (int k = 0; k < range; k++)
            {
                int port = first + (_nextEphemeral % range);
                _nextEphemeral = (_nextEphemeral + 1) % range;
                if (!PortHeldByAnyone(port))
                {
                    return port;
                }
            }

            return 0;
        }

        /// <summary>Whether a connection or TIME-WAIT entry already uses this exact 4-tuple.</summary>
        private bool TupleInUse(TcpConnection self, uint local, int localPort, uint remote, int remotePort)
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                TcpConnection c = _connections[i];
                if (c != self && c.Owner != TcpOwner.Free && c.IsActive && c.LocalPort == localPort && c.RemotePort == remotePort
                    && c.RemoteAddress == remote && (c.LocalAddress == local || c.LocalAddress == 0))
                {
                    return true;
                }
            }

            return _timeWait.Find(local, remote, localPort, remotePort) >= 0;
        }
    }
}
