using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// A small HTTP/1.1 server (RFC 9110, RFC 9112): GET or HEAD of / (status page) and /stats
    /// (counters), text/plain. One request per connection: every response carries
    /// Content-Length and Connection: close, then FIN; what the client still sends is read and
    /// dropped until it closes or DrainTimeoutMs passes (closing with unread data would send
    /// RST and could destroy the response in flight). Errors: 400 malformed request line,
    /// header line or missing Host (HTTP/1.1), 404 other paths, 405 methods other than GET and
    /// HEAD, 414 request line longer than the request buffer, 431 headers beyond it. No Date
    /// header: the device has no clock (RFC 9110 §6.6.1).
    /// </summary>
    public sealed class HttpService : TcpService
    {
        /// <summary>Room before the body in the response buffer where the header block is put.</summary>
        private const int HeaderRoom = 192;
        private readonly byte[] _scratch;
        private readonly AsciiWriter _writer = new AsciiWriter();
        private readonly StatusPage _page;

        /// <summary>Requests answered, and those answered with 4xx.</summary>
        public int Requests;
        public int ClientErrors;

        public HttpService(NetworkContext context, ServiceOptions options, byte[] scratch, StatusPage page)
            : base("http", context, options, options.HttpPort, 0,
                  options.BufferSize < 64 ? 64 : options.BufferSize,
                  options.ResponseBufferSize < HeaderRoom + 256 ? HeaderRoom + 256 : options.ResponseBufferSize)
        {
            _scratch = scratch;
            _page = page;
        }

        protected override bool Serve(ServiceConnection c, long nowMs)
        {
            if (c.Draining)
            {
                return Drain(c, _scratch, 4, nowMs);
            }

            if (c.SendTo == 0)
            {
                int head = ReadRequest(c, nowMs);
                if (head < 0)
                {
                    return false;
                }

                if (head == 0)
                {
                    return true;
                }
            }

            return SendResponse(c, nowMs);
        }

        /// <summary>Reads the request head; when complete (or too large) builds the response. 0: not yet; -1: close.</summary>
        private int ReadRequest(ServiceConnection c, long nowMs)
        {
            byte[] b = c.Buffer;
            for (int r = 0; r < 4; r++)
            {
                if (c.Count == b.Length)
                {
                    // Full without the empty line: 414 if even the request line did not fit.
                    bool lineEnded = IndexOf(b, 0, c.Count, (byte)'\n') >= 0;
                    BuildError(c, lineEnded ? 431 : 414, false);
                    return 1;
                }

                SocketError e;
                int n = c.Socket.Receive(b, c.Count, b.Length - c.Count, out e);
                if (Failed(e))
                {
                    return -1;
                }

                if (e == SocketError.WouldBlock)
                {
                    return 0;
                }

                if (n == 0)
                {
                    c.PeerClosed = true;
                    return -1; // Closed before a whole request: nothing to answer.
                }

                int from = c.Count < 3 ? 0 : c.Count - 3;
                c.Count += n;
                c.LastActivityMs = nowMs;
                int end = HeadEnd(b, from, c.Count);
                if (end > 0)
                {
                    Handle(c, end, nowMs);
                    return 1;
                }
            }

            return 0;
        }

        private bool SendResponse(ServiceConnection c, long nowMs)
        {
            if (c.SendFrom < c.SendTo)
            {
                SocketError e;
                int sent = c.Socket.Send(c.Response, c.SendFrom, c.SendTo - c.SendFrom, out e);
                if (Failed(e))
                {
                    return false;
                }

                if (sent > 0)
                {
                    c.SendFrom += sent;
                    c.LastActivityMs = nowMs;
                }

                if (c.SendFrom < c.SendTo)
                {
                    return true;
                }
            }

            // All queued: FIN after it, then drain until the client closes.
            try
            {
                c.Socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
                Errors++;
                return false;
            }

            c.Draining = true;
            c.DrainUntilMs = nowMs + Options.DrainTimeoutMs;
            return Drain(c, _scratch, 4, nowMs);
        }

        /// <summary>Parses the head Buffer[0..end) and builds the answer.</summary>
        private void Handle(ServiceConnection c, int end, long nowMs)
        {
            byte[] b = c.Buffer;
            int eol = IndexOf(b, 0, end, (byte)'\n');
            int lineEnd = eol > 0 && b[eol - 1] == '\r' ? eol - 1 : eol;
            int sp1 = IndexOf(b, 0, lineEnd, (byte)' ');
            int sp2 = sp1 < 0 ? -1 : IndexOf(b, sp1 + 1, lineEnd, (byte)' ');
            if (sp1 <= 0 || sp2 <= sp1 + 1 || IndexOf(b, sp2 + 1, lineEnd, (byte)' ') >= 0 || !IsToken(b, 0, sp1))
            {
                BuildError(c, 400, false);
                return;
            }

            int versionLength = lineEnd - sp2 - 1;
            bool http11 = versionLength == 8 && Matches(b, sp2 + 1, "HTTP/1.1");
            if (!http11 && !(versionLength == 8 && Matches(b, sp2 + 1, "HTTP/1.0")))
            {
                BuildError(c, 400, false);
                return;
            }

            int hosts;
            if (!CheckHeaders(b, eol + 1, end, out hosts) || (http11 && hosts != 1) || hosts > 1)
            {
                BuildError(c, 400, false); // RFC 9112 §3.2: exactly one Host in HTTP/1.1.
                return;
            }

            bool head = sp1 == 4 && Matches(b, 0, "HEAD");
            if (!head && !(sp1 == 3 && Matches(b, 0, "GET")))
            {
                BuildError(c, 405, false);
                return;
            }

            int pathEnd = IndexOf(b, sp1 + 1, sp2, (byte)'?');
            if (pathEnd < 0)
            {
                pathEnd = sp2;
            }

            int pathLength = pathEnd - sp1 - 1;
            if (pathLength == 1 && b[sp1 + 1] == '/')
            {
                BuildPage(c, false, head, nowMs);
            }
            else if (pathLength == 6 && Matches(b, sp1 + 1, "/stats"))
            {
                BuildPage(c, true, head, nowMs);
            }
            else
            {
                BuildError(c, b[sp1 + 1] == '/' ? 404 : 400, head);
            }
        }

        private void BuildPage(ServiceConnection c, bool countersOnly, bool head, long nowMs)
        {
            _writer.Reset(c.Response, HeaderRoom, c.Response.Length);
            _page.Write(_writer, countersOnly, nowMs);
            Finish(c, 200, _writer.Length, head);
        }

        private void BuildError(ServiceConnection c, int status, bool head)
        {
            ClientErrors++;
            _writer.Reset(c.Response, HeaderRoom, c.Response.Length);
            _writer.Append((long)status).Append(' ').Append(Reason(status)).Append('\n');
            Finish(c, status, _writer.Length, head);
        }

        /// <summary>Writes the header block just before the body and sets what to send.</summary>
        private void Finish(ServiceConnection c, int status, int bodyLength, bool head)
        {
            Requests++;
            AsciiWriter w = _writer;
            w.Reset(_scratch, 0, _scratch.Length < HeaderRoom ? _scratch.Length : HeaderRoom);
            w.Append("HTTP/1.1 ").Append((long)status).Append(' ').Append(Reason(status)).Crlf();
            w.Append("Content-Type: text/plain").Crlf();
            w.Append("Content-Length: ").Append((long)bodyLength).Crlf();
            if (status == 405)
            {
                w.Append("Allow: GET, HEAD").Crlf();
            }

            w.Append("Connection: close").Crlf().Crlf();
            int headerLength = w.Length;
            System.Array.Copy(_scratch, 0, c.Response, HeaderRoom - headerLength, headerLength);
            c.SendFrom = HeaderRoom - headerLength;
            c.SendTo = head ? HeaderRoom : HeaderRoom + bodyLength;
        }

        private static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 400: return "Bad Request";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 414: return "URI Too Long";
                case 431: return "Request Header Fields Too Large";
                default: return "Error";
            }
        }

        /// <summary>Header lines from..end (ending with the empty line): name, colon, no space before it, no obs-fold. Counts Host fields.</summary>
        private static bool CheckHeaders(byte[] b, int from, int end, out int hosts)
        {
            hosts = 0;
            int i = from;
            while (i < end)
            {
                int eol = IndexOf(b, i, end, (byte)'\n');
                int lineEnd = eol > i && b[eol - 1] == '\r' ? eol - 1 : eol;
                if (lineEnd == i)
                {
                    return true; // The empty line.
                }

                int colon = IndexOf(b, i, lineEnd, (byte)':');
                if (colon <= i || !IsToken(b, i, colon))
                {
                    return false; // No name, space before the colon (RFC 9112 §5.1), or a folded line.
                }

                if (colon - i == 4 && (b[i] | 0x20) == 'h' && (b[i + 1] | 0x20) == 'o' && (b[i + 2] | 0x20) == 's' && (b[i + 3] | 0x20) == 't')
                {
                    hosts++;
                }

                i = eol + 1;
            }

            return true;
        }

        /// <summary>End of the head (index after the empty line) searching from..count, 0 if not there yet. Bare LF lines are accepted (RFC 9112 §2.2).</summary>
        private static int HeadEnd(byte[] b, int from, int count)
        {
            for (int i = from; i < count; i++)
            {
                if (b[i] != '\n')
                {
                    continue;
                }

                if (i + 1 < count && b[i + 1] == '\n')
                {
                    return i + 2;
                }

                if (i + 2 < count && b[i + 1] == '\r' && b[i + 2] == '\n')
                {
                    return i + 3;
                }
            }

            return 0;
        }

        private static int IndexOf(byte[] b, int from, int to, byte value)
        {
            for (int i = from; i < to; i++)
            {
                if (b[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        private static bool Matches(byte[] b, int offset, string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (b[offset + i] != s[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>RFC 9110 §5.6.2 token characters.</summary>
        private static bool IsToken(byte[] b, int from, int to)
        {
            if (to <= from)
            {
                return false;
            }

            for (int i = from; i < to; i++)
            {
                int ch = b[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
                    || ch == '!' || ch == '#' || ch == '$' || ch == '%' || ch == '&' || ch == '\'' || ch == '*'
                    || ch == '+' || ch == '-' || ch == '.' || ch == '^' || ch == '_' || ch == '`' || ch == '|' || ch == '~';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
