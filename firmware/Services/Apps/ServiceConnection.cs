using NanoIP.Sockets;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// One connection slot of a service, made at start-up with its buffers and reused: the
    /// accepted socket (null while free), what is pending in the buffers, and when it last
    /// made progress (for the idle timeout).
    /// </summary>
    public sealed class ServiceConnection
    {
        /// <summary>Echo: bytes waiting to go back; HTTP: the request head being read.</summary>
        internal readonly byte[] Buffer;
        /// <summary>HTTP: the response (headers and body) being sent.</summary>
        internal readonly byte[] Response;
        internal Socket Socket;
        /// <summary>Pending bytes: Buffer[Start..Start+Count) (echo), Buffer[0..Count) (HTTP request).</summary>
        internal int Start;
        internal int Count;
        /// <summary>HTTP: Response[SendFrom..SendTo) still to send.</summary>
        internal int SendFrom;
        internal int SendTo;
        /// <summary>Chargen: offset in the pattern's cycle.</summary>
        internal int Position;
        /// <summary>The peer sent FIN (Receive returned 0).</summary>
        internal bool PeerClosed;
        /// <summary>HTTP: the response is out and FIN queued; reading what is left until the peer closes or DrainUntilMs.</summary>
        internal bool Draining;
        internal long DrainUntilMs;
        internal long LastActivityMs;

        internal ServiceConnection(int bufferSize, int responseSize)
        {
            Buffer = bufferSize > 0 ? new byte[bufferSize] : null;
            Response = responseSize > 0 ? new byte[responseSize] : null;
        }

        /// <summary>Whether a client occupies this slot.</summary>
        public bool InUse
        {
            get { return Socket != null; }
        }

        internal void Attach(Socket socket, long nowMs)
        {
            Socket = socket;
            Start = 0;
            Count = 0;
            SendFrom = 0;
            SendTo = 0;
            Position = 0;
            PeerClosed = false;
            Draining = false;
            DrainUntilMs = 0;
            LastActivityMs = nowMs;
        }
    }
}
