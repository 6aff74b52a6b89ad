using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using nanoFramework.TestFramework;
using NanoIP.Services.Apps;

namespace NanoIP.HostTests.Interop;

/// <summary>
/// Scenario 4: curl against the board's HTTP status page (port 80): 200 with the interface, the socket table and the
/// counters; HEAD, 404, 405 and 431 as documented; one request per connection (Connection: close, so curl opens a
/// new connection for a second URL); malformed requests from a raw client get 400 and the board keeps serving.
/// </summary>
[TestClass]
public class InteropHttpTests
{
    [TestMethod]
    public void CurlReadsTheStatusPageAndBadRequestsGet400() => NetNamespace.RunInside(nameof(CurlReadsTheStatusPageAndBadRequestsGet400InsideNamespace), 90);

    [TestMethod]
    public void CurlReadsTheStatusPageAndBadRequestsGet400InsideNamespace()
    {
        NetNamespace.RequireInside();
        string curl = NetNamespace.RequireTool("curl", "curl");
        using var rig = new InteropRig("nanohttp0", 4, services: "all");
        string url = "http://" + rig.BoardIp;

        // GET /: headers and the page.
        string page = Curl(curl, "-sS -i " + url + "/", out int code);
        Assert.AreEqual(0, code, page);
        StringAssertStarts(page, "HTTP/1.1 200 OK\r\n");
        Assert.Contains("Content-Type: text/plain\r\n", page);
        Assert.Contains("Connection: close\r\n", page);
        string body = page[(page.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Match length = Regex.Match(page, @"Content-Length: (\d+)\r\n");
        Assert.IsTrue(length.Success, page);
        Assert.AreEqual(int.Parse(length.Groups[1].Value), Encoding.ASCII.GetByteCount(body), "Content-Length is the body's length");
        Assert.Contains("inet " + rig.BoardIp + "/24", body, "the interface");
        Assert.Contains("ether 02:4e:49:50:00:01", body, "the board's MAC");
        Assert.IsTrue(Regex.IsMatch(body, @"0\.0\.0\.0:80 .*LISTEN"), "the HTTP listener in the socket table:\n" + body);
        Assert.IsTrue(Regex.IsMatch(body, @"0\.0\.0\.0:7 .*LISTEN"), "the echo listener:\n" + body);
        Assert.IsTrue(Regex.IsMatch(body, rig.BoardIp.Replace(".", "\\.") + @":80 +" + rig.KernelIp.Replace(".", "\\.") + @":\d+ +ESTABLISHED"),
            "curl's own connection:\n" + body);
        Assert.IsTrue(Regex.IsMatch(body, @"tcp +in [1-9]\d* out [1-9]\d*"), "TCP counters:\n" + body);
        Assert.IsTrue(Regex.IsMatch(body, @"icmp +in [1-9]\d*"), "ICMP counters (the rig's ping):\n" + body);
        OutputHelper.WriteLine("GET / -> 200, " + body.Length + " bytes of status page:\n" + body);

        // Two URLs in one curl: the server closes after each answer, so curl connects twice.
        int before = HttpAccepted(rig);
        string two = Curl(curl, "-sS -v -o /dev/null -o /dev/null -w \"%{http_code} %{num_connects}\\n\" " + url + "/ " + url + "/stats", out code);
        Assert.AreEqual(0, code, two);
        Assert.Contains("200 1\n200 1\n", two, "each URL answered 200 on a connection of its own:\n" + two);
        Assert.AreEqual(2, HttpAccepted(rig) - before);
        Assert.IsFalse(two.Contains("Re-using existing connection", StringComparison.Ordinal), two);

        // HEAD, 404, 405, 431.
        string head = Curl(curl, "-sS -I " + url + "/", out code);
        Assert.AreEqual(0, code, head);
        StringAssertStarts(head, "HTTP/1.1 200 OK\r\n");
        Assert.IsTrue(Regex.IsMatch(head, @"Content-Length: [1-9]\d*\r\n"), head);
        Assert.AreEqual("404", Curl(curl, "-sS -o /dev/null -w %{http_code} " + url + "/nope", out code).Trim());
        string post = Curl(curl, "-sS -i -X POST -d x " + url + "/", out code);
        StringAssertStarts(post, "HTTP/1.1 405 Method Not Allowed\r\n");
        Assert.Contains("Allow: GET, HEAD\r\n", post);
        Assert.AreEqual("431", Curl(curl, "-sS -o /dev/null -w %{http_code} -H \"X-Big: " + new string('b', 2000) + "\" " + url + "/", out code).Trim());

        // Malformed requests from a raw client: 400 and a clean close, never a crash.
        string[] bad =
        {
            "GARBAGE\r\n\r\n",
            "GET / HTTP/1.1\r\n\r\n",                       // HTTP/1.1 without Host
            "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
            "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
            "\x01\x02\x03 \xff\xfe HTTP/1.1\r\n\r\n",
        };
        var rng = new Random(400);
        var junk = new byte[300];
        rng.NextBytes(junk);
        foreach (byte[] request in bad.Select(b => Encoding.Latin1.GetBytes(b)).Append(junk.Concat(Encoding.ASCII.GetBytes("\r\n\r\n")).ToArray()))
        {
            string answer = RawRequest(rig, request);
            StringAssertStarts(answer, "HTTP/1.1 400 Bad Request\r\n", Encoding.Latin1.GetString(request).Replace("\r\n", "\\r\\n"));
        }

        string after = Curl(curl, "-sS -o /dev/null -w %{http_code} " + url + "/", out code);
        Assert.AreEqual("200", after.Trim(), "still serving after the bad requests");
        var http = Http(rig);
        var tcp = rig.TcpCounters();
        OutputHelper.WriteLine("curl: 2 URLs -> 2 connections (Connection: close); HEAD 200, /nope 404, POST 405, 2000-byte header 431; "
            + (bad.Length + 1) + " malformed requests -> 400; http service: accepted " + http.Accepted + ", errors " + http.Errors
            + "; board resets sent " + tcp.ResetsSent);
        Assert.AreEqual(0, http.Errors);
        Assert.AreEqual(0, tcp.ResetsSent, "every answer ended with FIN, none with RST");
    }

    private static string Curl(string curl, string args, out int code)
    {
        code = NetNamespace.Run(curl, "--max-time 10 " + args, 15_000, out string output);
        return output;
    }

    /// <summary>Sends the bytes, half-closes, reads the answer to the board's FIN (10 s at most).</summary>
    private static string RawRequest(InteropRig rig, byte[] request)
    {
        using TcpClient client = rig.Connect(80, ioTimeoutMs: 10_000);
        NetworkStream s = client.GetStream();
        s.Write(request, 0, request.Length);
        using var got = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0) got.Write(buffer, 0, n);
        return Encoding.Latin1.GetString(got.ToArray());
    }

    private static TcpService Http(InteropRig rig)
    {
        ServiceHost host = rig.Board.Firmware.Services;
        for (int i = 0; i < host.ServiceCount; i++)
        {
            if (host.GetService(i) is HttpService h) return h;
        }

        throw new InvalidOperationException("no HTTP service");
    }

    private static int HttpAccepted(InteropRig rig) => rig.Locked(_ => Http(rig).Accepted);

    private static void StringAssertStarts(string text, string start, string what = "")
    {
        Assert.IsTrue(text.StartsWith(start, StringComparison.Ordinal), what + ": expected to start with " + start.Trim() + ", got:\n" + text);
    }
}
