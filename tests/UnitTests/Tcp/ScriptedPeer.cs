using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>
    /// A hand-driven TCP peer (in the manner of smoltcp's send!/recv! tests): it builds exact
    /// segments, feeds them to the layer under test on a virtual clock, and takes the layer's
    /// replies from a TestIpSender one by one.
    /// </summary>
    public sealed class ScriptedPeer
    {
        public const uint LocalIp = 0x0A000001; // 10.0.0.1, the layer under test
        public const uint PeerIp = 0x0A000002; // 10.0.0.2, this scripted peer

        public readonly NetConfig Config;
        public readonly TestIpSender Ip;
        public readonly TcpLayer Layer;
        private readonly byte[] _frame = new byte[9000];

        public long Now = 1000;
        public int PeerPort = 40000;
        public int LocalPort = 80;
        /// <summary>The peer's initial sequence number.</summary>
        public uint PeerIss = 1000;
        /// <summary>The next sequence number the peer sends.</summary>
        public uint PeerNxt;
        /// <summary>What the peer acknowledges (the layer's next sequence number).</summary>
        public uint PeerAck;
        public int PeerWindow = 8192;
        /// <summary>When set, every segment the peer sends carries RFC 7323 timestamps PeerTsVal and PeerTsEcr.</summary>
        public bool PeerTimestamps;
        public uint PeerTsVal;
        public uint PeerTsEcr;
        /// <summary>The layer's ISS as seen on its SYN or SYN-ACK.</summary>
        public uint LayerIss;

        public ScriptedPeer() : this(DefaultConfig())
        {
        }

        public ScriptedPeer(NetConfig config)
        {
            Config = config;
            Ip = new TestIpSender(LocalIp);
            Layer = new TcpLayer(config, Ip);
        }

        public static NetConfig DefaultConfig()
        {
            NetConfig c = new NetConfig();
            c.TcpSockets = 4;
            c.TcpSendBufferSize = 8192;
            c.TcpReceiveBufferSize = 4096;
            c.MaxSynQueue = 4;
            c.MaxAcceptQueue = 4;
            c.TimeWaitEntries = 4;
            c.DelayedAckMs = 200;
            return c;
        }

        /// <summary>Injects one segment from the peer; returns Layer.Receive's answer.</summary>
        public bool Send(uint seq, uint ack, int flags, int window, byte[] data, int mss)
        {
            int o = 34; // Where TCP sits in a real frame.
            int headerLength = 20 + (mss > 0 ? 4 : 0) + (PeerTimestamps ? 12 : 0);
            int dataLength = data == null ? 0 : data.Length;
            NetOrder.WriteUInt16(_frame, o, PeerPort);
            NetOrder.WriteUInt16(_frame, o + 2, LocalPort);
            NetOrder.WriteUInt32(_frame, o + 4, seq);
            NetOrder.WriteUInt32(_frame, o + 8, ack);
            _frame[o + 12] = (byte)((headerLength / 4) << 4);
            _frame[o + 13] = (byte)flags;
            NetOrder.WriteUInt16(_frame, o + 14, window);
            _frame[o + 16] = 0;
            _frame[o + 17] = 0;
            _frame[o + 18] = 0;
            _frame[o + 19] = 0;
            if (mss > 0)
            {
                _frame[o + 20] = 2;
                _frame[o + 21] = 4;
                NetOrder.WriteUInt16(_frame, o + 22, mss);
            }

            if (PeerTimestamps)
            {
                int t = o + (mss > 0 ? 24 : 20);
                _frame[t] = 1;
                _frame[t + 1] = 1;
                _frame[t + 2] = 8;
                _frame[t + 3] = 10;
                NetOrder.WriteUInt32(_frame, t + 4, PeerTsVal);
                NetOrder.WriteUInt32(_frame, t + 8, PeerTsEcr);
            }

            if (dataLength > 0)
            {
                System.Array.Copy(data, 0, _frame, o + headerLength, dataLength);
            }

            int length = headerLength + dataLength;
            uint sum = InternetChecksum.AddPseudoHeader(0, PeerIp, LocalIp, IpProtocol.Tcp, length);
            sum = InternetChecksum.Add(sum, _frame, o, length);
            NetOrder.WriteUInt16(_frame, o + 16, InternetChecksum.Finish(sum));
            return Layer.Receive(PeerIp, LocalIp, false, _frame, o, length, Now);
        }

        /// <summary>A segment at PeerNxt acknowledging PeerAck with the peer's window.</summary>
        public bool Send(int flags)
        {
            return Send(PeerNxt, PeerAck, flags, PeerWindow, null, 0);
        }

        /// <summary>Data at PeerNxt (ACK|PSH); PeerNxt moves past it.</summary>
        public bool SendData(byte[] data)
        {
            bool r = Send(PeerNxt, PeerAck, TcpFlags.Ack | TcpFlags.Psh, PeerWindow, data, 0);
            PeerNxt += (uint)data.Length;
            return r;
        }

        /// <summary>The next segment the layer sent; fails the test when there is none.</summary>
        public SentSegment Expect()
        {
            SentSegment s = Ip.Take();
            Assert.IsNotNull(s, "expected a segment from the layer");
            Assert.IsTrue(s.ChecksumOk, "checksum of " + s.ToString());
            Assert.AreEqual(PeerIp, s.Destination);
            Assert.AreEqual(PeerPort, s.DestinationPort);
            return s;
        }

        /// <summary>The next segment, which must carry exactly these flags (PSH ignored).</summary>
        public SentSegment Expect(int flags)
        {
            SentSegment s = Expect();
            Assert.AreEqual(flags, s.Flags & ~TcpFlags.Psh, "flags of " + s.ToString());
            return s;
        }

        /// <summary>The next segment must be a pure ACK of ack.</summary>
        public SentSegment ExpectAck(uint ack)
        {
            SentSegment s = Expect(TcpFlags.Ack);
            Assert.AreEqual(0, s.Data.Length, "payload of " + s.ToString());
            Assert.AreEqual(ack, s.Ack, "ack of " + s.ToString());
            return s;
        }

        public void ExpectNothing()
        {
            SentSegment s = Ip.Take();
            Assert.IsNull(s, s == null ? "" : "unexpected " + s.ToString());
        }

        public long Poll()
        {
            return Layer.Poll(Now);
        }

        /// <summary>Moves the clock to t and polls once.</summary>
        public void AdvanceTo(long t)
        {
            Now = t;
            Layer.Poll(Now);
        }

        /// <summary>
        /// Follows the layer's own deadlines (Poll's return value) until it emits a segment or
        /// the clock passes limit; returns true when a segment is waiting.
        /// </summary>
        public bool RunUntilSegment(long limit)
        {
            for (int guard = 0; guard < 100000; guard++)
            {
                long next = Layer.Poll(Now);
                if (Ip.Count > 0)
                {
                    return true;
                }

                if (next == long.MaxValue || next > limit)
                {
                    Now = limit;
                    Layer.Poll(Now);
                    return Ip.Count > 0;
                }

                Now = next > Now ? next : Now + 1;
            }

            return Ip.Count > 0;
        }

        public int OpenListener(int backlog)
        {
            int h;
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Open(out h));
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Bind(h, 0, LocalPort));
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Listen(h, backlog));
            return h;
        }

        /// <summary>Peer SYN → SYN-ACK → ACK; the layer has listener lh. Returns nothing accepted yet.</summary>
        public void PassiveHandshake(int mss)
        {
            PeerNxt = PeerIss;
            Send(PeerNxt, 0, TcpFlags.Syn, PeerWindow, null, mss);
            SentSegment synAck = Expect(TcpFlags.Syn | TcpFlags.Ack);
            Assert.AreEqual(PeerIss + 1, synAck.Ack);
            LayerIss = synAck.Seq;
            PeerNxt = PeerIss + 1;
            PeerAck = LayerIss + 1;
            Send(TcpFlags.Ack);
        }

        /// <summary>Listener, handshake, accept: an ESTABLISHED handle.</summary>
        public int PassiveOpen()
        {
            int listener = OpenListener(4);
            PassiveHandshake(1460);
            int h;
            uint addr;
            int port;
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Accept(listener, out h, out addr, out port));
            Assert.AreEqual(PeerIp, addr);
            Assert.AreEqual(PeerPort, port);
            Assert.AreEqual((int)TcpState.Established, (int)Layer.GetState(h));
            ExpectNothing();
            return h;
        }

        /// <summary>connect() → SYN; the peer answers SYN-ACK with mss; the layer ACKs. Returns the handle.</summary>
        public int ActiveOpen(int mss)
        {
            return ActiveOpen(mss, PeerWindow, 0);
        }

        /// <summary>As ActiveOpen, with the peer's window and a SYN-ACK arriving rttMs after the SYN (the first RTT sample).</summary>
        public int ActiveOpen(int mss, int window, int rttMs)
        {
            int h;
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Open(out h));
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Bind(h, 0, LocalPort));
            Assert.AreEqual((int)SocketError.InProgress, (int)Layer.Connect(h, PeerIp, PeerPort, Now));
            SentSegment syn = Expect(TcpFlags.Syn);
            LayerIss = syn.Seq;
            PeerNxt = PeerIss;
            PeerWindow = window;
            Now += rttMs;
            Send(PeerIss, LayerIss + 1, TcpFlags.Syn | TcpFlags.Ack, PeerWindow, null, mss);
            PeerNxt = PeerIss + 1;
            PeerAck = LayerIss + 1;
            ExpectAck(PeerNxt);
            Assert.AreEqual((int)TcpState.Established, (int)Layer.GetState(h));
            return h;
        }

        /// <summary>Writes data through the API (all of it must fit).</summary>
        public void Write(int handle, byte[] data)
        {
            int sent;
            Assert.AreEqual((int)SocketError.Success, (int)Layer.Send(handle, data, 0, data.Length, out sent));
            Assert.AreEqual(data.Length, sent);
        }

        /// <summary>Reads what is available (up to max) through the API.</summary>
        public byte[] Read(int handle, int max)
        {
            byte[] b = new byte[max];
            int n;
            SocketError e = Layer.Receive(handle, b, 0, max, out n);
            Assert.AreEqual((int)SocketError.Success, (int)e);
            byte[] r = new byte[n];
            System.Array.Copy(b, 0, r, 0, n);
            return r;
        }

        public TcpInfo Info(int handle)
        {
            TcpInfo info = new TcpInfo();
            Assert.IsTrue(Layer.GetInfo(handle, info), "handle is valid");
            return info;
        }

        public static byte[] Bytes(int count, int seed)
        {
            byte[] b = new byte[count];
            for (int i = 0; i < count; i++)
            {
                b[i] = (byte)(seed + i * 7);
            }

            return b;
        }
    }
}
