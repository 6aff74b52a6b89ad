using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Sockets
{
    /// <summary>
    /// Two stacks on a virtual wire with virtual time, each behind a NetworkContext whose
    /// blocking calls pump the whole wire (PumpingSocketWaiter): A = 192.168.1.10,
    /// B = 192.168.1.20, /24, no gateway. One action can be scheduled at a virtual time, so
    /// something can happen "while" a test's thread is blocked in a socket call.
    /// </summary>
    public sealed class SocketRig : INetworkPump, IClock
    {
        public static readonly uint IpA = IPv4.FromBytes(192, 168, 1, 10);
        public static readonly uint IpB = IPv4.FromBytes(192, 168, 1, 20);
        /// <summary>On the subnet, but nobody answers ARP for it.</summary>
        public static readonly uint Nobody = IPv4.FromBytes(192, 168, 1, 99);

        public readonly VirtualNetwork Net;
        public readonly NetConfig Config;
        public readonly NetStack StackA;
        public readonly NetStack StackB;
        public readonly NetworkContext A;
        public readonly NetworkContext B;
        public readonly PumpingSocketWaiter Waiter;
        private NetCondition _action;
        private long _actionAt = NetTime.Never;

        public SocketRig()
            : this(new NetConfig(), 1)
        {
        }

        public SocketRig(NetConfig config, int latencyMs)
        {
            Config = config;
            Net = new VirtualNetwork(latencyMs);
            StackA = Net.AddStack(config, 1, IpA, 24);
            StackB = Net.AddStack(config, 2, IpB, 24);
            Waiter = new PumpingSocketWaiter(this);
            A = new NetworkContext(config, StackA, this, Waiter);
            B = new NetworkContext(config, StackB, this, Waiter);
            Net.RunFor(3000); // Gratuitous ARP announcements settle.
            PrimeArp();
        }

        public long NowMs
        {
            get { return Net.Now; }
        }

        public long PollAll()
        {
            if (_action != null && Net.Now >= _actionAt)
            {
                NetCondition action = _action;
                _action = null;
                _actionAt = NetTime.Never;
                action();
            }

            long next = Net.PollAll();
            return next < _actionAt ? next : _actionAt;
        }

        public void AdvanceTo(long timeMs)
        {
            Net.Now = timeMs;
        }

        /// <summary>Runs action (its result is ignored) once virtual time reaches now + delayMs, from inside whatever is pumping then.</summary>
        public void At(long delayMs, NetCondition action)
        {
            _actionAt = Net.Now + delayMs;
            _action = action;
        }

        public static IPEndPoint EndPoint(uint address, int port)
        {
            return new IPEndPoint(address, port);
        }

        /// <summary>A listening stream socket on ctx, bound to any:port.</summary>
        public static Socket Listener(NetworkContext ctx, int port, int backlog)
        {
            Socket s = ctx.CreateSocket(SocketType.Stream);
            s.Bind(new IPEndPoint(IPEndPoint.Any, port));
            s.Listen(backlog);
            return s;
        }

        /// <summary>A client on A connected (blocking) to a listener on B at port, and the server's accepted socket.</summary>
        public void Connect(Socket listener, int port, out Socket client, out Socket server)
        {
            client = A.CreateSocket(SocketType.Stream);
            client.Connect(new IPEndPoint(IpB, port));
            listener.ReceiveTimeout = 5000;
            server = listener.Accept();
        }

        /// <summary>A listener on B:80 and a client on A connected to it; the listener is not needed afterwards.</summary>
        public void ConnectPair(out Socket client, out Socket server)
        {
            Connect(Listener(B, 80, 2), 80, out client, out server);
        }

        /// <summary>Receives exactly count bytes (blocking) into buffer; returns how many arrived before end of stream.</summary>
        public static int ReceiveAll(Socket s, byte[] buffer, int count)
        {
            int got = 0;
            for (int guard = 0; got < count && guard < 100000; guard++)
            {
                int n = s.Receive(buffer, got, count - got);
                if (n == 0)
                {
                    break;
                }

                got += n;
            }

            return got;
        }

        public static byte[] Pattern(int length, int seed)
        {
            byte[] b = new byte[length];
            for (int i = 0; i < length; i++)
            {
                b[i] = (byte)(i * 31 + seed + (i >> 8));
            }

            return b;
        }

        public static bool Same(byte[] a, byte[] b, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One datagram each way so both ARP caches hold the other side before a test starts.</summary>
        private void PrimeArp()
        {
            Socket a = A.CreateSocket(SocketType.Dgram);
            Socket b = B.CreateSocket(SocketType.Dgram);
            b.Bind(new IPEndPoint(IPEndPoint.Any, 9));
            a.SendTo(new byte[1], new IPEndPoint(IpB, 9));
            b.ReceiveTimeout = 5000;
            IPEndPoint from = new IPEndPoint(0, 0);
            b.ReceiveFrom(new byte[4], ref from);
            b.SendTo(new byte[1], from);
            a.ReceiveTimeout = 5000;
            a.ReceiveFrom(new byte[4], ref from);
            a.Close();
            b.Close();
        }
    }
}
