namespace NanoIP
{
    /// <summary>
    /// The one interface's addresses: its MAC, and IPv4 address, prefix, gateway and DNS
    /// server (host byte order; 0 = none). ARP and IPv4 both read it; only NetStack
    /// changes it (Configure).
    /// </summary>
    public sealed class InterfaceAddress
    {
        private readonly byte[] _mac = new byte[MacAddress.Length];
        private uint _address;
        private uint _mask;
        private int _prefixLength;
        private uint _gateway;

        /// <summary>The interface's MAC (read-only by convention: copy it, do not write it).</summary>
        public byte[] Mac
        {
            get { return _mac; }
        }

        public uint Address
        {
            get { return _address; }
        }

        public uint Mask
        {
            get { return _mask; }
        }

        public int PrefixLength
        {
            get { return _prefixLength; }
        }

        public uint Gateway
        {
            get { return _gateway; }
        }

        /// <summary>DNS server for a later resolver; kept here so DHCP and the console share it.</summary>
        public uint DnsServer;

        public bool Configured
        {
            get { return _address != 0; }
        }

        internal void Set(uint address, int prefixLength, uint gateway)
        {
            _address = address;
            _prefixLength = prefixLength;
            _mask = Network.IPv4.MaskFromPrefix(prefixLength);
            _gateway = gateway;
        }

        /// <summary>The subnet-directed broadcast, or 0 where the subnet has none (/31, /32: RFC 3021).</summary>
        public uint SubnetBroadcast
        {
            get { return _address == 0 || _prefixLength >= 31 ? 0 : (_address | ~_mask); }
        }

        /// <summary>Limited (255.255.255.255) or this subnet's directed broadcast.</summary>
        public bool IsBroadcast(uint address)
        {
            if (address == 0xFFFFFFFF)
            {
                return true;
            }

            uint sb = SubnetBroadcast;
            return sb != 0 && address == sb;
        }

        /// <summary>Whether address is on our subnet (reachable without the gateway).</summary>
        public bool IsOnLink(uint address)
        {
            return _address != 0 && (address & _mask) == (_address & _mask);
        }
    }
}
