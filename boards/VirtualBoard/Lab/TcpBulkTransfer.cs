using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>
/// A one-way bulk transfer between two connected TCP handles, pumped by whatever loop runs the stacks:
/// each <see cref="Pump"/> offers the sender as much of a position-dependent byte pattern as its send ring
/// takes and drains the receiver, checking every byte against the pattern (a lost, duplicated or misplaced
/// segment shows as a mismatch). With <paramref name="verify"/> off the pattern is written once and not
/// checked, so a benchmark measures the stacks rather than the pattern.
/// </summary>
public sealed class TcpBulkTransfer
{
    private readonly TcpLayer _sender;
    private readonly int _senderHandle;
    private readonly TcpLayer _receiver;
    private readonly int _receiverHandle;
    private readonly byte[] _chunk;
    private readonly byte[] _readBuffer;
    private readonly bool _verify;
    private readonly int _seed;
    private int _pendingOffset;
    private int _pendingCount;

    public TcpBulkTransfer(TcpLayer sender, int senderHandle, TcpLayer receiver, int receiverHandle, long totalBytes, int seed = 0, int chunkBytes = 8192, bool verify = true)
    {
        _sender = sender;
        _senderHandle = senderHandle;
        _receiver = receiver;
        _receiverHandle = receiverHandle;
        Total = totalBytes;
        _seed = seed;
        _verify = verify;
        _chunk = new byte[chunkBytes];
        _readBuffer = new byte[chunkBytes];
        if (!verify)
        {
            for (int i = 0; i < _chunk.Length; i++) _chunk[i] = PatternByte(i, seed);
        }
    }

    public long Total { get; }

    /// <summary>Bytes the sender's ring accepted.</summary>
    public long Sent { get; private set; }

    /// <summary>Bytes the receiver read.</summary>
    public long Received { get; private set; }

    /// <summary>Received bytes that differ from the pattern (verify on).</summary>
    public long Mismatches { get; private set; }

    /// <summary>Position of the first mismatch, -1 when none.</summary>
    public long FirstMismatchAt { get; private set; } = -1;

    /// <summary>An error other than WouldBlock from Send or Receive, Success while none.</summary>
    public SocketError Error { get; private set; }

    /// <summary>The receiver read end of stream before all bytes came.</summary>
    public bool EndOfStreamEarly { get; private set; }

    public bool Done => Received == Total;

    /// <summary>The byte at stream position <paramref name="position"/> (period far above any window).</summary>
    public static byte PatternByte(long position, int seed) => (byte)(((ulong)(position + seed) * 0x9E3779B97F4A7C15UL) >> 56);

    /// <summary>Moves what it can both ways; returns the number of bytes moved (sent into the ring plus read).</summary>
    public long Pump()
    {
        long moved = 0;
        for (int guard = 0; guard < 64 && Sent < Total; guard++)
        {
            if (_pendingCount == 0)
            {
                int n = (int)Math.Min(_chunk.Length, Total - Sent);
                if (_verify)
                {
                    for (int i = 0; i < n; i++) _chunk[i] = PatternByte(Sent + i, _seed);
                }

                _pendingOffset = 0;
                _pendingCount = n;
            }

            SocketError e = _sender.Send(_senderHandle, _chunk, _pendingOffset, _pendingCount, out int accepted);
            if (e != SocketError.Success)
            {
                if (e != SocketError.WouldBlock) Error = e;
                break;
            }

            if (accepted == 0) break;
            Sent += accepted;
            moved += accepted;
            _pendingOffset += accepted;
            _pendingCount -= accepted;
            if (_pendingCount > 0) break; // the ring is full
        }

        for (int guard = 0; guard < 64 && Received < Total; guard++)
        {
            SocketError e = _receiver.Receive(_receiverHandle, _readBuffer, 0, _readBuffer.Length, out int got);
            if (e != SocketError.Success)
            {
                if (e != SocketError.WouldBlock) Error = e;
                break;
            }

            if (got == 0)
            {
                EndOfStreamEarly = true;
                break;
            }

            if (_verify)
            {
                for (int i = 0; i < got; i++)
                {
                    if (_readBuffer[i] != PatternByte(Received + i, _seed))
                    {
                        if (FirstMismatchAt < 0) FirstMismatchAt = Received + i;
                        Mismatches++;
                    }
                }
            }

            Received += got;
            moved += got;
        }

        return moved;
    }
}
