using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// The firmware's DHCP client and DNS resolver against dnsmasq (<see cref="Dnsmasq"/>) on a TAP in the test's
/// own namespace, in real time: a lease with mask, router and DNS server, Linux pinging the leased address,
/// renewal at T1 and by "dhcp renew", release, decline on an ARP conflict, A records with their TTL in the
/// cache, NXDOMAIN, and "tcp connect NAME PORT" to a Linux listener.
/// </summary>
[TestClass]
public class DnsmasqTests
{
    private const string TapName = "nanotap0";
    private const string Mac = "02:4e:49:50:00:01";
    private static readonly uint RangeStart = IPv4.Parse(Dnsmasq.RangeStart);
    private static readonly uint RangeEnd = IPv4.Parse(Dnsmasq.RangeEnd);
    private static readonly uint Server = IPv4.Parse(Dnsmasq.ServerAddress);

    // ---- outer halves ----------------------------------------------------------------

    [TestMethod]
    public void DnsmasqLeasesTheBoardAnAddressLinuxCanPing() =>
        NetNamespace.RunInside(nameof(DnsmasqLeasesTheBoardAnAddressLinuxCanPingInsideNamespace), 60);

    [TestMethod]
    public void DnsmasqRenewsAtT1AndOnDhcpRenewAndTakesTheRelease() =>
        NetNamespace.RunInside(nameof(DnsmasqRenewsAtT1AndOnDhcpRenewAndTakesTheReleaseInsideNamespace), 60);

    [TestMethod]
    public void DnsmasqGetsADeclineWhenTheOfferedAddressAnswersArp() =>
        NetNamespace.RunInside(nameof(DnsmasqGetsADeclineWhenTheOfferedAddressAnswersArpInsideNamespace), 60);

    [TestMethod]
    public void DnsmasqAnswersTheBoardsNamesAndTheBoardConnectsByName() =>
        NetNamespace.RunInside(nameof(DnsmasqAnswersTheBoardsNamesAndTheBoardConnectsByNameInsideNamespace), 60);

    // ---- inner halves ----------------------------------------------------------------

    [TestMethod]
    public void DnsmasqLeasesTheBoardAnAddressLinuxCanPingInsideNamespace()
    {
        NetNamespace.RequireInside();
        string ping = NetNamespace.RequireTool("ping", "iputils-ping");
        NetNamespace.CreatePersistentTap(TapName, "198.18.0.1/24");
        using var dns = Dnsmasq.Start(TapName);
        var sw = Stopwatch.StartNew();
        using var board = new TapBoard(TapName, null, services: null, dhcp: true);
        DhcpClient dhcp = board.Firmware.Dhcp;
        Assert.IsTrue(Dnsmasq.WaitUntil(() => Locked(board, () => dhcp.HasLease), 15_000), "no lease in 15 s:\n" + dns.Log + board.ConsoleText);
        long leaseMs = sw.ElapsedMilliseconds;

        uint address = 0, mask = 0, gateway = 0, server = 0, dns0 = 0, stackAddress = 0;
        int dnsCount = 0, prefix = 0;
        uint lease = 0, t1 = 0, t2 = 0;
        Locked(board, () =>
        {
            address = dhcp.Address;
            mask = dhcp.SubnetMask;
            prefix = dhcp.PrefixLength;
            gateway = dhcp.Gateway;
            server = dhcp.ServerAddress;
            dnsCount = dhcp.DnsServerCount;
            dns0 = dhcp.GetDnsServer(0);
            lease = dhcp.LeaseSeconds;
            t1 = dhcp.RenewalSeconds;
            t2 = dhcp.RebindingSeconds;
            stackAddress = board.Firmware.Stack.Address;
            return true;
        });

        string a = IPv4.ToString(address);
        OutputHelper.WriteLine("lease " + a + "/" + prefix + " gateway " + IPv4.ToString(gateway) + " dns " + IPv4.ToString(dns0) + " lease " + lease
            + " s (T1 " + t1 + ", T2 " + t2 + ") obtained " + leaseMs + " ms after boot");
        Assert.IsTrue(address >= RangeStart && address <= RangeEnd, a + " is outside dnsmasq's range");
        Assert.AreEqual(IPv4.Parse("255.255.255.0"), mask);
        Assert.AreEqual(24, prefix);
        Assert.AreEqual(Server, gateway);
        Assert.AreEqual(Server, server);
        Assert.AreEqual(1, dnsCount);
        Assert.AreEqual(Server, dns0);
        Assert.AreEqual(120u, lease);
        // dnsmasq sends T1 = 1 min and T2 = 1 min 45 s for a 2-minute lease (options 58 and 59).
        Assert.AreEqual(60u, t1);
        Assert.AreEqual(105u, t2);
        Assert.AreEqual(address, stackAddress);

        // dnsmasq's side: the lease file names the board's MAC with the address, the log the exchange.
        Assert.IsTrue(Dnsmasq.WaitUntil(() => dns.LeaseLine(Mac) != null, 3000), "lease file:\n" + dns.Leases);
        Assert.AreEqual(a, dns.LeaseLine(Mac).Split(' ')[2], dns.Leases);
        Assert.Contains("DHCPACK(" + TapName + ") " + a + " " + Mac, dns.Log);

        // Linux reaches the board at the leased address.
        int code = NetNamespace.Run(ping, "-c 3 -W 2 -i 0.2 " + a, 15_000, out string pingOut);
        OutputHelper.WriteLine(pingOut);
        Assert.AreEqual(0, code, pingOut);
        Assert.Contains("3 received", pingOut);
    }

    [TestMethod]
    public void DnsmasqRenewsAtT1AndOnDhcpRenewAndTakesTheReleaseInsideNamespace()
    {
        NetNamespace.RequireInside();
        NetNamespace.CreatePersistentTap(TapName, "198.18.0.1/24");
        // dnsmasq's shortest lease is 2 minutes (T1 60 s); options 58/59 shorten T1 and T2 so a renewal comes in seconds.
        // T1 must lie beyond the ~5 s a lease takes (dnsmasq pings a new address for 3 s, the board probes it for 2 s),
        // or the board, rightly, renews the moment it binds.
        using var dns = Dnsmasq.Start(TapName, "--dhcp-option=option:T1,8 --dhcp-option=option:T2,30");
        using var board = new TapBoard(TapName, null, services: null, dhcp: true);
        DhcpClient dhcp = board.Firmware.Dhcp;
        long renewedAtMs = -1;
        Locked(board, () =>
        {
            // Raised on the network thread right where the renewal's ACK is taken.
            dhcp.LeaseChanged += (_, what) =>
            {
                if (what == DhcpEvent.Renewed && renewedAtMs < 0) renewedAtMs = board.Board.NowMs;
            };
            return true;
        });
        Assert.IsTrue(Dnsmasq.WaitUntil(() => Locked(board, () => dhcp.HasLease), 15_000), "no lease:\n" + dns.Log);
        uint address = Locked(board, () => dhcp.Address);
        long leaseStartMs = Locked(board, () => dhcp.LeaseObtainedMs);
        long boundAtMs = board.Board.NowMs;
        string a = IPv4.ToString(address);
        Assert.AreEqual(8u, Locked(board, () => dhcp.RenewalSeconds));
        Assert.AreEqual(30u, Locked(board, () => dhcp.RebindingSeconds));
        Assert.IsTrue(Dnsmasq.WaitUntil(() => dns.LeaseLine(Mac) != null, 3000), dns.Leases);
        long expiry1 = long.Parse(dns.LeaseLine(Mac).Split(' ')[0]);

        // T1 counts from the lease start (the exchange's first message, RFC 2131 §4.4.1), so it comes 8 s after that.
        Assert.IsTrue(boundAtMs - leaseStartMs < 7000, "the lease took " + (boundAtMs - leaseStartMs) + " ms, past T1");
        Assert.IsTrue(Dnsmasq.WaitUntil(() => Locked(board, () => renewedAtMs) >= 0, 12_000), "no renewal at T1:\n" + dns.Log);
        long renewMs = Locked(board, () => renewedAtMs) - leaseStartMs;
        OutputHelper.WriteLine("lease bound " + (boundAtMs - leaseStartMs) + " ms after the lease start; renewed (ACK in) " + renewMs + " ms after it, T1 = 8 s");
        Assert.IsTrue(renewMs >= 8000 && renewMs <= 8500, "renewal ACK " + renewMs + " ms after the lease start, T1 is 8 s");
        Assert.AreEqual(1L, Locked(board, () => dhcp.Counters.Renewals));
        Assert.AreEqual(address, Locked(board, () => dhcp.Address));
        Assert.AreEqual(DhcpState.Bound, Locked(board, () => dhcp.State));
        Assert.AreEqual(2, dns.CountInLog("DHCPACK(" + TapName + ") " + a + " " + Mac));
        Assert.IsTrue(Dnsmasq.WaitUntil(() => long.Parse(dns.LeaseLine(Mac)?.Split(' ')[0] ?? "0") > expiry1, 3000),
            "dnsmasq did not extend the lease: " + expiry1 + " then " + dns.Leases);

        // "dhcp renew" on the console renews at once and waits until bound again.
        int mark = board.ConsoleText.Length;
        long renewals = Locked(board, () => dhcp.Counters.Renewals);
        board.Type("dhcp renew\r");
        Assert.IsTrue(board.WaitForConsole("dhcp: bound " + a + "/24 gateway 198.18.0.1, lease 120 s", mark, 5000), board.ConsoleText[mark..]);
        Assert.AreEqual(renewals + 1, Locked(board, () => dhcp.Counters.Renewals));
        Assert.AreEqual(3, dns.CountInLog("DHCPACK(" + TapName + ") " + a + " " + Mac));

        // "dhcp release": DHCPRELEASE reaches dnsmasq, which drops the lease; the interface is unconfigured.
        mark = board.ConsoleText.Length;
        board.Type("dhcp release\r");
        Assert.IsTrue(board.WaitForConsole("dhcp: released " + a, mark, 3000), board.ConsoleText[mark..]);
        Assert.IsTrue(Dnsmasq.WaitUntil(() => dns.Log.Contains("DHCPRELEASE(" + TapName + ") " + a + " " + Mac, StringComparison.Ordinal), 3000), dns.Log);
        Assert.IsTrue(Dnsmasq.WaitUntil(() => dns.LeaseLine(Mac) == null, 3000), "still leased:\n" + dns.Leases);
        Assert.IsFalse(Locked(board, () => board.Firmware.Stack.Configured));
        Assert.AreEqual(DhcpState.Stopped, Locked(board, () => dhcp.State));
        Assert.AreEqual(1L, Locked(board, () => dhcp.Counters.ReleasesOut));
    }

    [TestMethod]
    public void DnsmasqGetsADeclineWhenTheOfferedAddressAnswersArpInsideNamespace()
    {
        NetNamespace.RequireInside();
        const string taken = "198.18.0.60";
        NetNamespace.CreatePersistentTap(TapName, "198.18.0.1/24");
        // The kernel holds .60 as well, and dnsmasq reserves .60 for the board: its ARP probe must find the owner.
        NetNamespace.Check("ip", "addr add " + taken + "/24 dev " + TapName);
        using var dns = Dnsmasq.Start(TapName, "--dhcp-host=" + Mac + "," + taken);
        // RFC 2131 §3.1 asks for 10 s before the next DISCOVER; 3 s keeps the test short and still shows the wait.
        var config = new NetConfig { DhcpDeclineWaitMs = 3000 };
        var sw = Stopwatch.StartNew();
        using var board = new TapBoard(TapName, null, services: null, dhcp: true, config: config);
        DhcpClient dhcp = board.Firmware.Dhcp;
        uint takenAddress = IPv4.Parse(taken);
        Assert.IsTrue(Dnsmasq.WaitUntil(() => Locked(board, () => dhcp.HasLease && dhcp.Address != takenAddress), 20_000),
            "no second lease:\n" + dns.Log + board.ConsoleText);
        long ms = sw.ElapsedMilliseconds;
        uint address = Locked(board, () => dhcp.Address);
        string a = IPv4.ToString(address);
        OutputHelper.WriteLine("declined " + taken + ", then leased " + a + " " + ms + " ms after boot");

        Assert.AreEqual(1L, Locked(board, () => dhcp.Counters.Conflicts));
        Assert.AreEqual(1L, Locked(board, () => dhcp.Counters.DeclinesOut));
        Assert.Contains("DHCPACK(" + TapName + ") " + taken + " " + Mac, dns.Log);
        Assert.Contains("DHCPDECLINE(" + TapName + ") " + taken + " " + Mac, dns.Log);
        // dnsmasq disables the declined static address and hands out one from the range instead.
        Assert.IsTrue(address >= RangeStart && address <= RangeEnd, a);
        Assert.IsTrue(ms >= 3000, "the next DISCOVER came before the decline wait: " + ms + " ms");
        Assert.AreEqual(address, Locked(board, () => board.Firmware.Stack.Address));
    }

    [TestMethod]
    public void DnsmasqAnswersTheBoardsNamesAndTheBoardConnectsByNameInsideNamespace()
    {
        NetNamespace.RequireInside();
        NetNamespace.CreatePersistentTap(TapName, "198.18.0.1/24");
        using var dns = Dnsmasq.Start(TapName);
        using var board = new TapBoard(TapName, null, services: null, dhcp: true);
        DnsResolver resolver = board.Firmware.Dns;
        Assert.IsTrue(Dnsmasq.WaitUntil(() => Locked(board, () => board.Firmware.Dhcp.HasLease), 15_000), "no lease:\n" + dns.Log);
        Assert.AreEqual(Server, Locked(board, () => resolver.GetServer(0)));

        // --address record.
        var sw = Stopwatch.StartNew();
        int slot = Resolve(board, "board-test.lan");
        long resolveMs = sw.ElapsedMilliseconds;
        Assert.AreEqual(DnsStatus.Resolved, Locked(board, () => resolver.GetStatus(slot)));
        Assert.AreEqual(IPv4.Parse("198.18.0.7"), Locked(board, () => resolver.GetAddress(slot)));
        Locked(board, () => { resolver.Release(slot); return true; });

        // --host-record with TTL 30: the answer's TTL, then the cache counting it down without asking again.
        slot = Resolve(board, "peer.lan");
        Assert.AreEqual(Server, Locked(board, () => resolver.GetAddress(slot)));
        Assert.AreEqual((uint)Dnsmasq.PeerTtlSeconds, Locked(board, () => resolver.GetTtl(slot)));
        Locked(board, () => { resolver.Release(slot); return true; });
        Assert.AreEqual(1, dns.CountInLog("query[A] peer.lan from "));
        Thread.Sleep(2200);
        long hits = Locked(board, () => resolver.Counters.CacheHits);
        slot = Locked(board, () => resolver.Resolve("peer.lan", board.Board.NowMs));
        Assert.AreEqual(DnsStatus.Resolved, Locked(board, () => resolver.GetStatus(slot)), "not answered from the cache");
        uint ttlLeft = Locked(board, () => resolver.GetTtl(slot));
        Locked(board, () => { resolver.Release(slot); return true; });
        OutputHelper.WriteLine("board-test.lan resolved in " + resolveMs + " ms; peer.lan TTL 30, " + ttlLeft + " s left in the cache after 2.2 s");
        Assert.IsTrue(ttlLeft >= 26 && ttlLeft <= 28, "cached TTL " + ttlLeft);
        Assert.AreEqual(hits + 1, Locked(board, () => resolver.Counters.CacheHits));
        Assert.AreEqual(1, dns.CountInLog("query[A] peer.lan from "));

        // --local=/lan/: a name dnsmasq does not know is NXDOMAIN, said plainly on the console.
        int mark = board.ConsoleText.Length;
        board.Type("resolve nope.lan\r");
        Assert.IsTrue(board.WaitForConsole("resolve: nope.lan: no such name (NXDOMAIN)", mark, 5000), board.ConsoleText[mark..]);
        slot = Resolve(board, "nope.lan");
        Assert.AreEqual(DnsStatus.NotFound, Locked(board, () => resolver.GetStatus(slot)));
        Assert.AreEqual(DnsError.NameError, Locked(board, () => resolver.GetError(slot)));
        Locked(board, () => { resolver.Release(slot); return true; });

        // Connect by name: "tcp connect peer.lan PORT TEXT" to a Linux listener; the listener answers and closes.
        using var listener = new TcpListener(IPAddress.Parse(Dnsmasq.ServerAddress), 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Locked(board, () => { resolver.FlushCache(); return true; });
        mark = board.ConsoleText.Length;
        board.Type("tcp connect peer.lan " + port + " hello-by-name\r");
        Task<TcpClient> accept = listener.AcceptTcpClientAsync();
        Assert.IsTrue(accept.Wait(10_000), "the board did not connect:\n" + board.ConsoleText[mark..]);
        using TcpClient peer = accept.Result;
        var reader = new StreamReader(peer.GetStream());
        peer.ReceiveTimeout = 5000;
        Assert.AreEqual("hello-by-name", reader.ReadLine());
        byte[] reply = System.Text.Encoding.ASCII.GetBytes("hello from linux\n");
        peer.GetStream().Write(reply, 0, reply.Length);
        peer.Client.Shutdown(SocketShutdown.Send);
        Assert.IsTrue(board.WaitForConsole("connection closed by peer", mark, 5000), board.ConsoleText[mark..]);
        string text = board.ConsoleText[mark..];
        string leased = IPv4.ToString(Locked(board, () => board.Firmware.Dhcp.Address));
        Assert.Contains("connecting to 198.18.0.1:" + port, text);
        Assert.Contains("connected from " + leased + ":", text);
        Assert.Contains("hello from linux", text);
        Assert.AreEqual(((IPEndPoint)peer.Client.RemoteEndPoint).Address.ToString(), leased);
        Assert.AreEqual(2, dns.CountInLog("query[A] peer.lan from " + leased));
    }

    // ---- helpers -----------------------------------------------------------------

    /// <summary>Runs f holding the socket lock, which the network thread holds while it polls DHCP and DNS.</summary>
    private static T Locked<T>(TapBoard board, Func<T> f)
    {
        lock (board.Firmware.Network.SyncRoot) return f();
    }

    /// <summary>Starts a lookup and waits (10 s at most) until it is no longer pending; returns the slot.</summary>
    private static int Resolve(TapBoard board, string name)
    {
        DnsResolver r = board.Firmware.Dns;
        int slot = Locked(board, () => r.Resolve(name, board.Board.NowMs));
        Assert.IsTrue(slot >= 0, "no slot for " + name);
        board.Board.Wake();
        Assert.IsTrue(Dnsmasq.WaitUntil(() => Locked(board, () => r.GetStatus(slot)) != DnsStatus.Pending, 10_000), name + " still pending");
        return slot;
    }
}
