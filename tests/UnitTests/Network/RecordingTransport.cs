using NanoIP.Network;

namespace NanoIP.UnitTests.Network
{
    /// <summary>A transport that records what IPv4 hands it (for RegisterTransport and ICMP error delivery).</summary>
    internal sealed class RecordingTransport : IIpReceiver
    {
        public int Received;
        public uint LastSource;
        public uint LastDestination;
        public bool LastBroadcast;
        public int LastLength;
        public byte[] LastData = new byte[1514];
        public bool Accept = true;

        public int Errors;
        public int ErrorType = -1;
        public int ErrorCode = -1;
        public uint ErrorQuotedDestination;
        public int ErrorAvailable;
        public byte[] ErrorTransportHeader = new byte[8];

        public int Polls;
        public long NextDeadline = long.MaxValue;

        public bool Receive(uint source, uint destination, bool broadcast, byte[] buffer, int offset, int length, long nowMs)
        {
            Received++;
            LastSource = source;
            LastDestination = destination;
            LastBroadcast = broadcast;
            LastLength = length;
            System.Array.Copy(buffer, offset, LastData, 0, length);
            return Accept;
        }

        public void IcmpError(int type, int code, uint quotedDestination, byte[] quoted, int transportOffset, int available, long nowMs)
        {
            Errors++;
            ErrorType = type;
            ErrorCode = code;
            ErrorQuotedDestination = quotedDestination;
            ErrorAvailable = available;
            System.Array.Copy(quoted, transportOffset, ErrorTransportHeader, 0, 8);
        }

        public long Poll(long nowMs)
        {
            Polls++;
            return NextDeadline;
        }
    }
}
