using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// Echo (RFC 862), TCP: every byte back as it comes. One buffer per connection: a read
    /// happens only once the previous one is sent, so a client that does not read fills our
    /// send ring, then our receive window, and stops making progress until the idle timeout.
    /// </summary>
    public sealed class EchoService : TcpService
    {
        /// <summary>Read/send turns per poll per connection (bounds one poll's work).</summary>
        private const int Rounds = 4;

        public EchoService(NetworkContext context, ServiceOptions options)
            : base("echo", context, options, options.EchoPort, 0, options.BufferSize < 1 ? 1 : options.BufferSize, 0)
        {
        }

        /// <summary>Bytes echoed since start.</summary>
        public long BytesEchoed;

        /// <summary>No Nagle: an echo's tail would otherwise wait for the client's delayed ACK (up to 200 ms).</summary>
        protected override void ConfigureListener(Socket listener)
        {
            listener.NoDelay = true;
        }

        protected override bool Serve(ServiceConnection c, long nowMs)
        {
            Socket s = c.Socket;
            for (int r = 0; r < Rounds; r++)
            {
                SocketError e;
                if (c.Count > 0)
                {
                    int sent = s.Send(c.Buffer, c.Start, c.Count, out e);
                    if (Failed(e))
                    {
                        return false;
                    }

                    if (sent > 0)
                    {
                        c.Start += sent;
                        c.Count -= sent;
                        BytesEchoed += sent;
                        c.LastActivityMs = nowMs;
                    }

                    if (c.Count > 0)
                    {
                        return true; // Send ring full: wait for the client to read.
                    }
                }

                if (c.PeerClosed)
                {
                    return false; // Everything echoed: close (FIN).
                }

                int n = s.Receive(c.Buffer, 0, c.Buffer.Length, out e);
                if (Failed(e))
                {
                    return false;
                }

                if (e == SocketError.WouldBlock)
                {
                    return true;
                }

                if (n == 0)
                {
                    c.PeerClosed = true;
                    return false;
                }

                c.Start = 0;
                c.Count = n;
                c.LastActivityMs = nowMs;
            }

            return true;
        }
    }
}
