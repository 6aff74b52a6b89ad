using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>"udp listen": a bound non-blocking datagram socket whose datagrams are printed as they arrive, until Ctrl-C.</summary>
    public sealed class UdpListenJob : IConsoleJob
    {
        // Allocated on the first "udp listen" and kept: most consoles never use it.
        private byte[] _buffer;
        private IPEndPoint _from;
        private Socket _socket;

        public long NextDueMs
        {
            get { return NetTime.Never; }
        }

        public IConsoleJob Start(ConsoleContext ctx, int port)
        {
            Socket s;
            try
            {
                s = ctx.Network.CreateSocket(SocketType.Dgram);
            }
            catch (SocketException e)
            {
                ctx.WriteLine("udp: socket: " + TextFormat.ErrorText(e.ErrorCode));
                return null;
            }

            try
            {
                s.Bind(new IPEndPoint(IPEndPoint.Any, port));
            }
            catch (SocketException e)
            {
                s.Close();
                ctx.WriteLine("udp: bind: " + TextFormat.ErrorText(e.ErrorCode));
                return null;
            }

            s.Blocking = false;
            _socket = s;
            if (_buffer == null)
            {
                _buffer = new byte[ctx.Stack.Udp.MaxDatagramSize];
                _from = new IPEndPoint(0, 0);
            }

            ctx.WriteLine("listening on " + TextFormat.EndPoint(0, port));
            return this;
        }

        public bool Step(ConsoleContext ctx)
        {
            for (int i = 0; i < 8 && _socket.Poll(0, SelectMode.SelectRead); i++)
            {
                IPEndPoint from = _from;
                int n;
                try
                {
                    n = _socket.ReceiveFrom(_buffer, 0, _buffer.Length, ref from);
                }
                catch (SocketException e)
                {
                    if (e.ErrorCode == SocketError.WouldBlock)
                    {
                        return false;
                    }

                    // A truncated datagram (MessageSize) or an ICMP error: report it and go on.
                    ctx.WriteLine("udp: " + TextFormat.ErrorText(e.ErrorCode));
                    continue;
                }

                ctx.WriteLine("from " + TextFormat.EndPoint(from.Address, from.Port) + " (" + n.ToString() + " bytes): "
                    + TextFormat.Printable(_buffer, 0, n));
            }

            return false;
        }

        public void Cancel(ConsoleContext ctx)
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }
        }
    }
}
