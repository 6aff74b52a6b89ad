using NanoIP.Drivers;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// An ideal Ethernet NIC for a stack that sits on the wire directly (a "peer" without a chip model): Transmit
/// pads to 60 bytes and appends the FCS, then queues the frame on the cable (false when the port's queue is
/// full); arriving frames are checked like a MAC does (bad FCS dropped and counted), filtered (our MAC, ARP
/// and, when enabled, other broadcasts and multicast), stripped of their FCS and held in a bounded receive
/// queue until the stack's Poll reads them. It costs no time: a peer is as fast as the host.
/// </summary>
public sealed class FcsLinkDevice : ILinkDevice, IWirePort
{
    private const int MinFrame = 60;
    private const int MaxFrame = 1514;
    private readonly byte[] _mac = new byte[6];
    private readonly byte[][] _queue;
    private readonly int[] _length;
    private int _head;
    private int _count;
    private LinkEnd _end;

    public FcsLinkDevice(byte[] mac, int receiveQueueFrames = 64)
    {
        ArgumentNullException.ThrowIfNull(mac);
        if (mac.Length != 6) throw new ArgumentException("a MAC address has 6 bytes", nameof(mac));
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveQueueFrames, 1);
        mac.CopyTo(_mac, 0);
        _queue = new byte[receiveQueueFrames][];
        _length = new int[receiveQueueFrames];
        for (int i = 0; i < receiveQueueFrames; i++) _queue[i] = new byte[MaxFrame + EthernetTiming.FcsLength];
        ReceiveBroadcast = true;
    }

    /// <summary>Link state the stack sees (true once a cable is plugged in, unless forced down).</summary>
    public bool LinkUp { get; set; } = true;

    /// <summary>Accept every frame with a good FCS, whatever its destination.</summary>
    public bool Promiscuous { get; set; }

    public long FramesTransmitted { get; private set; }

    public long TransmitRefused { get; private set; }

    public long FramesReceived { get; private set; }

    public long FcsErrors { get; private set; }

    public long Filtered { get; private set; }

    public long ReceiveOverflows { get; private set; }

    public long TooLongForCaller { get; private set; }

    public int MaxFrameLength => MaxFrame;

    public bool IsLinkUp => LinkUp && _end != null;

    public bool InterruptPending => _count > 0;

    public bool ReceiveBroadcast { get; set; }

    public bool ReceiveMulticast { get; set; }

    public int Queued => _count;

    public void GetMacAddress(byte[] mac, int offset) => Array.Copy(_mac, 0, mac, offset, 6);

    public void Attach(LinkEnd end) => _end = end;

    public void Poll(long nowMs)
    {
    }

    public int Receive(byte[] buffer, int offset, int capacity)
    {
        while (_count > 0)
        {
            int n = _length[_head];
            byte[] frame = _queue[_head];
            _head = (_head + 1) % _queue.Length;
            _count--;
            if (n > capacity)
            {
                TooLongForCaller++; // never truncated
                continue;
            }

            Array.Copy(frame, 0, buffer, offset, n);
            FramesReceived++;
            return n;
        }

        return 0;
    }

    public bool Transmit(byte[] frame, int offset, int length)
    {
        if (!IsLinkUp || length < 14 || length > MaxFrame)
        {
            TransmitRefused++;
            return false;
        }

        int body = Math.Max(length, MinFrame);
        var wire = new byte[body + EthernetTiming.FcsLength];
        Array.Copy(frame, offset, wire, 0, length);
        uint crc = EthernetCrc.Compute(wire.AsSpan(0, body));
        wire[body] = (byte)crc;
        wire[body + 1] = (byte)(crc >> 8);
        wire[body + 2] = (byte)(crc >> 16);
        wire[body + 3] = (byte)(crc >> 24);
        if (!_end.Send(wire))
        {
            TransmitRefused++;
            return false;
        }

        FramesTransmitted++;
        return true;
    }

    public void FrameArrived(byte[] frameWithFcs, long nowNs)
    {
        if (frameWithFcs.Length < 14 + EthernetTiming.FcsLength || !EthernetCrc.HasValidFcs(frameWithFcs))
        {
            FcsErrors++;
            return;
        }

        if (!Accepts(frameWithFcs))
        {
            Filtered++;
            return;
        }

        int n = frameWithFcs.Length - EthernetTiming.FcsLength;
        if (_count == _queue.Length || n > MaxFrame)
        {
            ReceiveOverflows++;
            return;
        }

        int tail = (_head + _count) % _queue.Length;
        Array.Copy(frameWithFcs, 0, _queue[tail], 0, n);
        _length[tail] = n;
        _count++;
    }

    private bool Accepts(byte[] f)
    {
        if (Promiscuous) return true;
        bool group = (f[0] & 1) != 0;
        if (!group)
        {
            return f.AsSpan(0, 6).SequenceEqual(_mac);
        }

        bool broadcast = f[0] == 0xFF && f[1] == 0xFF && f[2] == 0xFF && f[3] == 0xFF && f[4] == 0xFF && f[5] == 0xFF;
        if (broadcast)
        {
            return ReceiveBroadcast || (f[12] == 0x08 && f[13] == 0x06); // ARP always, as the driver's filter does
        }

        return ReceiveMulticast;
    }
}
