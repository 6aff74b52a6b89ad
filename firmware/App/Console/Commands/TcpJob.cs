using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>
    /// The "tcp" command's state machine over non-blocking sockets: connecting or listening,
    /// then connected (printing what arrives) until the peer closes, an error, or Ctrl-C.
    /// Socket calls take the socket lock, which the console already holds (it is re-entrant).
    /// </summary>
    public sealed class TcpJob : IConsoleJob
    {
        private const int StateIdle = 0;
        private const int StateConnecting = 1;
        private const int StateListening = 2;
        private const int StateConnected = 3;

        // Allocated on the first "tcp" run and kept: most consoles never use it.
        private byte[] _buffer;
        private int _state;
        private Socket _socket;
        private Socket _listener;
        private string _text;

        public long NextDueMs
        {
            get { return NetTime.Never; }
        }

        public IConsoleJob Connect(ConsoleContext ctx, uint address, int port, string text)
        {
            Socket s;
            try
            {
                s = ctx.Network.CreateSocket(SocketType.Stream);
            }
            catch (SocketException e)
            {
                ctx.WriteLine("tcp: socket: " + TextFormat.ErrorText(e.ErrorCode));
                return null;
            }

            s.Blocking = false;
            try
            {
                s.Connect(new IPEndPoint(address, port));
            }
            catch (SocketException e)
            {
                if (e.ErrorCode != SocketError.InProgress)
                {
                    s.Close();
                    ctx.WriteLine("tcp: connect: " + TextFormat.ErrorText(e.ErrorCode));
                    return null;
                }
            }

            _socket = s;
            _text = text;
            _state = StateConnecting;
            ctx.WriteLine("connecting to " + TextFormat.EndPoint(address, port));
            return this;
        }

        public IConsoleJob Listen(ConsoleContext ctx, int port)
        {
            Socket s;
            try
            {
                s = ctx.Network.CreateSocket(SocketType.Stream);
            }
            catch (SocketException e)
            {
                ctx.WriteLine("tcp: socket: " + TextFormat.ErrorText(e.ErrorCode));
                return null;
            }

            try
            {
                s.Bind(new IPEndPoint(IPEndPoint.Any, port));
                s.Listen(1);
            }
            catch (SocketException e)
            {
                s.Close();
                ctx.WriteLine("tcp: bind: " + TextFormat.ErrorText(e.ErrorCode));
                return null;
            }

            s.Blocking = false;
            _listener = s;
            _text = null;
            _state = StateListening;
            ctx.WriteLine("listening on " + TextFormat.EndPoint(0, port));
            return this;
        }

        public bool Step(ConsoleContext ctx)
        {
            if (_state == StateConnecting)
            {
                if (!_socket.Poll(0, SelectMode.SelectWrite))
                {
                    return false;
                }

                SocketError error = _socket.Error;
                if (error != SocketError.Success)
                {
                    ctx.WriteLine("tcp: connect: " + TextFormat.ErrorText(error));
                    return End();
                }

                IPEndPoint local = _socket.LocalEndPoint;
                ctx.WriteLine("connected from " + TextFormat.EndPoint(local.Address, local.Port));
                _state = StateConnected;
                if (_text != null)
                {
                    byte[] data = TextFormat.Ascii(_text + "\r\n");
                    SocketError e;
                    int sent = _socket.Send(data, 0, data.Length, out e);
                    if (e != SocketError.Success || sent != data.Length)
                    {
                        ctx.WriteLine("tcp: send: " + TextFormat.ErrorText(e == SocketError.Success ? SocketError.NoBufferSpace : e));
                    }
                }
            }

            if (_state == StateListening)
            {
                if (!_listener.Poll(0, SelectMode.SelectRead))
                {
                    return false;
                }

                try
                {
                    _socket = _listener.Accept();
                }
                catch (SocketException e)
                {
                    if (e.ErrorCode == SocketError.WouldBlock)
                    {
                        return false;
                    }

                    ctx.WriteLine("tcp: accept: " + TextFormat.ErrorText(e.ErrorCode));
                    return End();
                }

                _listener.Close();
                _listener = null;
                _socket.Blocking = false;
                IPEndPoint remote = _socket.RemoteEndPoint;
                ctx.WriteLine("connection from " + TextFormat.EndPoint(remote.Address, remote.Port));
                _state = StateConnected;
            }

            if (_state == StateConnected)
            {
                if (_buffer == null)
                {
                    _buffer = new byte[256];
                }

                for (int i = 0; i < 16; i++)
                {
                    SocketError e;
                    int n = _socket.Receive(_buffer, 0, _buffer.Length, out e);
                    if (e == SocketError.WouldBlock)
                    {
                        return false;
                    }

                    if (e != SocketError.Success)
                    {
                        ctx.WriteLine("tcp: " + TextFormat.ErrorText(e));
                        return End();
                    }

                    if (n == 0)
                    {
                        ctx.WriteLine("connection closed by peer");
                        return End();
                    }

                    ctx.Write(TextFormat.Printable(_buffer, 0, n));
                }

                return false;
            }

            return true;
        }

        public void Cancel(ConsoleContext ctx)
        {
            if (_state != StateIdle)
            {
                ctx.WriteLine("closed");
            }

            End();
        }

        private bool End()
        {
            if (_socket != null)
            {
                _socket.Close();
                _socket = null;
            }

            if (_listener != null)
            {
                _listener.Close();
                _listener = null;
            }

            _state = StateIdle;
            return true;
        }
    }
}
