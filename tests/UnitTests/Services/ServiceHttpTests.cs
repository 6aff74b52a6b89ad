using nanoFramework.TestFramework;
using NanoIP.Services.Apps;
using NanoIP.Sockets;

namespace NanoIP.UnitTests.Services
{
    /// <summary>The HTTP status server: the page, the error statuses, and closing after each response.</summary>
    [TestClass]
    public class ServiceHttpTests
    {
        /// <summary>Sends request on a new connection to :80 and reads the whole answer (the server closes).</summary>
        private static string Request(ServiceRig rig, string request)
        {
            Socket c = rig.Connect(80);
            byte[] r = ServiceRig.Ascii(request);
            Assert.AreEqual(r.Length, c.Send(r));
            byte[] got = new byte[8192];
            int n = ServiceRig.ReadToEnd(c, got);
            c.Close();
            return ServiceRig.Text(got, 0, n);
        }

        /// <summary>The body after the empty line; asserts Content-Length matches it.</summary>
        private static string Body(string response)
        {
            int split = response.IndexOf("\r\n\r\n");
            Assert.IsTrue(split > 0, response);
            string head = response.Substring(0, split);
            string body = response.Substring(split + 4);
            int at = head.IndexOf("Content-Length: ");
            Assert.IsTrue(at > 0, head);
            int end = head.IndexOf("\r\n", at);
            string value = end < 0 ? head.Substring(at + 16) : head.Substring(at + 16, end - at - 16);
            Assert.AreEqual(body.Length, int.Parse(value));
            Assert.Contains("Connection: close", head);
            return body;
        }

        private static string LineWith(string text, string part)
        {
            int at = text.IndexOf(part);
            Assert.IsTrue(at >= 0, "no '" + part + "' in\n" + text);
            int start = text.LastIndexOf('\n', at) + 1;
            int end = text.IndexOf('\n', at);
            return text.Substring(start, (end < 0 ? text.Length : end) - start);
        }

        [TestMethod]
        public void GetRootReturnsTheStatusPage()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Http | ServiceSet.Echo);
            Socket echoClient = rig.Connect(7); // A connection the page should list.
            string response = Request(rig, "GET / HTTP/1.1\r\nHost: 192.168.1.20\r\nUser-Agent: test\r\n\r\n");
            OutputHelper.WriteLine(response);
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", response);
            string body = Body(response);
            Assert.Contains("inet 192.168.1.20/24", body);
            Assert.Contains("ether 02:", body);
            Assert.Contains("link up", body);
            string listener = LineWith(body, "0.0.0.0:80 ");
            Assert.Contains("LISTEN", listener);
            Assert.Contains(" 0/2", listener); // SYN queue used/limit (backlog 2).
            string echo = LineWith(body, "192.168.1.20:7 ");
            Assert.Contains("192.168.1.10:", echo);
            Assert.Contains("ESTABLISHED", echo);
            Assert.Contains("192.168.1.10:", LineWith(body, "192.168.1.20:80 ")); // The request's own connection.
            Assert.Contains("tcp       in ", body);
            Assert.Contains("ethernet  in ", body);
            Assert.Contains("echo 7", body);
            echoClient.Close();
        }

        [TestMethod]
        public void HeadHasTheLengthButNoBodyAndStatsHasCounters()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Http);
            string head = Request(rig, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", head);
            Assert.IsTrue(head.EndsWith("\r\n\r\n"), head);
            Assert.IsFalse(head.IndexOf("Content-Length: 0\r\n") >= 0, head);

            string stats = Body(Request(rig, "GET /stats?x=1 HTTP/1.0\r\n\r\n"));
            Assert.Contains("ipv4      in ", stats);
            Assert.IsFalse(stats.IndexOf("LISTEN") >= 0, stats);
        }

        [TestMethod]
        public void ErrorsHaveTheirStatus()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Http);
            Assert.StartsWith("HTTP/1.1 404 Not Found\r\n", Request(rig, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"));
            string post = Request(rig, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
            Assert.StartsWith("HTTP/1.1 405 Method Not Allowed\r\n", post);
            Assert.Contains("Allow: GET, HEAD\r\n", post);
            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Request(rig, "garbage\r\n\r\n"));
            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Request(rig, "GET / HTTP/1.1\r\n\r\n")); // No Host.
            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Request(rig, "GET / HTTP/1.1\r\nHost : x\r\n\r\n"));
            Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Request(rig, "GET / HTTP/2.0\r\nHost: x\r\n\r\n"));
            Body(Request(rig, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"));
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", Request(rig, "GET / HTTP/1.1\nHost: x\n\n")); // Bare LF accepted.
            HttpService http = (HttpService)rig.Host.Find("http");
            Assert.AreEqual(8, http.Requests);
            Assert.AreEqual(7, http.ClientErrors);
        }

        [TestMethod]
        public void OversizedRequestGetsAnErrorAndTheConnectionCloses()
        {
            ServiceRig rig = new ServiceRig(ServiceSet.Http);
            string big = "GET / HTTP/1.1\r\nHost: x\r\n";
            for (int i = 0; i < 40; i++)
            {
                big = big + "X-Filler-" + i.ToString() + ": 0123456789012345678901234567890123456789\r\n";
            }

            string r = Request(rig, big + "\r\n"); // ~2.3 KB > 1 KB: Request also checks the close (end of stream).
            Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", r);
            Body(r);

            string longLine = "GET /";
            for (int i = 0; i < 150; i++)
            {
                longLine = longLine + "abcdefghij";
            }

            Assert.StartsWith("HTTP/1.1 414 URI Too Long\r\n", Request(rig, longLine + " HTTP/1.1\r\nHost: x\r\n\r\n"));
            rig.Run(3000);
            Assert.AreEqual(0, rig.Host.Find("http").ActiveConnections);
            Assert.AreEqual(0, rig.StackB.Tcp.Counters.ResetsSent); // Drained, closed with FIN.
        }
    }
}
