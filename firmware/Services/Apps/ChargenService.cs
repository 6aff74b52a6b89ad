using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// Character generator (RFC 864), TCP: sends for as long as the client reads, ignores what
    /// it sends, closes when it closes. The pattern is the RFC's: lines of 72 of the 95 printing
    /// ASCII characters (32..126) and CR LF, each line starting one character further on; the
    /// first line starts with '!' as in the RFC's example. It repeats every 95 lines, so a
    /// connection's position is an offset in that cycle and lines are made as they are sent.
    /// </summary>
    public sealed class ChargenService : TcpService
    {
        public const int LineLength = 72;
        public const int CycleBytes = 95 * (LineLength + 2);
        private const int Rounds = 4;
        private readonly byte[] _scratch;

        public ChargenService(NetworkContext context, ServiceOptions options, byte[] scratch)
            : base("chargen", context, options, options.ChargenPort, 0, 0, 0)
        {
            _scratch = scratch;
        }

        /// <summary>Fills buffer[offset..offset+count) with the pattern from cycle offset position.</summary>
        public static void Fill(byte[] buffer, int offset, int count, int position)
        {
            int line = position / (LineLength + 2);
            int column = position % (LineLength + 2);
            for (int i = 0; i < count; i++)
            {
                byte b;
                if (column < LineLength)
                {
                    b = (byte)(32 + (1 + line + column) % 95);
                }
                else
                {
                    b = column == LineLength ? (byte)'\r' : (byte)'\n';
                }

                buffer[offset + i] = b;
                if (++column == LineLength + 2)
                {
                    column = 0;
                    line = line == 94 ? 0 : line + 1;
                }
            }
        }

        protected override bool Serve(ServiceConnection c, long nowMs)
        {
            long before = c.LastActivityMs;
            if (!Drain(c, _scratch, 2, nowMs))
            {
                return false;
            }

            c.LastActivityMs = before; // Only what the client reads counts as progress here.
            Socket s = c.Socket;
            for (int r = 0; r < Rounds; r++)
            {
                if (!s.Poll(0, SelectMode.SelectWrite))
                {
                    return true;
                }

                Fill(_scratch, 0, _scratch.Length, c.Position);
                SocketError e;
                int sent = s.Send(_scratch, 0, _scratch.Length, out e);
                if (Failed(e))
                {
                    return false;
                }

                if (sent <= 0)
                {
                    return true;
                }

                c.Position = (c.Position + sent) % CycleBytes;
                c.LastActivityMs = nowMs;
            }

            return true;
        }
    }
}
