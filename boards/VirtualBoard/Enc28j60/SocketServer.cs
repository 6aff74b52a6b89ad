using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// Serves a model over a Unix domain socket so a process in any language can drive it: SPI transactions,
/// frames from the wire, link, reset, clock, INT. Message = type (1 byte), payload length (4 bytes, little
/// endian), payload. Every request gets one reply of type (request | 0x80), or 0xFF with a UTF-8 error text.
/// After SUBSCRIBE the server also pushes FRAME_TRANSMITTED and INT_CHANGED notifications, in order with the
/// replies. See README.md beside this file.
/// </summary>
public sealed class Enc28j60SocketServer : IDisposable
{
    public const byte SpiTransfer = 0x01;
    public const byte DeliverFrame = 0x02;
    public const byte GetInt = 0x03;
    public const byte SetLink = 0x04;
    public const byte PowerOnReset = 0x05;
    public const byte AdvanceClock = 0x06;
    public const byte GetCounters = 0x07;
    public const byte Subscribe = 0x08;
    public const byte ReplyFlag = 0x80;
    public const byte FrameTransmittedNotification = 0x90;
    public const byte IntChangedNotification = 0x91;
    public const byte Error = 0xFF;

    public const byte SubscribeFrames = 0x01;
    public const byte SubscribeInt = 0x02;

    /// <summary>Largest payload accepted (an SPI transaction reading the whole buffer fits).</summary>
    public const int MaxPayload = 64 * 1024;

    private readonly Enc28j60Model _model;
    private readonly string _path;
    private readonly Socket _listener;
    private readonly List<Client> _clients = new();
    private readonly Thread _acceptThread;
    private volatile bool _stopping;

    public Enc28j60SocketServer(Enc28j60Model model, string path)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _path = path ?? throw new ArgumentNullException(nameof(path));
        if (File.Exists(path))
        {
            File.Delete(path); // a stale socket file from an earlier run
        }

        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(8);
        _model.FrameTransmitted += OnFrameTransmitted;
        _model.IntChanged += OnIntChanged;
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "enc28j60-socket-accept" };
        _acceptThread.Start();
    }

    public string Path => _path;

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _model.FrameTransmitted -= OnFrameTransmitted;
        _model.IntChanged -= OnIntChanged;
        _listener.Dispose();
        Client[] clients;
        lock (_clients)
        {
            clients = _clients.ToArray();
            _clients.Clear();
        }

        foreach (Client c in clients)
        {
            c.Close();
        }

        _acceptThread.Join(TimeSpan.FromSeconds(2));
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception) when (_stopping)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            var client = new Client(this, socket);
            lock (_clients)
            {
                _clients.Add(client);
            }

            client.Start();
        }
    }

    private void OnFrameTransmitted(byte[] frame) => Broadcast(SubscribeFrames, FrameTransmittedNotification, frame);

    private void OnIntChanged(bool asserted) => Broadcast(SubscribeInt, IntChangedNotification, new[] { asserted ? (byte)1 : (byte)0 });

    private void Broadcast(byte subscription, byte type, byte[] payload)
    {
        Client[] clients;
        lock (_clients)
        {
            clients = _clients.ToArray();
        }

        foreach (Client c in clients)
        {
            if ((c.Subscriptions & subscription) != 0)
            {
                c.Send(type, payload);
            }
        }
    }

    private void Remove(Client client)
    {
        lock (_clients)
        {
            _clients.Remove(client);
        }
    }

    private (byte Type, byte[] Payload) Handle(Client client, byte type, byte[] payload)
    {
        switch (type)
        {
            case SpiTransfer:
                return (SpiTransfer | ReplyFlag, _model.Transfer(payload));
            case DeliverFrame:
                bool accepted = _model.DeliverFrame(payload);
                return (DeliverFrame | ReplyFlag, new[] { accepted ? (byte)1 : (byte)0 });
            case GetInt:
                return (GetInt | ReplyFlag, new[] { _model.IntAsserted ? (byte)1 : (byte)0 });
            case SetLink:
                if (payload.Length != 1)
                {
                    return Fail("SET_LINK takes 1 byte");
                }

                _model.LinkUp = payload[0] != 0;
                return (SetLink | ReplyFlag, Array.Empty<byte>());
            case PowerOnReset:
                _model.PowerOnReset();
                return (PowerOnReset | ReplyFlag, Array.Empty<byte>());
            case AdvanceClock:
                if (payload.Length != 8)
                {
                    return Fail("ADVANCE_CLOCK takes 8 bytes");
                }

                if (_model.Options.Clock == null)
                {
                    return Fail("the model has no clock");
                }

                _model.Options.Clock.Advance(BinaryPrimitives.ReadInt64LittleEndian(payload));
                _model.Service();
                var now = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(now, _model.Options.Clock.NowNanoseconds);
                return (AdvanceClock | ReplyFlag, now);
            case GetCounters:
                var counters = new byte[16];
                BinaryPrimitives.WriteInt64LittleEndian(counters, _model.SpiTransactions);
                BinaryPrimitives.WriteInt64LittleEndian(counters.AsSpan(8), _model.SpiBytes);
                return (GetCounters | ReplyFlag, counters);
            case Subscribe:
                if (payload.Length != 1)
                {
                    return Fail("SUBSCRIBE takes 1 byte");
                }

                client.Subscriptions = payload[0];
                return (Subscribe | ReplyFlag, Array.Empty<byte>());
            default:
                return Fail("unknown message type 0x" + type.ToString("X2"));
        }

        static (byte, byte[]) Fail(string text) => (Error, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>One connection: a reader thread runs requests; a writer thread sends replies and notifications in order.</summary>
    private sealed class Client
    {
        private readonly Enc28j60SocketServer _server;
        private readonly Socket _socket;
        private readonly BlockingCollection<byte[]> _outgoing = new();
        private volatile int _subscriptions;

        public Client(Enc28j60SocketServer server, Socket socket)
        {
            _server = server;
            _socket = socket;
        }

        public byte Subscriptions
        {
            get => (byte)_subscriptions;
            set => _subscriptions = value;
        }

        public void Start()
        {
            new Thread(ReadLoop) { IsBackground = true, Name = "enc28j60-socket-read" }.Start();
            new Thread(WriteLoop) { IsBackground = true, Name = "enc28j60-socket-write" }.Start();
        }

        public void Send(byte type, byte[] payload)
        {
            var message = new byte[5 + payload.Length];
            message[0] = type;
            BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(1), payload.Length);
            payload.CopyTo(message, 5);
            try
            {
                _outgoing.Add(message);
            }
            catch (InvalidOperationException)
            {
                // closed
            }
        }

        public void Close()
        {
            _outgoing.CompleteAdding();
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            _socket.Dispose();
        }

        private void ReadLoop()
        {
            var header = new byte[5];
            try
            {
                while (ReadExactly(header))
                {
                    byte type = header[0];
                    int length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(1));
                    if (length < 0 || length > MaxPayload)
                    {
                        Send(Error, Encoding.UTF8.GetBytes("payload length out of range"));
                        break;
                    }

                    var payload = new byte[length];
                    if (!ReadExactly(payload))
                    {
                        break;
                    }

                    (byte replyType, byte[] reply) = _server.Handle(this, type, payload);
                    Send(replyType, reply);
                }
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            catch (Exception e)
            {
                Send(Error, Encoding.UTF8.GetBytes(e.GetType().Name + ": " + e.Message));
            }

            _server.Remove(this);
            _outgoing.CompleteAdding();
        }

        private void WriteLoop()
        {
            try
            {
                foreach (byte[] message in _outgoing.GetConsumingEnumerable())
                {
                    int sent = 0;
                    while (sent < message.Length)
                    {
                        sent += _socket.Send(message, sent, message.Length - sent, SocketFlags.None);
                    }
                }

                _socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
            finally
            {
                _socket.Dispose();
            }
        }

        private bool ReadExactly(byte[] buffer)
        {
            int read = 0;
            while (read < buffer.Length)
            {
                int n = _socket.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
                if (n == 0)
                {
                    return false;
                }

                read += n;
            }

            return true;
        }
    }
}
