using NanoIP.Drivers;
using NanoIP.Network;

namespace NanoIP.Link
{
    /// <summary>
    /// Ethernet II: accepts frames for our MAC, broadcast (ARP always; the rest only while the
    /// device receives broadcast) and multicast (only while enabled), hands ARP and IPv4 up,
    /// and writes the header of outgoing frames. Every dropped frame is counted by reason.
    /// </summary>
    public sealed class EthernetLayer
    {
        private readonly ILinkDevice _device;
        private readonly byte[] _mac;
        private readonly EthernetCounters _counters;
        private ArpLayer _arp;
        private Ipv4Layer _ipv4;

        public EthernetLayer(ILinkDevice device, InterfaceAddress iface, EthernetCounters counters)
        {
            _device = device;
            _mac = iface.Mac;
            _counters = counters;
        }

        public EthernetCounters Counters
        {
            get { return _counters; }
        }

        internal void Attach(ArpLayer arp, Ipv4Layer ipv4)
        {
            _arp = arp;
            _ipv4 = ipv4;
        }

        /// <summary>Demultiplexes one received frame of length bytes at frame[0].</summary>
        public void Receive(byte[] frame, int length, long nowMs)
        {
            _counters.FramesIn++;
            _counters.BytesIn += length;
            if (length < EthernetFrame.HeaderLength)
            {
                _counters.TooShort++;
                return;
            }

            int type = NetOrder.ReadUInt16(frame, EthernetFrame.TypeOffset);
            bool linkBroadcast = false;
            if (!MacAddress.AreEqual(frame, EthernetFrame.DestinationOffset, _mac, 0))
            {
                if (MacAddress.IsBroadcast(frame, EthernetFrame.DestinationOffset))
                {
                    // ARP must always pass: without it nobody can resolve us (the ENC28J60 uses a pattern match for the same reason).
                    if (type != EthernetFrame.TypeArp && !_device.ReceiveBroadcast)
                    {
                        _counters.NotForUs++;
                        return;
                    }

                    linkBroadcast = true;
                }
                else if (MacAddress.IsGroup(frame, EthernetFrame.DestinationOffset))
                {
                    if (!_device.ReceiveMulticast)
                    {
                        _counters.NotForUs++;
                        return;
                    }

                    linkBroadcast = true;
                }
                else
                {
                    _counters.NotForUs++;
                    return;
                }
            }

            if (MacAddress.IsGroup(frame, EthernetFrame.SourceOffset))
            {
                _counters.BadSource++;
                return;
            }

            int payload = length - EthernetFrame.HeaderLength;
            if (type == EthernetFrame.TypeIpv4)
            {
                _ipv4.Receive(frame, EthernetFrame.HeaderLength, payload, linkBroadcast, nowMs);
            }
            else if (type == EthernetFrame.TypeArp)
            {
                _arp.Receive(frame, EthernetFrame.HeaderLength, payload, nowMs);
            }
            else
            {
                _counters.UnknownEthertype++;
            }
        }

        /// <summary>
        /// Writes destination, our source and the EtherType in front of frame (whose payload
        /// starts at 14) and hands length bytes to the device. False when the device refused it.
        /// </summary>
        public bool Transmit(byte[] frame, int length, byte[] destination, int destinationOffset, int etherType)
        {
            MacAddress.Copy(destination, destinationOffset, frame, EthernetFrame.DestinationOffset);
            MacAddress.Copy(_mac, 0, frame, EthernetFrame.SourceOffset);
            NetOrder.WriteUInt16(frame, EthernetFrame.TypeOffset, etherType);
            if (!_device.Transmit(frame, 0, length))
            {
                _counters.TransmitFailed++;
                return false;
            }

            _counters.FramesOut++;
            _counters.BytesOut += length;
            return true;
        }
    }
}
