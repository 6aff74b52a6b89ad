using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NanoIP.Services.Apps;

namespace NanoIP.Bench;

/// <summary>
/// The Linux side of the tap suite: the kernel's own ping, and TCP clients of the board's services over the
/// kernel's TCP. Every loop is bounded by a count and a wall-clock limit; every socket has timeouts.
/// </summary>
public static class TapClients
{
    private const int IoTimeoutMs = 10_000;

    /// <summary>RTTs (ms) of <paramref name="count"/> echoes of iputils ping, <paramref name="intervalS"/> apart.</summary>
    public static List<double> Ping(string address, int count, double intervalS)
    {
        string args = "-n -c " + count + " -i " + intervalS.ToString(CultureInfo.InvariantCulture) + " -W 1 " + address;
        int limitMs = (int)(count * (intervalS + 0.1) * 1000) + 5000;
        int code = BenchProcess.Run("ping", args, limitMs, out string stdout, out string stderr);
        var rtts = new List<double>();
        foreach (Match m in Regex.Matches(stdout, @"time=([0-9.]+) ms"))
        {
            rtts.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        if (rtts.Count == 0) throw new InvalidOperationException("ping got no reply (exit " + code + "): " + stdout + stderr);
        return rtts;
    }

    /// <summary>Pings once a second-ish until a reply comes (the kernel resolves the board's MAC on the first); false after <paramref name="tries"/>.</summary>
    public static bool WaitReachable(string address, int tries)
    {
        for (int i = 0; i < tries; i++)
        {
            if (BenchProcess.Run("ping", "-n -c 1 -W 1 " + address, 3000, out _, out _) == 0) return true;
        }

        return false;
    }

    /// <summary>
    /// Linux → board: writes up to <paramref name="maxBytes"/> (or for <paramref name="maxMs"/>) to a discard
    /// port, half-closes, and waits for the board's FIN, which follows the last byte it read. Returns the bytes
    /// sent; <paramref name="elapsed"/> runs from the first write to that FIN.
    /// </summary>
    public static long SendToDiscard(string address, int port, long maxBytes, int maxMs, out TimeSpan elapsed)
    {
        using var client = Connect(address, port);
        client.SendBufferSize = 64 * 1024; // bounds what waits in the kernel when the time limit stops the writes
        NetworkStream s = client.GetStream();
        var chunk = new byte[16 * 1024];
        for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)(i * 7 + 1);
        long sent = 0;
        var wall = Stopwatch.StartNew();
        while (sent < maxBytes && wall.ElapsedMilliseconds < maxMs)
        {
            int n = (int)Math.Min(chunk.Length, maxBytes - sent);
            s.Write(chunk, 0, n);
            sent += n;
        }

        client.Client.Shutdown(SocketShutdown.Send);
        var sink = new byte[256];
        for (int i = 0; i < 1000; i++)
        {
            if (s.Read(sink, 0, sink.Length) == 0) break; // discard sends nothing; 0 is its FIN
        }

        elapsed = wall.Elapsed;
        return sent;
    }

    /// <summary>
    /// Board → Linux: reads chargen's stream up to <paramref name="maxBytes"/> (or for <paramref name="maxMs"/>)
    /// and checks every byte against RFC 864's pattern. Returns the bytes read; <paramref name="elapsed"/> runs
    /// from the connection's establishment to the last byte.
    /// </summary>
    public static long ReadFromChargen(string address, int port, long maxBytes, int maxMs, out TimeSpan elapsed, out long mismatches)
    {
        using var client = Connect(address, port);
        NetworkStream s = client.GetStream();
        var buffer = new byte[64 * 1024];
        var expected = new byte[buffer.Length];
        long got = 0;
        mismatches = 0;
        var wall = Stopwatch.StartNew();
        while (got < maxBytes && wall.ElapsedMilliseconds < maxMs)
        {
            int n = s.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes - got));
            if (n == 0) break;
            ChargenService.Fill(expected, 0, n, (int)(got % ChargenService.CycleBytes));
            if (!buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan(0, n))) mismatches++;
            got += n;
        }

        elapsed = wall.Elapsed;
        client.LingerState = new LingerOption(true, 0); // unread bytes: a reset ends chargen at once
        return got;
    }

    /// <summary>
    /// Sequential connect / <paramref name="payload"/> bytes to echo and back / close cycles, for
    /// <paramref name="maxMs"/> or <paramref name="maxCycles"/>. Returns the cycles completed.
    /// </summary>
    public static int EchoCycles(string address, int port, int payload, int maxCycles, int maxMs, out TimeSpan elapsed)
    {
        var data = new byte[payload];
        for (int i = 0; i < payload; i++) data[i] = (byte)('a' + i % 26);
        var back = new byte[payload];
        int cycles = 0;
        var wall = Stopwatch.StartNew();
        while (cycles < maxCycles && wall.ElapsedMilliseconds < maxMs)
        {
            using (var client = Connect(address, port))
            {
                NetworkStream s = client.GetStream();
                s.Write(data, 0, payload);
                int got = 0;
                while (got < payload)
                {
                    int n = s.Read(back, got, payload - got);
                    if (n == 0) throw new InvalidOperationException("echo closed after " + got + " bytes");
                    got += n;
                }

                if (!back.AsSpan().SequenceEqual(data)) throw new InvalidOperationException("echo returned other bytes");
            }

            cycles++;
        }

        elapsed = wall.Elapsed;
        return cycles;
    }

    private static TcpClient Connect(string address, int port)
    {
        var client = new TcpClient { ReceiveTimeout = IoTimeoutMs, SendTimeout = IoTimeoutMs, NoDelay = true };
        try
        {
            if (!client.ConnectAsync(address, port).Wait(5000)) throw new TimeoutException("connect to " + address + ":" + port);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
