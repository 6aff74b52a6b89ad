using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using nanoFramework.TestFramework;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.Enc28j60ModelTests
{
    /// <summary>The Unix domain socket server, driven by a client that speaks the framing of README.md.</summary>
    [TestClass]
    public class Enc28j60ModelSocketServerTests
    {
        [TestMethod]
        public void SpiTransferReturnsMisoOfTheSameLength()
        {
            using var fixture = new Fixture(new Enc28j60Model(new Enc28j60ModelOptions { Errata = Enc28j60Errata.None }));
            fixture.Spi(0x80 | 0x1F, 0x03);                                    // BFS ECON1: bank 3
            byte[] miso = fixture.Spi(0x12, 0x00);                            // RCR EREVID
            Assert.AreEqual(2, miso.Length);
            Assert.AreEqual((byte)0x06, miso[1]);
        }

        [TestMethod]
        public void FramesGoInAndComeOutWithNotifications()
        {
            var model = new Enc28j60Model(new Enc28j60ModelOptions { Errata = Enc28j60Errata.None });
            using var fixture = new Fixture(model);
            fixture.Request(Enc28j60SocketServer.Subscribe, new byte[] { Enc28j60SocketServer.SubscribeFrames | Enc28j60SocketServer.SubscribeInt });

            // Receive: ring 0..0x0FFF, promiscuous, MARXEN, RXEN, EIE = INTIE | PKTIE.
            fixture.Spi(0x40 | 0x0A, 0xFF); // ERXNDL (bank 0)
            fixture.Spi(0x40 | 0x0B, 0x0F); // ERXNDH
            fixture.Spi(0x40 | 0x08, 0x00); // ERXSTL
            fixture.Spi(0x40 | 0x09, 0x00); // ERXSTH
            fixture.Spi(0x40 | 0x0C, 0xFF); // ERXRDPTL
            fixture.Spi(0x40 | 0x0D, 0x0F); // ERXRDPTH
            fixture.Spi(0x80 | 0x1F, 0x01); // bank 1
            fixture.Spi(0x40 | 0x18, 0x00); // ERXFCON = promiscuous
            fixture.Spi(0xA0 | 0x1F, 0x03);
            fixture.Spi(0x80 | 0x1F, 0x02); // bank 2
            fixture.Spi(0x40 | 0x00, 0x01); // MACON1 = MARXEN
            fixture.Spi(0x40 | 0x02, 0x31); // MACON3 = PADCFG0 | TXCRCEN | FULDPX
            fixture.Spi(0xA0 | 0x1F, 0x03); // bank 0
            fixture.Spi(0x40 | 0x1B, 0xC8); // EIE = INTIE | PKTIE | TXIE
            fixture.Spi(0x80 | 0x1F, 0x04); // RXEN

            byte[] wire = Frames.Wire(Frames.OwnMac, 80);
            (byte type, byte[] payload) = fixture.Request(Enc28j60SocketServer.DeliverFrame, wire);
            Assert.AreEqual((byte)(Enc28j60SocketServer.DeliverFrame | 0x80), type);
            Assert.AreEqual((byte)1, payload[0]);
            Assert.AreEqual((byte)1, fixture.NextNotification().Payload[0], "INT_CHANGED: asserted");
            Assert.AreEqual((byte)1, fixture.Request(Enc28j60SocketServer.GetInt, Array.Empty<byte>()).Payload[0]);

            fixture.Spi(0x40 | 0x00, 0x06); // ERDPTL = 6: skip the header
            fixture.Spi(0x40 | 0x01, 0x00);
            var rbm = new byte[1 + wire.Length];
            rbm[0] = 0x3A;
            byte[] read = fixture.Spi(rbm);
            Assert.IsTrue(read.AsSpan(1).SequenceEqual(wire));

            // Transmit 60 bytes from 0x1A00; the frame comes back as a notification before the reply.
            byte[] frame = Frames.Build(Frames.PeerMac, 60);
            fixture.Spi(0x40 | 0x04, 0x00);
            fixture.Spi(0x40 | 0x05, 0x1A); // ETXST = 0x1A00
            fixture.Spi(0x40 | 0x02, 0x00);
            fixture.Spi(0x40 | 0x03, 0x1A); // EWRPT = 0x1A00
            var wbm = new byte[2 + frame.Length];
            wbm[0] = 0x7A;
            frame.CopyTo(wbm, 2);
            fixture.Spi(wbm);
            fixture.Spi(0x40 | 0x06, 60);
            fixture.Spi(0x40 | 0x07, 0x1A); // ETXND = 0x1A00 + 60
            fixture.Spi(0x80 | 0x1F, 0x08); // TXRTS
            (byte Type, byte[] Payload) sent = fixture.NextNotification();
            Assert.AreEqual(Enc28j60SocketServer.FrameTransmittedNotification, sent.Type);
            Assert.IsTrue(Frames.Equal(Frames.WithFcs(frame), sent.Payload));
        }

        [TestMethod]
        public void LinkResetCountersAndClock()
        {
            var clock = new VirtualClock();
            var model = new Enc28j60Model(new Enc28j60ModelOptions { Errata = Enc28j60Errata.None, Clock = clock });
            using var fixture = new Fixture(model);
            fixture.Request(Enc28j60SocketServer.SetLink, new byte[] { 0 });
            Assert.IsFalse(model.LinkUp);
            fixture.Request(Enc28j60SocketServer.SetLink, new byte[] { 1 });
            Assert.IsTrue(model.LinkUp);

            fixture.Spi(0x40 | 0x1B, 0x55);
            fixture.Request(Enc28j60SocketServer.PowerOnReset, Array.Empty<byte>());
            Assert.AreEqual((byte)0x00, model.PeekControlRegister(0, 0x1B));

            byte[] counters = fixture.Request(Enc28j60SocketServer.GetCounters, Array.Empty<byte>()).Payload;
            Assert.AreEqual(model.SpiTransactions, BinaryPrimitives.ReadInt64LittleEndian(counters));
            Assert.AreEqual(model.SpiBytes, BinaryPrimitives.ReadInt64LittleEndian(counters.AsSpan(8)));

            var advance = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(advance, 5_000);
            byte[] now = fixture.Request(Enc28j60SocketServer.AdvanceClock, advance).Payload;
            Assert.AreEqual(5_000L, BinaryPrimitives.ReadInt64LittleEndian(now));
            Assert.AreEqual(5_000L, clock.NowNanoseconds);
        }

        [TestMethod]
        public void UnknownTypesAndBadPayloadsGetAnError()
        {
            using var fixture = new Fixture(new Enc28j60Model());
            (byte type, byte[] payload) = fixture.Request(0x42, Array.Empty<byte>());
            Assert.AreEqual(Enc28j60SocketServer.Error, type);
            Assert.Contains("unknown", Encoding.UTF8.GetString(payload));
            Assert.AreEqual(Enc28j60SocketServer.Error, fixture.Request(Enc28j60SocketServer.SetLink, new byte[] { 1, 2 }).Type);
            Assert.AreEqual(Enc28j60SocketServer.Error, fixture.Request(Enc28j60SocketServer.AdvanceClock, new byte[8]).Type, "no clock");
            Assert.AreEqual((byte)(Enc28j60SocketServer.GetInt | 0x80), fixture.Request(Enc28j60SocketServer.GetInt, Array.Empty<byte>()).Type, "still serving");
        }

        /// <summary>A server on a fresh socket path and one client; notifications are sorted out of the reply stream.</summary>
        private sealed class Fixture : IDisposable
        {
            private readonly Enc28j60SocketServer _server;
            private readonly Socket _client;
            private readonly System.Collections.Concurrent.BlockingCollection<(byte Type, byte[] Payload)> _replies = new();
            private readonly Thread _reader;

            public Fixture(Enc28j60Model model)
            {
                string path = Path.Combine(Path.GetTempPath(), "nanoip-enc-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".sock");
                _server = new Enc28j60SocketServer(model, path);
                _client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                _client.Connect(new UnixDomainSocketEndPoint(path));
                _client.ReceiveTimeout = 5000;
                _reader = new Thread(ReadLoop) { IsBackground = true };
                _reader.Start();
            }

            public System.Collections.Concurrent.BlockingCollection<(byte Type, byte[] Payload)> Notifications { get; } = new();

            public (byte Type, byte[] Payload) NextNotification()
            {
                if (!Notifications.TryTake(out var n, TimeSpan.FromSeconds(5)))
                {
                    throw new TimeoutException("no notification");
                }

                return n;
            }

            public byte[] Spi(params byte[] mosi)
            {
                (byte type, byte[] payload) = Request(Enc28j60SocketServer.SpiTransfer, mosi);
                Assert.AreEqual((byte)(Enc28j60SocketServer.SpiTransfer | 0x80), type);
                Assert.AreEqual(mosi.Length, payload.Length);
                return payload;
            }

            public (byte Type, byte[] Payload) Request(byte type, byte[] payload)
            {
                var message = new byte[5 + payload.Length];
                message[0] = type;
                BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(1), payload.Length);
                payload.CopyTo(message, 5);
                _client.Send(message);
                if (!_replies.TryTake(out var reply, TimeSpan.FromSeconds(5)))
                {
                    throw new TimeoutException("no reply");
                }

                return reply;
            }

            public void Dispose()
            {
                _client.Dispose();
                _server.Dispose();
            }

            private void ReadLoop()
            {
                try
                {
                    var header = new byte[5];
                    while (ReadExactly(header))
                    {
                        var payload = new byte[BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(1))];
                        if (!ReadExactly(payload))
                        {
                            break;
                        }

                        bool notification = header[0] == Enc28j60SocketServer.FrameTransmittedNotification || header[0] == Enc28j60SocketServer.IntChangedNotification;
                        (notification ? Notifications : _replies).Add((header[0], payload));
                    }
                }
                catch (SocketException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }

            private bool ReadExactly(byte[] buffer)
            {
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = _client.Receive(buffer, read, buffer.Length - read, SocketFlags.None);
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
}
