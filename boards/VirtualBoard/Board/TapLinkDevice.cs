using NanoIP.Drivers;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Board;

/// <summary>
/// The board's Ethernet with no chip model: the stack reads and writes whole frames on a Linux TAP (--tap NAME
/// --direct). The kernel checks and adds FCS itself, so frames pass as they are; this device filters like a NIC
/// (our MAC, ARP, broadcast and multicast when enabled). Reads and writes happen on the network thread only; a
/// watcher thread just waits for the TAP to become readable and wakes the network thread (it never reads).
/// </summary>
public sealed class TapLinkDevice : ILinkDevice, IDisposable
{
    private const int MaxFrame = 1514;
    private readonly TapDevice _tap;
    private readonly byte[] _mac = new byte[6];
    private readonly Action _wake;
    private readonly Thread _watcher;
    private readonly ManualResetEventSlim _drained = new(true);
    private volatile bool _stop;

    public TapLinkDevice(TapDevice tap, byte[] mac, Action wake)
    {
        _tap = tap ?? throw new ArgumentNullException(nameof(tap));
        ArgumentNullException.ThrowIfNull(mac);
        if (mac.Length != 6) throw new ArgumentException("a MAC address has 6 bytes", nameof(mac));
        mac.CopyTo(_mac, 0);
        _wake = wake;
        if (_wake != null)
        {
            _watcher = new Thread(Watch) { IsBackground = true, Name = "tap-watch" };
            _watcher.Start();
        }
    }

    public TapDevice Tap => _tap;

    public int MaxFrameLength => MaxFrame;

    public bool IsLinkUp => true;

    public bool InterruptPending => _tap.WaitReadable(0);

    public bool ReceiveBroadcast { get; set; }

    public bool ReceiveMulticast { get; set; }

    public long FramesReceived { get; private set; }

    public long FramesTransmitted { get; private set; }

    /// <summary>Frames the filter dropped (another MAC, broadcast or multicast while off).</summary>
    public long Filtered { get; private set; }

    public long TransmitErrors { get; private set; }

    public void GetMacAddress(byte[] mac, int offset) => Array.Copy(_mac, 0, mac, offset, 6);

    public void Poll(long nowMs)
    {
    }

    public int Receive(byte[] buffer, int offset, int capacity)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            int n = _tap.ReadFrame(buffer, offset, capacity);
            if (n == 0)
            {
                _drained.Set();
                return 0;
            }

            if (Accepts(buffer, offset))
            {
                FramesReceived++;
                return n;
            }

            Filtered++;
        }

        return 0;
    }

    public bool Transmit(byte[] frame, int offset, int length)
    {
        if (length < 14 || length > MaxFrame || !_tap.WriteFrame(frame, offset, length))
        {
            TransmitErrors++;
            return false;
        }

        FramesTransmitted++;
        return true;
    }

    public void Dispose()
    {
        _stop = true;
        _drained.Set();
        _watcher?.Join(1000);
    }

    private void Watch()
    {
        while (!_stop)
        {
            // Give the network thread time to empty the TAP (at most 2 ms: a drain that raced the reset below
            // must not leave a frame waiting), then wait for the next frame.
            _drained.Wait(2);
            if (_tap.WaitReadable(100) && !_stop)
            {
                _drained.Reset();
                _wake();
            }
        }
    }

    private bool Accepts(byte[] f, int o)
    {
        if ((f[o] & 1) == 0)
        {
            for (int i = 0; i < 6; i++) if (f[o + i] != _mac[i]) return false;
            return true;
        }

        bool broadcast = true;
        for (int i = 0; i < 6; i++) broadcast &= f[o + i] == 0xFF;
        if (broadcast) return ReceiveBroadcast || (f[o + 12] == 0x08 && f[o + 13] == 0x06); // ARP always
        return ReceiveMulticast;
    }
}
