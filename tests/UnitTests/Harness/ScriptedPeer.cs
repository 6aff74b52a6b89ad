namespace NanoIP.UnitTests.Harness
{
    /// <summary>
    /// A host on the wire driven by the test: it sends frames the test builds (Packets) and
    /// collects what reaches it. With AnswerArp it replies to ARP requests for its address
    /// by itself (consuming them), so a stack can talk to it without scripting ARP.
    /// </summary>
    public sealed class ScriptedPeer
    {
        private readonly byte[] _mac = new byte[6];

        public ScriptedPeer(VirtualWire wire, byte[] mac, uint address)
        {
            MacAddress.Copy(mac, 0, _mac, 0);
            Address = address;
            Link = new VirtualLink(mac);
            Link.Arrived = OnArrived;
            wire.Attach(Link);
        }

        public readonly VirtualLink Link;
        public uint Address;
        /// <summary>Reply to ARP requests for Address (and do not queue them).</summary>
        public bool AnswerArp;
        public long ArpAnswered;

        /// <summary>Scratch frame for building what to send.</summary>
        public readonly byte[] Tx = new byte[1514];
        /// <summary>The last frame taken by Next().</summary>
        public readonly byte[] Rx = new byte[1514];
        public int RxLength;

        private readonly byte[] _arp = new byte[60];
        private readonly byte[] _requester = new byte[6];

        public byte[] Mac
        {
            get { return _mac; }
        }

        /// <summary>Sends Tx[0..length).</summary>
        public bool Send(int length)
        {
            return Link.Transmit(Tx, 0, length);
        }

        /// <summary>Takes the next frame that reached the peer into Rx; false when none (delivers due frames at nowMs first).</summary>
        public bool Next(long nowMs)
        {
            Link.Poll(nowMs);
            RxLength = Link.Receive(Rx, 0, Rx.Length);
            return RxLength > 0;
        }

        /// <summary>Skips frames until an IPv4 packet of protocol arrives; false when the queue runs dry.</summary>
        public bool NextIpv4(int protocol, long nowMs)
        {
            while (Next(nowMs))
            {
                if (Packets.IsIpv4(Rx, protocol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Skips frames until an ARP packet with this opcode arrives.</summary>
        public bool NextArp(int operation, long nowMs)
        {
            while (Next(nowMs))
            {
                if (Packets.IsArp(Rx, operation))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Throws away everything queued (returns how many frames).</summary>
        public int Drain(long nowMs)
        {
            int n = 0;
            while (Next(nowMs) && n < 10000)
            {
                n++;
            }

            return n;
        }

        // Convenience senders --------------------------------------------------------------

        public bool SendArpRequest(uint targetIp)
        {
            return Send(Packets.Arp(Tx, Packets.BroadcastMac, _mac, 1, _mac, Address, Packets.ZeroMac, targetIp));
        }

        public bool SendArpReply(byte[] toMac, uint toIp)
        {
            return Send(Packets.Arp(Tx, toMac, _mac, 2, _mac, Address, toMac, toIp));
        }

        public bool SendUdp(byte[] toMac, uint toIp, int sourcePort, int destinationPort, byte[] payload, int offset, int length)
        {
            return Send(Packets.Udp(Tx, toMac, _mac, Address, toIp, sourcePort, destinationPort, payload, offset, length));
        }

        public bool SendEchoRequest(byte[] toMac, uint toIp, int identifier, int sequence, int size)
        {
            return Send(Packets.IcmpEcho(Tx, toMac, _mac, Address, toIp, 8, identifier, sequence, size));
        }

        private bool OnArrived(byte[] frame, int length, long nowMs)
        {
            if (!AnswerArp || length < 42 || !Packets.IsArp(frame, 1) || Packets.ArpTargetIp(frame) != Address)
            {
                return false;
            }

            MacAddress.Copy(frame, 22, _requester, 0);
            int n = Packets.Arp(_arp, _requester, _mac, 2, _mac, Address, _requester, Packets.ArpSenderIp(frame));
            Link.Transmit(_arp, 0, n);
            ArpAnswered++;
            return true;
        }
    }
}
