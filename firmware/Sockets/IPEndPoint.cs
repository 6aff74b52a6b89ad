using NanoIP.Network;

namespace NanoIP.Sockets
{
    /// <summary>
    /// An IPv4 address and port (System.Net.IPEndPoint without IPAddress: the address is a
    /// host-byte-order uint, 192.168.1.2 = 0xC0A80102). Mutable like .NET's, so a socket can
    /// hand out and refill the same instance without allocating.
    /// </summary>
    public sealed class IPEndPoint
    {
        /// <summary>The wildcard address (INADDR_ANY, IPAddress.Any).</summary>
        public const uint Any = IPv4.Any;
        /// <summary>The limited broadcast address 255.255.255.255.</summary>
        public const uint Broadcast = IPv4.LimitedBroadcast;
        public const int MinPort = 0;
        public const int MaxPort = 65535;

        private int _port;

        public IPEndPoint(uint address, int port)
        {
            Address = address;
            Port = port;
        }

        public uint Address { get; set; }

        /// <summary>0..65535; ArgumentOutOfRangeException otherwise.</summary>
        public int Port
        {
            get { return _port; }
            set
            {
                if (value < MinPort || value > MaxPort)
                {
                    throw new System.ArgumentOutOfRangeException("value");
                }

                _port = value;
            }
        }

        /// <summary>Copies address and port into this instance (no allocation).</summary>
        public void Set(uint address, int port)
        {
            Address = address;
            Port = port;
        }

        /// <summary>Parses "a.b.c.d:port"; false for anything else.</summary>
        public static bool TryParse(string text, out IPEndPoint endPoint)
        {
            endPoint = null;
            if (text == null)
            {
                return false;
            }

            int colon = text.IndexOf(':');
            if (colon <= 0 || colon == text.Length - 1 || text.Length - colon - 1 > 5)
            {
                return false;
            }

            uint address;
            if (!IPv4.TryParse(text.Substring(0, colon), out address))
            {
                return false;
            }

            int port = 0;
            for (int i = colon + 1; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                port = port * 10 + (c - '0');
            }

            if (port > MaxPort)
            {
                return false;
            }

            endPoint = new IPEndPoint(address, port);
            return true;
        }

        /// <summary>Parses "a.b.c.d:port"; FormatException otherwise.</summary>
        public static IPEndPoint Parse(string text)
        {
            IPEndPoint ep;
            if (!TryParse(text, out ep))
            {
                throw new System.FormatException("not an IPv4 endpoint (a.b.c.d:port)");
            }

            return ep;
        }

        /// <summary>"a.b.c.d:port".</summary>
        public override string ToString()
        {
            return IPv4.ToString(Address) + ":" + _port.ToString();
        }

        public override bool Equals(object obj)
        {
            IPEndPoint other = obj as IPEndPoint;
            return other != null && other.Address == Address && other._port == _port;
        }

        public override int GetHashCode()
        {
            return (int)Address ^ (_port << 16);
        }
    }
}
