using System.Net;
using System.Net.NetworkInformation;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 1: the kernel pings the board with payloads from 0 to 1472 bytes (a full 1500-byte datagram): iputils
/// ping in groups of one size each (its own check reports "wrong data byte" on a corrupted echo), and .NET's Ping
/// with a seeded random payload per echo, compared byte by byte with the reply.
/// </summary>
[TestClass]
public class InteropPingTests
{
    private static readonly int[] Sizes = { 0, 1, 7, 8, 56, 100, 255, 256, 511, 512, 999, 1000, 1023, 1024, 1200, 1400, 1465, 1471, 1472, 64 };

    [TestMethod]
    public void KernelPingsTheBoardWithEveryPayloadSize() => NetNamespace.RunInside(nameof(KernelPingsTheBoardWithEveryPayloadSizeInsideNamespace), 90);

    [TestMethod]
    public void KernelPingsTheBoardWithEveryPayloadSizeInsideNamespace()
    {
        NetNamespace.RequireInside();
        string ping = NetNamespace.RequireTool("ping", "iputils-ping");
        using var rig = new InteropRig("nanoping0", 1, services: null);
        long repliesBefore = rig.Locked(s => s.IcmpCounters.EchoRepliesOut);

        // iputils: 20 sizes × 5 echoes, each size with its own fill pattern (-p) so a reply from the wrong
        // request or a shifted payload shows as "wrong data byte".
        int received = 0;
        foreach (int size in Sizes)
        {
            string pattern = (size & 0xFF).ToString("x2") + "a5";
            int code = NetNamespace.Run(ping, "-n -q -c 5 -i 0.05 -W 2 -s " + size + " -p " + pattern + " " + rig.BoardIp, 15_000, out string output);
            Assert.AreEqual(0, code, "ping -s " + size + ":\n" + output);
            Assert.IsFalse(output.Contains("wrong data", StringComparison.OrdinalIgnoreCase), "ping -s " + size + " saw corrupted data:\n" + output);
            Assert.IsFalse(output.Contains("DUP!", StringComparison.Ordinal), "ping -s " + size + " saw duplicates:\n" + output);
            Match m = Regex.Match(output, @"(\d+) packets transmitted, (\d+) received");
            Assert.IsTrue(m.Success, "no summary from ping -s " + size + ":\n" + output);
            Assert.AreEqual("5", m.Groups[1].Value);
            Assert.AreEqual("5", m.Groups[2].Value, "ping -s " + size + ":\n" + output);
            received += int.Parse(m.Groups[2].Value);
        }

        // .NET Ping: 100 echoes, sizes spread evenly over 0..1472 (0, 1 and 1472 included), random payloads.
        var rng = new Random(1472);
        using var dotnetPing = new Ping();
        int verified = 0;
        double rttSum = 0;
        for (int i = 0; i < 100; i++)
        {
            int size = i == 0 ? 0 : i == 1 ? 1 : i == 99 ? 1472 : (int)((long)i * 1472 / 99);
            var payload = new byte[size];
            rng.NextBytes(payload);
            PingReply reply = dotnetPing.Send(IPAddress.Parse(rig.BoardIp), 2000, payload);
            Assert.AreEqual(IPStatus.Success, reply.Status, "echo " + i + " of " + size + " bytes");
            InteropRig.AssertSameBytes(payload, reply.Buffer, "echo " + i + " of " + size + " bytes");
            rttSum += reply.RoundtripTime;
            verified++;
        }

        long replies = rig.Locked(s => s.IcmpCounters.EchoRepliesOut) - repliesBefore;
        OutputHelper.WriteLine("iputils ping: " + received + "/" + Sizes.Length * 5 + " received over " + Sizes.Length + " sizes 0..1472, no wrong data; "
            + ".NET Ping: " + verified + "/100 replies byte-exact, mean rtt " + (rttSum / 100).ToString("0.0") + " ms; board echo replies " + replies);
        OutputHelper.WriteLine(rig.DropReport());
        Assert.AreEqual(Sizes.Length * 5, received);
        Assert.IsTrue(replies >= 200, "the board counted " + replies + " echo replies for 200 requests");
    }
}
