using NanoIP.Transport.Tcp;

namespace NanoIP.App.Console.Commands
{
    /// <summary>stats: every layer's counters, one per line as "netstat -s" prints them, drops by reason.</summary>
    public sealed class StatsCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "stats"; }
        }

        public string Summary
        {
            get { return "per-layer counters: Ethernet, ARP, IPv4, ICMP, UDP, TCP (drops by reason)"; }
        }

        public string Usage
        {
            get { return "stats [eth|arp|ip|icmp|udp|tcp]"; }
        }

        public string Help
        {
            get { return "  LAYER     only that layer's counters (default: all)"; }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 2)
            {
                return ctx.Fail(this, "unexpected argument '" + args[2] + "'");
            }

            string layer = args.Count == 2 ? args[1] : null;
            if (layer != null && layer != "eth" && layer != "arp" && layer != "ip" && layer != "icmp" && layer != "udp" && layer != "tcp")
            {
                return ctx.Fail(this, "unknown layer '" + layer + "'");
            }

            NetStack s = ctx.Stack;
            if (layer == null || layer == "eth")
            {
                ctx.Write(Ethernet(s.EthernetCounters));
            }

            if (layer == null || layer == "arp")
            {
                ctx.Write(Arp(s.ArpCounters));
            }

            if (layer == null || layer == "ip")
            {
                ctx.Write(Ip(s.Ipv4Counters));
            }

            if (layer == null || layer == "icmp")
            {
                ctx.Write(Icmp(s.IcmpCounters));
            }

            if (layer == null || layer == "udp")
            {
                ctx.Write(Udp(s.UdpCounters));
            }

            if (layer == null || layer == "tcp")
            {
                ctx.Write(Tcp(s.Tcp.Counters));
            }

            return null;
        }

        private static string L(long value, string what)
        {
            return "    " + value.ToString() + " " + what + "\r\n";
        }

        public static string Ethernet(EthernetCounters c)
        {
            return "Ethernet:\r\n"
                + L(c.FramesIn, "frames received") + L(c.BytesIn, "bytes received")
                + L(c.FramesOut, "frames sent") + L(c.BytesOut, "bytes sent")
                + L(c.TooShort, "dropped: shorter than a header")
                + L(c.NotForUs, "dropped: not for us")
                + L(c.BadSource, "dropped: group source address")
                + L(c.UnknownEthertype, "dropped: unknown EtherType")
                + L(c.TransmitFailed, "transmits refused by the device")
                + L(c.ProcessingFaults, "processing faults");
        }

        public static string Arp(ArpCounters c)
        {
            return "Arp:\r\n"
                + L(c.RequestsIn, "requests received") + L(c.RepliesIn, "replies received")
                + L(c.RequestsOut, "requests sent") + L(c.RepliesOut, "replies sent")
                + L(c.GratuitousOut, "announcements sent")
                + L(c.Learned, "entries learned") + L(c.Expired, "entries expired")
                + L(c.ResolveFailures, "resolutions failed")
                + L(c.ParkedSent, "parked packets sent") + L(c.ParkedDropped, "parked packets dropped")
                + L(c.PendingRefused, "sends refused: pending slot busy")
                + L(c.CacheFull, "sends refused: cache full")
                + L(c.Conflicts, "address conflicts") + L(c.Defends, "address defences")
                + L(c.Malformed, "dropped: malformed")
                + L(c.Ignored, "ignored: not for us");
        }

        public static string Ip(Ipv4Counters c)
        {
            return "Ip:\r\n"
                + L(c.PacketsIn, "total packets received") + L(c.Delivered, "incoming packets delivered")
                + L(c.HeaderErrors, "dropped: bad header")
                + L(c.BadLength, "dropped: bad length")
                + L(c.BadChecksum, "dropped: bad checksum")
                + L(c.Fragments, "dropped: fragments (no reassembly)")
                + L(c.NotForUs, "dropped: not for us")
                + L(c.BadSource, "dropped: bad source address")
                + L(c.NoProtocol, "dropped: unknown protocol")
                + L(c.OptionsSkipped, "with options (skipped)")
                + L(c.PacketsOut, "requests sent out")
                + L(c.NoRoute, "dropped because of missing route")
                + L(c.OutDiscards, "outgoing packets dropped")
                + L(c.HostUnreachable, "next hop did not answer ARP")
                + L(c.IcmpErrorsDelivered, "ICMP errors delivered to transports")
                + L(c.IcmpErrorsIgnored, "ICMP errors ignored");
        }

        public static string Icmp(IcmpCounters c)
        {
            return "Icmp:\r\n"
                + L(c.MessagesIn, "ICMP messages received") + L(c.MessagesOut, "ICMP messages sent")
                + L(c.EchoRequestsIn, "echo requests received") + L(c.EchoRepliesOut, "echo replies sent")
                + L(c.EchoRequestsOut, "echo requests sent") + L(c.EchoRepliesIn, "echo replies received")
                + L(c.EchoRepliesUnmatched, "echo replies unmatched")
                + L(c.UnreachableIn, "destination unreachable received")
                + L(c.TimeExceededIn, "time exceeded received")
                + L(c.ParameterProblemIn, "parameter problem received")
                + L(c.UnreachableOut, "destination unreachable sent")
                + L(c.TooShort, "dropped: too short")
                + L(c.BadChecksum, "dropped: bad checksum")
                + L(c.UnknownType, "dropped: unknown type")
                + L(c.BroadcastEchoIgnored, "broadcast echo requests ignored")
                + L(c.ErrorsRateLimited, "errors not sent: rate limit")
                + L(c.ErrorsSuppressed, "errors not sent: forbidden by RFC 1122")
                + L(c.ReplyFailed, "echo replies not sent: no route or buffer");
        }

        public static string Udp(UdpCounters c)
        {
            return "Udp:\r\n"
                + L(c.DatagramsIn, "packets received") + L(c.DatagramsOut, "packets sent")
                + L(c.NoPort, "packets to unknown port received")
                + L(c.BadChecksum, "dropped: bad checksum")
                + L(c.Malformed, "dropped: malformed")
                + L(c.QueueFull, "receive buffer errors")
                + L(c.IcmpErrors, "ICMP errors recorded")
                + L(c.SendFailed, "send buffer errors");
        }

        public static string Tcp(TcpCounters c)
        {
            return "Tcp:\r\n"
                + L(c.ActiveOpens, "active connection openings") + L(c.PassiveOpens, "passive connection openings")
                + L(c.ConnectionsReset, "connections reset") + L(c.ConnectionsTimedOut, "connections timed out")
                + L(c.ConnectionsAborted, "connections aborted")
                + L(c.SegmentsReceived, "segments received") + L(c.SegmentsSent, "segments sent out")
                + L(c.Retransmits, "segments retransmitted") + L(c.FastRetransmits, "fast retransmits")
                + L(c.RetransmitTimeouts, "retransmission timeouts")
                + L(c.SendErrors, "segments not sent: IP refused")
                + L(c.BadChecksum, "dropped: bad checksum")
                + L(c.Malformed, "dropped: malformed")
                + L(c.NotUnicast, "dropped: not unicast")
                + L(c.OutOfWindow, "dropped: out of window")
                + L(c.DuplicateSegments, "duplicate segments") + L(c.PawsRejected, "dropped: old timestamp (PAWS)")
                + L(c.NoSocket, "segments for no socket")
                + L(c.ResetsSent, "resets sent") + L(c.ResetsReceived, "resets received")
                + L(c.ChallengeAcks, "challenge ACKs sent") + L(c.ChallengeAcksSuppressed, "challenge ACKs suppressed")
                + L(c.SynQueueFullDrops, "SYNs dropped: SYN queue full")
                + L(c.AcceptQueueFullSynDrops, "SYNs dropped: accept queue full")
                + L(c.AcceptQueueOverflows, "times the listen queue of a socket overflowed")
                + L(c.SynAckRetransmits, "SYN-ACKs retransmitted") + L(c.SynQueueTimeouts, "SYN queue entries timed out")
                + L(c.OutOfOrderQueued, "out-of-order segments queued") + L(c.OutOfOrderDropped, "out-of-order segments dropped")
                + L(c.DelayedAcks, "delayed acks sent") + L(c.PersistProbes, "window probes sent")
                + L(c.KeepAliveProbes, "keepalive probes sent")
                + L(c.TimeWaitEntries, "TIME_WAIT entries") + L(c.TimeWaitEvictions, "TIME_WAIT entries evicted")
                + L(c.TimeWaitReacks, "TIME_WAIT re-ACKs")
                + L(c.IcmpErrors, "ICMP errors received");
        }
    }
}
