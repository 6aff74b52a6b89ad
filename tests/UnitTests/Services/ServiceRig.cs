using NanoIP.Network;
using NanoIP.Services.Apps;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Services
{
    /// <summary>
    /// Two stacks on a virtual wire with virtual time: clients on A (192.168.1.10) use
    /// blocking sockets whose waits pump the wire, the stack and B's ServiceHost
    /// (192.168.1.20), as the firmware's network thread does: stack poll, then services poll.
    /// </summary>
    public sealed class ServiceRig : INetworkPump, IClock
    {
        public static readonly uint IpA = IPv4.FromBytes(192, 168, 1, 10);
        public static readonly uint IpB = IPv4.FromBytes(192, 168, 1, 20);

        public readonly VirtualNetwork Net;
        public readonly NetConfig Config;
        public readonly NetStack StackA;
        public readonly NetStack StackB;
        public readonly NetworkContext A;
        public readonly NetworkContext B;
        public readonly ServiceOptions Options;
        public readonly ServiceHost Host;

        public ServiceRig(ServiceSet enabled)
            : this(Make(enabled), null)
        {
        }

        /// <param name="config">Null: defaults with 16 TCP blocks (all services with 2 connections need 11).</param>
        public ServiceRig(ServiceOptions options, NetConfig config)
        {
            if (config == null)
            {
                config = new NetConfig();
                config.TcpSockets = 16;
            }

            Config = config;
            Options = options;
            Net = new VirtualNetwork(1);
            StackA = Net.AddStack(config, 1, IpA, 24);
            StackB = Net.AddStack(config, 2, IpB, 24);
            PumpingSocketWaiter waiter = new PumpingSocketWaiter(this);
            A = new NetworkContext(config, StackA, this, waiter);
            B = new NetworkContext(config, StackB, this, waiter);
            Host = new ServiceHost(B, options);
            int failed = Host.Start();
            if (failed != 0)
            {
                throw new System.InvalidOperationException("services failed to start");
            }

            Net.RunFor(3000); // Gratuitous ARP announcements settle.
        }

        public static ServiceOptions Make(ServiceSet enabled)
        {
            ServiceOptions o = new ServiceOptions();
            o.Enabled = enabled;
            return o;
        }

        public long NowMs
        {
            get { return Net.Now; }
        }

        public long PollAll()
        {
            long next = Net.PollAll();
            next = NetTime.Earliest(next, Host.Poll(Net.Now));
            return NetTime.Earliest(next, Net.Wire.NextDeliveryMs); // What the services sent.
        }

        public void AdvanceTo(long timeMs)
        {
            Net.Now = timeMs;
        }

        /// <summary>Lets ms of virtual time pass, polling everything as the firmware would.</summary>
        public void Run(long ms)
        {
            long end = Net.Now + ms;
            int sameInstant = 0;
            for (int guard = 0; guard < 1000000 && Net.Now < end; guard++)
            {
                long next = PollAll();
                if (next <= Net.Now)
                {
                    if (++sameInstant < 8)
                    {
                        continue;
                    }

                    next = Net.Now + 1;
                }

                sameInstant = 0;
                Net.Now = next < end ? next : end;
            }

            PollAll();
        }

        /// <summary>A blocking client on A connected to B:port, with 10 s receive and send timeouts.</summary>
        public Socket Connect(int port)
        {
            return Connect(new IPEndPoint(IpB, port));
        }

        /// <summary>The same to a given endpoint (allocation tests reuse one).</summary>
        public Socket Connect(IPEndPoint server)
        {
            Socket c = A.CreateSocket(SocketType.Stream);
            c.ReceiveTimeout = 10000;
            c.SendTimeout = 10000;
            c.Connect(server);
            return c;
        }

        /// <summary>Reads until end of stream (or capacity, or a 10 s timeout); returns the count.</summary>
        public static int ReadToEnd(Socket s, byte[] buffer)
        {
            int got = 0;
            for (int guard = 0; guard < 100000 && got < buffer.Length; guard++)
            {
                SocketError e;
                int n = s.Receive(buffer, got, buffer.Length - got, out e);
                if (e != SocketError.Success || n == 0)
                {
                    break;
                }

                got += n;
            }

            return got;
        }

        /// <summary>
        /// Sends data and reads the echo at once (non-blocking both ways, so neither side's
        /// buffers fill up); returns the bytes received back into got.
        /// </summary>
        public static int EchoExchange(Socket c, byte[] data, int length, byte[] got)
        {
            bool wasBlocking = c.Blocking;
            c.Blocking = false;
            int sent = 0, received = 0;
            for (int guard = 0; guard < 100000 && received < length; guard++)
            {
                SocketError e;
                bool progress = false;
                if (sent < length)
                {
                    int n = c.Send(data, sent, length - sent, out e);
                    if (e == SocketError.Success && n > 0)
                    {
                        sent += n;
                        progress = true;
                    }
                    else if (e != SocketError.WouldBlock)
                    {
                        break;
                    }
                }

                int r = c.Receive(got, received, length - received, out e);
                if (e == SocketError.Success && r > 0)
                {
                    received += r;
                    progress = true;
                }
                else if (e != SocketError.WouldBlock)
                {
                    break;
                }

                if (!progress && !c.Poll(1000000, SelectMode.SelectRead) && sent == length)
                {
                    break; // All sent, nothing more coming for 1 s (longer than a delayed ACK).
                }
            }

            c.Blocking = wasBlocking;
            return received;
        }

        /// <summary>The text of buffer[0..count) (ASCII).</summary>
        public static string Text(byte[] buffer, int offset, int count)
        {
            char[] c = new char[count];
            for (int i = 0; i < count; i++)
            {
                c[i] = (char)buffer[offset + i];
            }

            return new string(c);
        }

        public static byte[] Ascii(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }

            return b;
        }
    }
}
