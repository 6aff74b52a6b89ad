namespace NanoIP.VirtualBoard.UserNet;

/// <summary>
/// A byte ring of fixed size for one direction of a relay: the producer fills the free run it is given, the
/// consumer drains the filled run; each run is contiguous, so sockets read and write straight into it.
/// </summary>
public sealed class RelayBuffer
{
    private readonly byte[] _data;
    private int _head;

    public RelayBuffer(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _data = new byte[size];
    }

    public byte[] Data => _data;

    public int Count { get; private set; }

    public int Free => _data.Length - Count;

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    /// <summary>The contiguous free run the producer may fill next.</summary>
    public int FreeRun(out int offset)
    {
        int tail = (_head + Count) % _data.Length;
        offset = tail;
        return Count == _data.Length ? 0 : tail >= _head ? _data.Length - tail : _head - tail;
    }

    public void Commit(int n) => Count += n;

    /// <summary>The contiguous filled run the consumer may drain next.</summary>
    public int FilledRun(out int offset)
    {
        offset = _head;
        return Math.Min(Count, _data.Length - _head);
    }

    public void Consume(int n)
    {
        Count -= n;
        _head = Count == 0 ? 0 : (_head + n) % _data.Length;
    }
}
