namespace NanoIP.Sockets
{
    /// <summary>
    /// A System.IO.Stream over a connected stream Socket (System.Net.Sockets.NetworkStream's
    /// shape): Read is Receive (0 at end of stream), Write queues every byte (blocking Send),
    /// ReadTimeout/WriteTimeout are the socket's. Socket errors surface as IOException with
    /// the SocketException inside, as in .NET. Not seekable.
    /// </summary>
    public partial class NetworkStream : System.IO.Stream
    {
        /// <summary>Span reads go through this (its size bounds one such read).</summary>
        private const int ScratchSize = 256;
        private readonly Socket _socket;
        private readonly bool _ownsSocket;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _scratch = new byte[ScratchSize];
        private bool _disposed;

        public NetworkStream(Socket socket)
            : this(socket, false)
        {
        }

        /// <param name="ownsSocket">Dispose/Close of the stream closes the socket too.</param>
        public NetworkStream(Socket socket, bool ownsSocket)
        {
            if (socket == null)
            {
                throw new System.ArgumentNullException("socket");
            }

            if (socket.SocketType != SocketType.Stream || !socket.Connected)
            {
                throw new System.IO.IOException("NetworkStream needs a connected stream socket");
            }

            _socket = socket;
            _ownsSocket = ownsSocket;
        }

        public Socket Socket
        {
            get { return _socket; }
        }

        /// <summary>Whether Read would return data without waiting.</summary>
        public bool DataAvailable
        {
            get
            {
                ThrowIfDisposed();
                return _socket.Available > 0;
            }
        }

        public override bool CanRead
        {
            get { return !_disposed; }
        }

        public override bool CanWrite
        {
            get { return !_disposed; }
        }

        public override bool CanSeek
        {
            get { return false; }
        }

        public override bool CanTimeout
        {
            get { return true; }
        }

        /// <summary>The socket's ReceiveTimeout in ms; -1 (Timeout.Infinite) = none.</summary>
        public override int ReadTimeout
        {
            get { return _socket.ReceiveTimeout == 0 ? -1 : _socket.ReceiveTimeout; }
            set { _socket.ReceiveTimeout = CheckTimeout(value); }
        }

        /// <summary>The socket's SendTimeout in ms; -1 (Timeout.Infinite) = none.</summary>
        public override int WriteTimeout
        {
            get { return _socket.SendTimeout == 0 ? -1 : _socket.SendTimeout; }
            set { _socket.SendTimeout = CheckTimeout(value); }
        }

        private static int CheckTimeout(int value)
        {
            if (value == 0 || value < -1)
            {
                throw new System.ArgumentOutOfRangeException("value"); // As .NET: 0 is not a timeout.
            }

            return value;
        }

        public override long Length
        {
            get { throw new System.NotSupportedException(); }
        }

        public override long Position
        {
            get { throw new System.NotSupportedException(); }
            set { throw new System.NotSupportedException(); }
        }

        public override long Seek(long offset, System.IO.SeekOrigin origin)
        {
            throw new System.NotSupportedException();
        }

        public override void SetLength(long value)
        {
            throw new System.NotSupportedException();
        }

        /// <summary>Up to count bytes; 0 at end of stream. Waits for data up to ReadTimeout.</summary>
        public override int Read(byte[] buffer, int offset, int count)
        {
            ThrowIfDisposed();
            if (buffer == null)
            {
                throw new System.ArgumentNullException("buffer");
            }

            if (offset < 0 || count < 0 || count > buffer.Length - offset)
            {
                throw new System.ArgumentOutOfRangeException(offset < 0 ? "offset" : "count");
            }

            if (count == 0)
            {
                return 0; // As .NET: an empty read does not wait.
            }

            SocketError e;
            int n = _socket.Receive(buffer, offset, count, out e);
            if (e != SocketError.Success)
            {
                throw Failure(e);
            }

            return n;
        }

        /// <summary>Queues all count bytes for sending, waiting for room up to WriteTimeout.</summary>
        public override void Write(byte[] buffer, int offset, int count)
        {
            ThrowIfDisposed();
            SocketError e;
            int n = _socket.Send(buffer, offset, count, out e);
            if (e != SocketError.Success || n < count)
            {
                throw Failure(e == SocketError.Success ? SocketError.TimedOut : e);
            }
        }

        public override int ReadByte()
        {
            return Read(_one, 0, 1) == 0 ? -1 : _one[0];
        }

        public override void WriteByte(byte value)
        {
            _one[0] = value;
            Write(_one, 0, 1);
        }

        /// <summary>Nothing to do: written bytes are already TCP's, and the network thread was woken to send them.</summary>
        public override void Flush()
        {
        }

        protected override void Dispose(bool disposing)
        {
            if (!_disposed)
            {
                _disposed = true;
                if (disposing && _ownsSocket)
                {
                    _socket.Close();
                }
            }

            base.Dispose(disposing);
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new System.ObjectDisposedException("NetworkStream");
            }
        }

        private static System.IO.IOException Failure(SocketError e)
        {
            return new System.IO.IOException("socket error: " + SocketException.Describe(e), new SocketException(e));
        }
    }
}
