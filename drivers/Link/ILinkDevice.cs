namespace NanoIP.Drivers
{
    /// <summary>
    /// What the stack needs from an Ethernet controller: whole frames in and out, link
    /// state, and a poll entry. Frames are Ethernet II frames from the destination MAC
    /// on, without the FCS (the device checks it on receive and appends it on transmit).
    /// Every call comes from the one network thread; no call blocks without a bound.
    /// </summary>
    public interface ILinkDevice
    {
        /// <summary>Largest frame Receive can return or Transmit accepts, without FCS (1514).</summary>
        int MaxFrameLength { get; }

        /// <summary>Link state as last seen by Poll.</summary>
        bool IsLinkUp { get; }

        /// <summary>True when the device asks for service (its interrupt line is asserted or a frame is known to wait).</summary>
        bool InterruptPending { get; }

        /// <summary>Copies the 6-byte MAC address into <paramref name="mac"/> at <paramref name="offset"/>.</summary>
        void GetMacAddress(byte[] mac, int offset);

        /// <summary>
        /// Services the device at time <paramref name="nowMs"/>: interrupt flags, link changes,
        /// error recovery and the health check. Never blocks beyond a few bus transactions.
        /// </summary>
        void Poll(long nowMs);

        /// <summary>
        /// Copies the next good received frame into <paramref name="buffer"/> at <paramref name="offset"/>
        /// and returns its length; 0 when none waits. A frame longer than <paramref name="capacity"/>
        /// is dropped and counted, never truncated.
        /// </summary>
        int Receive(byte[] buffer, int offset, int capacity);

        /// <summary>
        /// Sends one frame; short frames are padded by the device. Returns false when the frame
        /// could not be sent (the device counts why); the caller may retry later.
        /// </summary>
        bool Transmit(byte[] frame, int offset, int length);

        /// <summary>
        /// Whether broadcast frames other than ARP are received. DHCP turns it on while it needs it;
        /// off spares the small receive buffer from broadcast storms.
        /// </summary>
        bool ReceiveBroadcast { get; set; }

        /// <summary>Whether multicast frames are received.</summary>
        bool ReceiveMulticast { get; set; }
    }
}
