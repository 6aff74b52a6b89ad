using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Transport.Tcp;
using NanoIP.UnitTests.Harness;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// What the interop scenario tests share: one TAP in the test's namespace with the kernel at 198.18.N.1 and the
/// whole firmware at 198.18.N.2 (<see cref="TapBoard"/>), the board's counters read under the socket lock, the
/// kernel-side TCP helpers (connect with a deadline, a verified concurrent echo transfer), and a builder for
/// crafted TCP/IPv4/Ethernet frames with correct checksums and FCS to inject on the board's wire.
/// </summary>
public sealed class InteropRig : IDisposable
{
    /// <param name="tapName">Distinct per test (at most 15 bytes).</param>
    /// <param name="subnet">N in 198.18.N.0/24, distinct per test so captures and logs never mix.</param>
    /// <param name="gateway">Route everything off the /24 through the kernel (SYN-ACKs to spoofed sources then go to
    /// the kernel, which does not forward and drops them, as a router in front of a spoofed flood would).</param>
    public InteropRig(string tapName, int subnet, string services = "all", string faults = null, NetConfig config = null, bool gateway = false)
    {
        if (!NetNamespace.Inside) throw new InvalidOperationException("interop rigs run only inside the test's own namespace");
        TapName = tapName;
        KernelIp = "198.18." + subnet + ".1";
        BoardIp = "198.18." + subnet + ".2";
        KernelAddress = IPv4.FromBytes(198, 18, (byte)subnet, 1);
        BoardAddress = IPv4.FromBytes(198, 18, (byte)subnet, 2);

        NetNamespace.CreatePersistentTap(tapName, KernelIp + "/24");
        // /sys shows the namespace it was mounted in, not ours: ask ip(8).
        Match ether = Regex.Match(NetNamespace.Check("ip", "-o link show " + tapName), @"link/ether ([0-9a-f:]{17})");
        if (!ether.Success) throw new InvalidOperationException("no MAC address for " + tapName);
        KernelMac = ParseMac(ether.Groups[1].Value);
        Board = new TapBoard(tapName, BoardIp + "/24", services, faults, config, gateway: gateway ? KernelIp : null);
        BoardMac = Locked(s =>
        {
            var mac = new byte[6];
            s.GetMacAddress(mac, 0);
            return mac;
        });
        WaitForArp();
    }

    public string TapName { get; }

    public string KernelIp { get; }

    public string BoardIp { get; }

    public uint KernelAddress { get; }

    public uint BoardAddress { get; }

    public byte[] KernelMac { get; }

    public byte[] BoardMac { get; }

    public TapBoard Board { get; }

    public NetStack Stack => Board.Firmware.Stack;

    /// <summary>Runs <paramref name="read"/> on the stack under the socket lock (the stack is single-threaded).</summary>
    public T Locked<T>(Func<NetStack, T> read)
    {
        lock (Board.Firmware.Network.SyncRoot) return read(Stack);
    }

    /// <summary>A copy of the board's TCP counters taken under the lock.</summary>
    public TcpCounters TcpCounters() => Locked(s => Copy(s.Tcp.Counters, new TcpCounters()));

    /// <summary>Every control block in use, copied under the lock.</summary>
    public List<TcpInfo> TcpTable()
    {
        return Locked(s =>
        {
            var list = new List<TcpInfo>();
            for (int i = 0; i < s.Tcp.Capacity; i++)
            {
                var info = new TcpInfo();
                if (s.Tcp.GetInfoAt(i, info)) list.Add(info);
            }

            return list;
        });
    }

    /// <summary>The kernel pings the board once a second until it answers (ARP settled, firmware polling), ≤ 5 s.</summary>
    private void WaitForArp()
    {
        using var ping = new System.Net.NetworkInformation.Ping();
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 5000)
        {
            if (ping.Send(BoardIp, 1000).Status == System.Net.NetworkInformation.IPStatus.Success) return;
        }

        throw new InvalidOperationException("the board did not answer a ping within 5 s:\n" + Board.ConsoleText);
    }

    /// <summary>
    /// Puts the seeded fault injector on the live cable, both directions (board → kernel with the spec's seed,
    /// kernel → board with seed + 1, as <see cref="TapBoard"/>'s faults parameter does), on the wire's thread.
    /// </summary>
    public void SetFaults(string faults)
    {
        FaultSpec spec = FaultSpec.Parse(faults);
        var wire = Board.Board.Wire;
        using var done = new ManualResetEventSlim(false);
        wire.Post(() =>
        {
            wire.Link.A.Faults = new NanoIP.VirtualBoard.Wire.FaultInjector(spec);
            wire.Link.B.Faults = new NanoIP.VirtualBoard.Wire.FaultInjector(new FaultSpec { Loss = spec.Loss, Reorder = spec.Reorder, Duplicate = spec.Duplicate, Corrupt = spec.Corrupt, Seed = spec.Seed + 1 });
            done.Set();
        });
        if (!done.Wait(5000)) throw new TimeoutException("the wire thread did not install the faults");
    }

    /// <summary>For a failure message: the board's TCP table with each block's variables, and the kernel's view (ss -tin).</summary>
    public string Diagnose()
    {
        var sb = new StringBuilder("board TCP table:\n");
        foreach (TcpInfo i in TcpTable())
        {
            sb.Append("  ").Append(IPv4.ToString(i.LocalAddress)).Append(':').Append(i.LocalPort).Append(' ').Append(IPv4.ToString(i.RemoteAddress)).Append(':')
                .Append(i.RemotePort).Append(' ').Append(i.State).Append(" snd.una ").Append(i.SndUna).Append(" snd.nxt ").Append(i.SndNxt).Append(" snd.max ")
                .Append(i.SndMax).Append(" snd.wnd ").Append(i.SndWnd).Append(" rcv.nxt ").Append(i.RcvNxt).Append(" rcv.wnd ").Append(i.RcvWnd).Append(" cwnd ")
                .Append(i.Cwnd).Append(" rto ").Append(i.Rto).Append(" retries ").Append(i.Retries).Append(" sendq ").Append(i.SendQueued).Append(" recvq ")
                .Append(i.ReceiveQueued).Append(" ooo ").Append(i.OutOfOrderRanges).Append(" rtx-at ").Append(i.RetransmitAt).Append(" persist-at ")
                .Append(i.PersistAt).Append('\n');
        }

        sb.Append("board now ").Append(Board.Board.NowMs).Append(" ms\n");
        NetNamespace.Run("ss", "-tinoe", 5000, out string ss);
        sb.Append("kernel (ss -tinoe):\n").Append(ss).Append('\n').Append(DropReport());
        return sb.ToString();
    }

    /// <summary>Every drop and error counter of the board's receive path that is not zero, one line.</summary>
    public string DropReport()
    {
        var sb = new StringBuilder();
        var chip = Board.Board.Chip;
        var wire = Board.Board.Wire;
        sb.Append("wire: tap->board ").Append(wire.Link.B.FramesSent).Append(" frames, tail-drops ").Append(wire.Link.B.TailDrops)
            .Append(", board->tap ").Append(wire.Link.A.FramesSent).Append(" tail-drops ").Append(wire.Link.A.TailDrops);
        if (wire.Link.B.Faults != null) sb.Append("; faults tap->board ").Append(wire.Link.B.Faults).Append(", board->tap ").Append(wire.Link.A.Faults);
        sb.Append("; chip: crc-drops ").Append(wire.ChipPort.CrcDrops).Append(" filtered ").Append(chip.FramesFiltered)
            .Append(" ring-full ").Append(chip.FramesDropped);
        Locked(s =>
        {
            Append(sb, "driver", Board.Board.Driver.Counters, "RxFrames", "RxBytes", "TxFrames", "TxBytes", "Interrupts", "LinkChanges");
            Append(sb, "eth", s.EthernetCounters, "FramesIn", "BytesIn", "FramesOut", "BytesOut");
            Append(sb, "ipv4", s.Ipv4Counters, "PacketsIn", "Delivered", "PacketsOut");
            Append(sb, "tcp", s.Tcp.Counters, "SegmentsReceived", "SegmentsSent", "ActiveOpens", "PassiveOpens", "DelayedAcks", "TimeWaitEntries");
            return 0;
        });
        return sb.ToString();
    }

    /// <summary>Appends "; name: field value ..." for every non-zero numeric field not excluded by name.</summary>
    private static void Append(StringBuilder sb, string name, object counters, params string[] exclude)
    {
        sb.Append("; ").Append(name).Append(':');
        bool any = false;
        foreach (FieldInfo f in counters.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            long v = Convert.ToInt64(f.GetValue(counters), CultureInfo.InvariantCulture);
            if (v == 0 || exclude.Contains(f.Name)) continue;
            sb.Append(' ').Append(f.Name).Append(' ').Append(v);
            any = true;
        }

        if (!any) sb.Append(" none");
    }

    private static T Copy<T>(T from, T to)
    {
        foreach (FieldInfo f in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Instance)) f.SetValue(to, f.GetValue(from));
        return to;
    }

    public void Dispose()
    {
        Board.Dispose();
        NetNamespace.Run("ip", "link del " + TapName, 5000, out _);
    }

    // ---- kernel side -----------------------------------------------------------------------

    /// <summary>Deterministic test data: a seeded pseudo-random byte stream (no period a shifted copy could match).</summary>
    public static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>A kernel TCP client connected to the board within <paramref name="timeoutMs"/>, Nagle off, bounded I/O.</summary>
    public TcpClient Connect(int port, int timeoutMs = 10_000, int ioTimeoutMs = 20_000)
    {
        var client = new TcpClient { NoDelay = true, ReceiveTimeout = ioTimeoutMs, SendTimeout = ioTimeoutMs };
        try
        {
            if (!client.ConnectAsync(BoardIp, port).Wait(timeoutMs)) throw new TimeoutException("connect to " + BoardIp + ":" + port + " took over " + timeoutMs + " ms");
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="data"/> from one task while reading the echo on this one; returns what came back
    /// (shorter when the board closed early). Bounded by <paramref name="timeoutMs"/> overall.
    /// </summary>
    public static byte[] EchoTransfer(NetworkStream stream, byte[] data, int timeoutMs, int chunk = 16384)
    {
        var sw = Stopwatch.StartNew();
        Exception writeError = null;
        var writer = Task.Run(() =>
        {
            try
            {
                for (int off = 0; off < data.Length; off += chunk) stream.Write(data, off, Math.Min(chunk, data.Length - off));
            }
            catch (Exception e)
            {
                writeError = e;
            }
        });
        var back = new byte[data.Length];
        int got = 0;
        while (got < data.Length && sw.ElapsedMilliseconds < timeoutMs)
        {
            int n = stream.Read(back, got, data.Length - got);
            if (n == 0) break;
            got += n;
        }

        if (!writer.Wait(Math.Max(1, timeoutMs - (int)sw.ElapsedMilliseconds))) throw new TimeoutException("the writer did not finish");
        if (writeError != null) throw new IOException("write failed after " + got + " bytes echoed", writeError);
        return got == data.Length ? back : back.AsSpan(0, got).ToArray();
    }

    /// <summary>Asserts byte equality and names the first difference.</summary>
    public static void AssertSameBytes(byte[] expected, byte[] actual, string what)
    {
        int n = Math.Min(expected.Length, actual.Length);
        int diff = expected.AsSpan(0, n).CommonPrefixLength(actual.AsSpan(0, n));
        Assert.IsTrue(diff == n && expected.Length == actual.Length,
            what + ": " + actual.Length + " of " + expected.Length + " bytes, first difference at " + diff);
    }

    /// <summary>Reads exactly count bytes or fails.</summary>
    public static void ReadExactly(Stream s, byte[] buffer, int offset, int count)
    {
        int got = 0;
        while (got < count)
        {
            int n = s.Read(buffer, offset + got, count - got);
            if (n == 0) throw new EndOfStreamException("after " + got + " of " + count + " bytes");
            got += n;
        }
    }

    public static double Mbps(long bytes, TimeSpan t) => bytes * 8 / t.TotalSeconds / 1e6;

    private static byte[] ParseMac(string text) => text.Split(':').Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();

    // ---- crafted frames --------------------------------------------------------------------

    /// <summary>
    /// A TCP segment in IPv4 in Ethernet from the kernel's MAC to the board's, checksums right, FCS appended:
    /// ready for <see cref="TapBoard.InjectTowardBoard"/>. <paramref name="mss"/> &gt; 0 adds the MSS option.
    /// </summary>
    public byte[] TcpFrame(uint source, int sourcePort, int destinationPort, uint seq, uint ack, int flags, int window = 29200, byte[] payload = null, int mss = 0)
    {
        return BuildTcpFrame(KernelMac, BoardMac, source, BoardAddress, sourcePort, destinationPort, seq, ack, flags, window, payload, mss);
    }

    public static byte[] BuildTcpFrame(byte[] sourceMac, byte[] destinationMac, uint source, uint destination, int sourcePort, int destinationPort,
        uint seq, uint ack, int flags, int window, byte[] payload, int mss)
    {
        int headerLength = mss > 0 ? 24 : 20;
        int dataLength = payload?.Length ?? 0;
        var b = new byte[Packets.EthernetHeader + 20 + headerLength + dataLength];
        const int o = 34;
        NetOrder.WriteUInt16(b, o, sourcePort);
        NetOrder.WriteUInt16(b, o + 2, destinationPort);
        NetOrder.WriteUInt32(b, o + 4, seq);
        NetOrder.WriteUInt32(b, o + 8, ack);
        b[o + 12] = (byte)((headerLength / 4) << 4);
        b[o + 13] = (byte)flags;
        NetOrder.WriteUInt16(b, o + 14, window);
        if (mss > 0)
        {
            b[o + 20] = 2;
            b[o + 21] = 4;
            NetOrder.WriteUInt16(b, o + 22, mss);
        }

        payload?.CopyTo(b, o + headerLength);
        int length = headerLength + dataLength;
        uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, IpProtocol.Tcp, length);
        NetOrder.WriteUInt16(b, o + 16, InternetChecksum.Finish(InternetChecksum.Add(sum, b, o, length)));
        Packets.Ipv4(b, destinationMac, sourceMac, source, destination, IpProtocol.Tcp, length, identification: (int)(seq & 0xFFFF));
        return EthernetCrc.AppendFcs(PadTo60(b));
    }

    private static byte[] PadTo60(byte[] frame) => frame.Length >= 60 ? frame : frame.Concat(new byte[60 - frame.Length]).ToArray();
}
