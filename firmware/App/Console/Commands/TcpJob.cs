using NanoIP.Network;
using NanoIP.Sockets;

namespace NanoIP.App.Console.Commands
{
    /// <summary>
    /// The "tcp" command's state machine over non-blocking sockets: resolving a name,
    /// connecting or listening, then connected (printing what arrives) until the peer closes,
    /// an error, or Ctrl-C. "tcp open" ends the job once connected and keeps the connection
    /// (Held) for "tcp send", "tcp recv" and "tcp close", so other commands (netstat) can run
    /// meanwhile. Socket calls take the socket lock, which the console already holds (it is
    /// re-entrant).
    /// </summary>
    public sealed class TcpJob : IConsoleJob
    {
        private const int StateIdle = 0;
        private const int StateConnecting = 1;
        private const int StateListening = 2;
        private const int StateConnected = 3;
        private const int StateResolving = 4;

        // Allocated on the first "tcp" run and kept: most consoles never use it.
        private byte[] _buffer;
        private int _state;
        private Socket _socket;
        private Socket _listener;
        private Socket _held;
        private string _text;
        private string _host;
        private int _port;
        private bool _detach;
        private int _resolveHandle;

        public long NextDueMs
        {
            get { return NetTime.Never; }
        }

        /// <summary>The connection "tcp open" left open, null when none.</summary>
        public Socket Held
        {
            get { return _held; }
        }

        /// <summary>
        /// Connects to host (a dotted quad, or a name looked up through ctx.Resolver) and port.
        /// detach: end the job once connected and keep the connection as Held ("tcp open").
        /// </summary>
        public IConsoleJob Connect(ConsoleContext ctx, string host, int port, string text, bool detach)
        {
            _text = text;
            _port = port;
            _detach = detach;
            _host = host;
            uint address;
            if (ConsoleParse.TryAddress(host, out address))
            {
                return StartConnect(ctx, address) ? this : null;
            }

            int h = ctx.Resolver.Begin(host, ctx.NowMs);
            if (h < 0)
            {
                ctx.WriteLine("tcp: " + host + ": Temporary failure in name resolution");
                return null;
            }

            _resolveHandle = h;
            _state = StateResolving;
            return this;
        }

        private bool StartConnect(ConsoleContext ctx, uint address)
        {
            Socket s;
            try
            {
                s = ctx.Network.CreateSocket(SocketType.Stream);
            }
            catch (SocketException e)
            {
                ctx.WriteLine("tcp: socket: " + TextFormat.ErrorText(e.ErrorCode));
                return false;
            }

            s.Blocking = false;
            try
            {
                s.Connect(new IPEndPoint(address, _port));
            }
            catch (SocketException e)
            {
                if (e.ErrorCode != SocketError.InProgress)
                {
                    s.Close();
                    ctx.WriteLine("tcp: connect: " + TextFormat.ErrorText(e.ErrorCode));
                    return false;
                }
            }

            _socket = s;
            _state = StateConnecting;
            ctx.WriteLine("connecting to " + TextFormat.EndPoint(address, _port));
            return true;
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
            _detach = false;
            _state = StateListening;
            ctx.WriteLine("listening on " + TextFormat.EndPoint(0, port));
            return this;
        }

        public bool Step(ConsoleContext ctx)
        {
            if (_state == StateResolving)
            {
                uint address;
                int looked = HostLookup.Finish(ctx, _resolveHandle, "tcp", _host, out address);
                if (looked < 0)
                {
                    return false;
                }

                _state = StateIdle;
                if (looked == 0)
                {
                    return true;
                }

                if (!StartConnect(ctx, address))
                {
                    return true;
                }
            }

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
                    SendLine(ctx, _socket, _text);
                }

                if (_detach)
                {
                    // "tcp open": the connection stays for send/recv/close; the prompt comes back.
                    _held = _socket;
                    _socket = null;
                    _state = StateIdle;
                    return true;
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
                int r = Drain(ctx, _socket);
                if (r != 0)
                {
                    return End();
                }

                return false;
            }

            return true;
        }

        /// <summary>"tcp send TEXT": TEXT and CRLF on the held connection.</summary>
        public void SendHeld(ConsoleContext ctx, string text)
        {
            if (SendLine(ctx, _held, text))
            {
                ctx.WriteLine("sent " + (text.Length + 2).ToString() + " bytes");
            }
        }

        /// <summary>"tcp recv": prints what the held connection has received; closes it when the peer has closed.</summary>
        public void ReceiveHeld(ConsoleContext ctx)
        {
            if (Drain(ctx, _held) != 0)
            {
                CloseHeld();
            }
        }

        /// <summary>"tcp close": closes the held connection (FIN; the socket returns to the table).</summary>
        public void CloseHeld()
        {
            if (_held != null)
            {
                _held.Close();
                _held = null;
            }
        }

        /// <summary>"tcp shutdown": half-close, our FIN goes out; what the peer still sends can be read with "tcp recv".</summary>
        public void ShutdownHeld(ConsoleContext ctx)
        {
            try
            {
                _held.Shutdown(SocketShutdown.Send);
                ctx.WriteLine("shut down sending (FIN sent); 'tcp recv' still reads");
            }
            catch (SocketException e)
            {
                ctx.WriteLine("tcp: shutdown: " + TextFormat.ErrorText(e.ErrorCode));
            }
        }

        /// <summary>"tcp abort": RST instead of FIN (RFC 9293 3.10.5 ABORT); the socket returns to the table at once.</summary>
        public void AbortHeld()
        {
            if (_held != null)
            {
                _held.Abort();
                _held = null;
            }
        }

        public void Cancel(ConsoleContext ctx)
        {
            if (_state == StateResolving)
            {
                ctx.Resolver.End(_resolveHandle);
                _state = StateIdle;
                return;
            }

            if (_state != StateIdle)
            {
                ctx.WriteLine("closed");
            }

            End();
        }

        private static bool SendLine(ConsoleContext ctx, Socket s, string text)
        {
            byte[] data = TextFormat.Ascii(text + "\r\n");
            SocketError e;
            int sent = s.Send(data, 0, data.Length, out e);
            if (e != SocketError.Success || sent != data.Length)
            {
                ctx.WriteLine("tcp: send: " + TextFormat.ErrorText(e == SocketError.Success ? SocketError.NoBufferSpace : e));
                return false;
            }

            return true;
        }

        /// <summary>Prints what has arrived (16 reads at most): 0 while open, 1 when the peer closed or the connection failed.</summary>
        private int Drain(ConsoleContext ctx, Socket s)
        {
            if (_buffer == null)
            {
                _buffer = new byte[256];
            }

            for (int i = 0; i < 16; i++)
            {
                SocketError e;
                int n = s.Receive(_buffer, 0, _buffer.Length, out e);
                if (e == SocketError.WouldBlock)
                {
                    return 0;
                }

                if (e != SocketError.Success)
                {
                    ctx.WriteLine("tcp: " + TextFormat.ErrorText(e));
                    return 1;
                }

                if (n == 0)
                {
                    ctx.WriteLine("connection closed by peer");
                    return 1;
                }

                ctx.Write(TextFormat.Printable(_buffer, 0, n));
            }

            return 0;
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
