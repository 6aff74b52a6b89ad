using System.Runtime.InteropServices;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// A Linux TAP interface as a port on the wire: the kernel (and ping, curl, nc...) is the host at the other end
/// of the cable. Opens /dev/net/tun non-blocking and attaches with TUNSETIFF (IFF_TAP | IFF_NO_PI: whole
/// Ethernet frames, no packet-information header), which needs CAP_NET_ADMIN in the network namespace (root, or
/// "unshare -rn"). The kernel sends and takes frames without FCS: <see cref="Pump"/> reads what the kernel sent,
/// pads it to 60 bytes, appends the FCS and queues it on the cable; frames arriving from the cable are checked
/// (a bad FCS is dropped here, the kernel could not tell), stripped of the FCS and written to the kernel.
/// Reading happens only in Pump, on the thread that runs the wire; writing happens where frames arrive.
/// </summary>
public sealed class TapDevice : IPolledPort, IDisposable
{
    private const int O_RDWR = 0x2;
    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const nuint TUNSETIFF = 0x400454CA;
    private const short IFF_TAP = 0x0002;
    private const short IFF_NO_PI = 0x1000;
    private const int EAGAIN = 11;
    private const int EINTR = 4;
    private const int IfNameSize = 16;
    private const int IfReqSize = 40;
    private const int MaxFrame = 1514;

    private readonly byte[] _readBuffer = new byte[65536];
    private readonly byte[] _writeBuffer = new byte[MaxFrame];
    private int _fd;
    private LinkEnd _end;

    private TapDevice(int fd, string name)
    {
        _fd = fd;
        Name = name;
    }

    /// <summary>The interface name the kernel gave (as asked, or tapN when asked for "tap%d").</summary>
    public string Name { get; }

    /// <summary>The open /dev/net/tun descriptor (-1 once disposed), for a thread that sleeps until the kernel sends.</summary>
    internal int FileDescriptor => _fd;

    public long FramesFromKernel { get; private set; }

    public long FramesToKernel { get; private set; }

    /// <summary>Frames from the kernel the cable's queue refused (tail drop) or that were too long.</summary>
    public long DroppedFromKernel { get; private set; }

    /// <summary>Frames from the cable with a bad FCS, not given to the kernel.</summary>
    public long FcsErrors { get; private set; }

    /// <summary>Writes to the kernel that failed (interface down, ...).</summary>
    public long WriteErrors { get; private set; }

    /// <summary>
    /// Creates (or attaches to) TAP interface <paramref name="name"/> (at most 15 bytes; "tap%d" lets the kernel
    /// number it). Throws IOException with the errno when /dev/net/tun cannot be opened or TUNSETIFF is refused.
    /// </summary>
    public static TapDevice Open(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[] nameBytes = System.Text.Encoding.ASCII.GetBytes(name);
        if (nameBytes.Length == 0 || nameBytes.Length >= IfNameSize) throw new ArgumentException("interface name must be 1..15 ASCII bytes", nameof(name));
        int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) throw new IOException("open /dev/net/tun: errno " + Marshal.GetLastPInvokeError());
        var ifr = new byte[IfReqSize];
        nameBytes.CopyTo(ifr, 0);
        short flags = IFF_TAP | IFF_NO_PI;
        ifr[IfNameSize] = (byte)flags;
        ifr[IfNameSize + 1] = (byte)(flags >> 8);
        if (ioctl(fd, TUNSETIFF, ifr) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            close(fd);
            throw new IOException("TUNSETIFF " + name + ": errno " + errno + (errno == 1 ? " (EPERM: needs CAP_NET_ADMIN)" : ""));
        }

        int end = Array.IndexOf(ifr, (byte)0, 0, IfNameSize);
        return new TapDevice(fd, System.Text.Encoding.ASCII.GetString(ifr, 0, end < 0 ? IfNameSize : end));
    }

    /// <summary>Whether this process could try: Linux with /dev/net/tun present.</summary>
    public static bool Available => OperatingSystem.IsLinux() && File.Exists("/dev/net/tun");

    public void Attach(LinkEnd end) => _end = end;

    int IPolledPort.Pump() => Pump();

    /// <summary>Moves every frame the kernel has sent onto the cable (at most <paramref name="maxFrames"/>); returns how many.</summary>
    public int Pump(int maxFrames = 256)
    {
        int moved = 0;
        while (moved < maxFrames && _fd >= 0)
        {
            long n = read(_fd, _readBuffer, (nuint)_readBuffer.Length);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                break; // EAGAIN: nothing more now; other errors: try again next pump
            }

            if (n < 14 || n > MaxFrame)
            {
                DroppedFromKernel++;
                continue;
            }

            int length = (int)n;
            int body = Math.Max(length, 60); // the kernel sends runts (ARP is 42 bytes); Ethernet pads to 60 + FCS
            var frame = new byte[body + EthernetTiming.FcsLength];
            Array.Copy(_readBuffer, frame, length);
            uint crc = EthernetCrc.Compute(frame.AsSpan(0, body));
            for (int i = 0; i < 4; i++) frame[body + i] = (byte)(crc >> (8 * i));
            FramesFromKernel++;
            moved++;
            if (_end == null || !_end.Send(frame)) DroppedFromKernel++;
        }

        return moved;
    }

    /// <summary>
    /// Direct use, without a cable: the next frame the kernel sent (no FCS) copied into <paramref name="buffer"/>;
    /// 0 when none waits. A frame longer than <paramref name="capacity"/> or shorter than a header is dropped and counted.
    /// </summary>
    public int ReadFrame(byte[] buffer, int offset, int capacity)
    {
        for (int guard = 0; guard < 64 && _fd >= 0; guard++)
        {
            long n = read(_fd, _readBuffer, (nuint)_readBuffer.Length);
            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR) continue;
                return 0;
            }

            if (n < 14 || n > capacity)
            {
                DroppedFromKernel++;
                continue;
            }

            Array.Copy(_readBuffer, 0, buffer, offset, (int)n);
            FramesFromKernel++;
            return (int)n;
        }

        return 0;
    }

    /// <summary>Direct use: gives the kernel a frame without FCS; false (counted) when the write fails.</summary>
    public bool WriteFrame(byte[] frame, int offset, int length)
    {
        if (_fd < 0 || length < 14 || offset < 0 || offset + length > frame.Length)
        {
            WriteErrors++;
            return false;
        }

        byte[] source = frame;
        if (offset != 0)
        {
            Array.Copy(frame, offset, _writeBuffer, 0, Math.Min(length, _writeBuffer.Length));
            source = _writeBuffer;
        }

        long n = length > source.Length ? -1 : write(_fd, source, (nuint)length);
        if (n < 0)
        {
            WriteErrors++;
            return false;
        }

        FramesToKernel++;
        return true;
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for the kernel to have a frame for us (poll(2) POLLIN).</summary>
    public bool WaitReadable(int timeoutMs)
    {
        int fd = _fd;
        if (fd < 0) return false;
        var p = new PollFd { Fd = fd, Events = POLLIN };
        int r = poll(ref p, 1, timeoutMs);
        return r > 0 && (p.Revents & POLLIN) != 0;
    }

    public void FrameArrived(byte[] frameWithFcs, long nowNs)
    {
        if (frameWithFcs.Length < 14 + EthernetTiming.FcsLength || !EthernetCrc.HasValidFcs(frameWithFcs))
        {
            FcsErrors++;
            return;
        }

        if (_fd < 0 || write(_fd, frameWithFcs, (nuint)(frameWithFcs.Length - EthernetTiming.FcsLength)) < 0)
        {
            WriteErrors++;
            return;
        }

        FramesToKernel++;
    }

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0) close(fd);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, byte[] argument);

    [DllImport("libc", SetLastError = true)]
    private static extern long read(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern long write(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    private const short POLLIN = 0x1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollFd fds, nuint count, int timeoutMs);
}
