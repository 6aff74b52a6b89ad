using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// Discard (RFC 863), TCP: read everything, answer nothing, close when the client does.
    /// Also listens on iperf2's port (5001) so `iperf -c` measures the receive path: iperf2
    /// needs no reply on the data connection.
    /// </summary>
    public sealed class DiscardService : TcpService
    {
        /// <summary>Reads per poll per connection (each up to the shared scratch buffer).</summary>
        private const int Rounds = 8;
        private readonly byte[] _scratch;

        public DiscardService(NetworkContext context, ServiceOptions options, byte[] scratch)
            : base("discard", context, options, options.DiscardPort, options.DiscardIperfPort, 0, 0)
        {
            _scratch = scratch;
        }

        protected override bool Serve(ServiceConnection c, long nowMs)
        {
            return Drain(c, _scratch, Rounds, nowMs);
        }
    }
}
