using System.Runtime.InteropServices;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// How the real-time wire thread sleeps without adding latency (Linux): on ppoll(2) over an eventfd that the board
/// side signals (a frame the chip sent, a posted action, disposal) and, when a TAP is the far end, the TAP's file
/// descriptor, with a nanosecond timeout for the next wire event. Without it the thread polls every millisecond,
/// which adds up to a millisecond to every frame in each direction.
/// </summary>
internal sealed class WireWakeup : IDisposable
{
    private const int EFD_NONBLOCK = 0x800;
    private const int EFD_CLOEXEC = 0x80000;
    private const short POLLIN = 0x1;

    private readonly object _sync = new();
    private readonly PollFd[] _fds;
    private readonly byte[] _counter = new byte[8];
    private readonly byte[] _one = BitConverter.GetBytes(1L);
    private int _eventFd;

    private WireWakeup(int eventFd, int otherFd)
    {
        _eventFd = eventFd;
        _fds = otherFd >= 0
            ? new[] { new PollFd { Fd = eventFd, Events = POLLIN }, new PollFd { Fd = otherFd, Events = POLLIN } }
            : new[] { new PollFd { Fd = eventFd, Events = POLLIN } };
    }

    /// <summary>A wakeup that also returns when <paramref name="readableFd"/> (-1: none) has data; null off Linux or on failure.</summary>
    public static WireWakeup TryCreate(int readableFd)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
            return fd < 0 ? null : new WireWakeup(fd, readableFd);
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Ends the current or next <see cref="Wait"/> at once (any thread).</summary>
    public void Signal()
    {
        lock (_sync)
        {
            if (_eventFd >= 0) write(_eventFd, _one, 8);
        }
    }

    /// <summary>Sleeps until signalled, the other descriptor is readable, or <paramref name="timeoutNs"/> passed.</summary>
    public void Wait(long timeoutNs)
    {
        int fd = _eventFd;
        if (fd < 0) return;
        var timeout = new Timespec { Seconds = timeoutNs / 1_000_000_000, Nanoseconds = timeoutNs % 1_000_000_000 };
        for (int i = 0; i < _fds.Length; i++) _fds[i].Revents = 0;
        int ready = ppoll(_fds, (nuint)_fds.Length, ref timeout, IntPtr.Zero);
        if (ready > 0 && (_fds[0].Revents & POLLIN) != 0)
        {
            lock (_sync)
            {
                if (_eventFd >= 0) read(_eventFd, _counter, 8); // resets the count (non-blocking)
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            if (_eventFd >= 0) close(_eventFd);
            _eventFd = -1;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int eventfd(uint initval, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int ppoll([In, Out] PollFd[] fds, nuint nfds, ref Timespec timeout, IntPtr sigmask);

    [DllImport("libc", SetLastError = true)]
    private static extern long read(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern long write(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
