using NanoIP.Network;

namespace NanoIP.UnitTests.Tcp
{
    /// <summary>
    /// IIpSender for tests without a network layer: every segment TCP emits is checked and
    /// captured in order; the result of Send and of RouteStatus can be scripted.
    /// </summary>
    public sealed class TestIpSender : IIpSender
    {
        private readonly byte[] _tx = new byte[1514];
        private readonly SentSegment[] _log = new SentSegment[1024];
        private int _head;
        private int _count;

        public TestIpSender(uint localAddress)
        {
            LocalAddress = localAddress;
            MaxTransportLength = 1480;
            SendResult = IpSendResult.Sent;
            Route = IpSendResult.Sent;
        }

        public byte[] TxBuffer { get { return _tx; } }

        public int TransportOffset { get { return 34; } }

        public int MaxTransportLength { get; set; }

        public uint LocalAddress { get; set; }

        /// <summary>What Send returns.</summary>
        public IpSendResult SendResult;

        /// <summary>What RouteStatus returns.</summary>
        public IpSendResult Route;

        /// <summary>Segments emitted so far, taken or not.</summary>
        public int TotalSent;

        /// <summary>Segments emitted whose checksum did not verify (must stay 0).</summary>
        public int BadChecksums;

        public int Count { get { return _count; } }

        public IpSendResult Send(uint destination, byte protocol, int transportLength, long nowMs)
        {
            SentSegment s = SentSegment.Decode(_tx, TransportOffset, transportLength, LocalAddress, destination, nowMs);
            if (!s.ChecksumOk || protocol != IpProtocol.Tcp)
            {
                BadChecksums++;
            }

            TotalSent++;
            if (_count == _log.Length)
            {
                _head = (_head + 1) % _log.Length; // Oldest falls off.
                _count--;
            }

            _log[(_head + _count) % _log.Length] = s;
            _count++;
            return SendResult;
        }

        public IpSendResult RouteStatus(uint destination, long nowMs)
        {
            return Route;
        }

        /// <summary>The oldest captured segment not taken yet, or null.</summary>
        public SentSegment Take()
        {
            if (_count == 0)
            {
                return null;
            }

            SentSegment s = _log[_head];
            _log[_head] = null;
            _head = (_head + 1) % _log.Length;
            _count--;
            return s;
        }

        public void Clear()
        {
            while (Take() != null)
            {
            }
        }
    }
}
