using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;
using NanoIP.Sockets;
using NanoIP.Transport.Tcp;

namespace NanoIP.Services.Apps
{
    /// <summary>
    /// The HTTP status page as plain text, written straight into a response buffer (no
    /// strings built): the interface, the DHCP lease (or "static") and the DNS servers, every
    /// TCP control block in use (netstat: endpoints,
    /// state, Recv-Q/Send-Q, listeners' SYN and accept queues as used/limit), the counters of
    /// each layer and the services. Reads the stack under the context's lock.
    /// </summary>
    public sealed class StatusPage
    {
        private readonly NetworkContext _context;
        private readonly TcpInfo _info = new TcpInfo();
        private readonly byte[] _mac = new byte[6];
        private ServiceHost _host;

        /// <summary>The DHCP client whose lease the page shows; null: the address is shown as static.</summary>
        public DhcpClient Dhcp;

        /// <summary>The resolver whose servers the page lists; null: the interface's DNS server (ip dns).</summary>
        public DnsResolver Dns;

        public StatusPage(NetworkContext context)
        {
            _context = context;
        }

        internal void Attach(ServiceHost host)
        {
            _host = host;
        }

        /// <summary>The whole page (GET /) or only the counters (GET /stats); nowMs for the lease's remaining times.</summary>
        public void Write(AsciiWriter w, bool countersOnly, long nowMs)
        {
            lock (_context.SyncRoot)
            {
                NetStack stack = _context.Stack;
                if (!countersOnly)
                {
                    WriteInterface(w, stack);
                    WriteAddressing(w, stack, nowMs);
                    WriteSockets(w, stack.Tcp);
                }

                WriteCounters(w, stack);
                if (_host != null)
                {
                    WriteServices(w);
                }
            }
        }

        private void WriteInterface(AsciiWriter w, NetStack stack)
        {
            stack.GetMacAddress(_mac, 0);
            w.Append("NanoIP\n\ninterface\n  ether ").AppendMac(_mac, 0).Append("  link ").Append(stack.Device.IsLinkUp ? "up" : "down").Append('\n');
            w.Append("  inet ");
            if (stack.Configured)
            {
                w.AppendIPv4(stack.Address).Append('/').Append((long)stack.PrefixLength);
            }
            else
            {
                w.Append("none");
            }

            w.Append("  gateway ");
            AppendAddressOrNone(w, stack.Gateway);
            w.Append("\n\n");
        }

        /// <summary>
        /// Where the address came from: the DHCP lease with its server, length and the time left
        /// until T1 (renew), T2 (rebind) and expiry (RFC 2131 §4.4.5), the client's state while
        /// it has no lease, or "static"; then the DNS servers queries go to.
        /// </summary>
        private void WriteAddressing(AsciiWriter w, NetStack stack, long nowMs)
        {
            DhcpClient dhcp = Dhcp;
            w.Append("dhcp  ");
            if (dhcp == null || !dhcp.Enabled)
            {
                w.Append("static");
            }
            else if (!dhcp.HasLease)
            {
                w.Append(DhcpClient.StateName(dhcp.State)).Append("  no lease");
            }
            else
            {
                w.Append(DhcpClient.StateName(dhcp.State)).Append("  server ").AppendIPv4(dhcp.ServerAddress)
                    .Append("  lease ").Append((long)dhcp.LeaseSeconds).Append(" s  t1 ");
                AppendRemaining(w, dhcp.RenewAtMs, nowMs);
                w.Append("  t2 ");
                AppendRemaining(w, dhcp.RebindAtMs, nowMs);
                w.Append("  expires ");
                AppendRemaining(w, dhcp.LeaseExpiresMs, nowMs);
            }

            w.Append("\ndns   ");
            DnsResolver dns = Dns;
            int count = dns != null ? dns.ServerCount : (stack.DnsServer != 0 ? 1 : 0);
            if (count == 0)
            {
                w.Append("none");
            }

            for (int i = 0; i < count; i++)
            {
                w.Append(i == 0 ? "" : " ").AppendIPv4(dns != null ? dns.GetServer(i) : stack.DnsServer);
            }

            w.Append("\n\n");
        }

        /// <summary>"in N s" rounded up, "now" when passed, "never" for an infinite lease.</summary>
        private static void AppendRemaining(AsciiWriter w, long atMs, long nowMs)
        {
            if (atMs == NetTime.Never)
            {
                w.Append("never");
            }
            else if (atMs <= nowMs)
            {
                w.Append("now");
            }
            else
            {
                w.Append("in ").Append((atMs - nowMs + 999) / 1000).Append(" s");
            }
        }

        private static void AppendAddressOrNone(AsciiWriter w, uint address)
        {
            if (address == 0)
            {
                w.Append("none");
            }
            else
            {
                w.AppendIPv4(address);
            }
        }

        private void WriteSockets(AsciiWriter w, TcpLayer tcp)
        {
            w.Append("tcp  ").Append((long)(tcp.Capacity - tcp.FreeSockets)).Append(" of ").Append((long)tcp.Capacity)
                .Append(" blocks in use, time-wait ").Append((long)tcp.TimeWaitCount).Append('\n');
            w.Append("  local").Column(24).Append("remote").Column(46).Append("state").Column(58)
                .Append("recv-q").Column(65).Append("send-q").Column(72).Append("syn-q").Column(79).Append("accept-q\n");
            for (int i = 0; i < tcp.Capacity; i++)
            {
                if (!tcp.GetInfoAt(i, _info))
                {
                    continue;
                }

                w.Append("  ").AppendEndPoint(_info.LocalAddress, _info.LocalPort).Column(24)
                    .AppendEndPoint(_info.RemoteAddress, _info.RemotePort).Column(46)
                    .Append(StateName(_info.State)).Column(58)
                    .Append((long)_info.ReceiveQueued).Column(65).Append((long)_info.SendQueued);
                if (_info.State == TcpState.Listen)
                {
                    w.Column(72).Append((long)_info.SynQueued).Append('/').Append((long)_info.SynLimit)
                        .Column(79).Append((long)_info.AcceptQueued).Append('/').Append((long)_info.AcceptLimit);
                }
                else if (_info.Detached)
                {
                    w.Column(72).Append(_info.State == TcpState.Established || _info.State == TcpState.CloseWait ? "(to accept)" : "(closing)");
                }

                w.Append('\n');
            }

            w.Append('\n');
        }

        private static void WriteCounters(AsciiWriter w, NetStack stack)
        {
            EthernetCounters eth = stack.EthernetCounters;
            w.Append("ethernet  in ").Append(eth.FramesIn).Append(" frames ").Append(eth.BytesIn).Append(" bytes  out ")
                .Append(eth.FramesOut).Append(" frames ").Append(eth.BytesOut).Append(" bytes  dropped ")
                .Append(eth.TooShort + eth.BadSource + eth.UnknownEthertype).Append("  tx-failed ").Append(eth.TransmitFailed).Append('\n');
            ArpCounters arp = stack.ArpCounters;
            w.Append("arp       requests in ").Append(arp.RequestsIn).Append(" out ").Append(arp.RequestsOut)
                .Append("  replies in ").Append(arp.RepliesIn).Append(" out ").Append(arp.RepliesOut)
                .Append("  failed ").Append(arp.ResolveFailures).Append("  conflicts ").Append(arp.Conflicts).Append('\n');
            Ipv4Counters ip = stack.Ipv4Counters;
            w.Append("ipv4      in ").Append(ip.PacketsIn).Append(" delivered ").Append(ip.Delivered).Append(" out ").Append(ip.PacketsOut)
                .Append("  errors ").Append(ip.HeaderErrors + ip.BadLength + ip.BadChecksum).Append("  no-proto ").Append(ip.NoProtocol)
                .Append("  no-route ").Append(ip.NoRoute).Append('\n');
            IcmpCounters icmp = stack.IcmpCounters;
            w.Append("icmp      in ").Append(icmp.MessagesIn).Append(" out ").Append(icmp.MessagesOut)
                .Append("  echo in ").Append(icmp.EchoRequestsIn).Append(" replies ").Append(icmp.EchoRepliesOut)
                .Append("  unreachable in ").Append(icmp.UnreachableIn).Append(" out ").Append(icmp.UnreachableOut).Append('\n');
            UdpCounters udp = stack.UdpCounters;
            w.Append("udp       in ").Append(udp.DatagramsIn).Append(" out ").Append(udp.DatagramsOut)
                .Append("  no-port ").Append(udp.NoPort).Append("  errors ").Append(udp.BadChecksum + udp.Malformed)
                .Append("  queue-full ").Append(udp.QueueFull).Append('\n');
            TcpCounters tcp = stack.Tcp.Counters;
            w.Append("tcp       in ").Append((long)tcp.SegmentsReceived).Append(" out ").Append((long)tcp.SegmentsSent)
                .Append("  retransmits ").Append((long)tcp.Retransmits).Append("  resets in ").Append((long)tcp.ResetsReceived)
                .Append(" out ").Append((long)tcp.ResetsSent).Append("  opens active ").Append((long)tcp.ActiveOpens)
                .Append(" passive ").Append((long)tcp.PassiveOpens).Append("  bad-checksum ").Append((long)tcp.BadChecksum)
                .Append("  listen-drops ").Append((long)(tcp.SynQueueFullDrops + tcp.AcceptQueueFullSynDrops + tcp.AcceptQueueOverflows)).Append('\n');
        }

        private void WriteServices(AsciiWriter w)
        {
            w.Append('\n');
            for (int i = 0; i < _host.ServiceCount; i++)
            {
                TcpService s = _host.GetService(i);
                w.Append(s.Name);
                for (int p = 0; p < s.PortCount; p++)
                {
                    w.Append(p == 0 ? " " : ",").Append((long)s.GetPort(p));
                }

                w.Column(16).Append(_host.StateName(i)).Append(' ').Append((long)s.ActiveConnections).Append('/').Append((long)s.MaxConnections)
                    .Append("  accepted ").Append((long)s.Accepted).Append("  idle-closed ").Append((long)s.IdleClosed)
                    .Append("  errors ").Append((long)s.Errors).Append('\n');
            }
        }

        /// <summary>RFC 9293 state names, as netstat prints them.</summary>
        public static string StateName(TcpState state)
        {
            switch (state)
            {
                case TcpState.Listen: return "LISTEN";
                case TcpState.SynSent: return "SYN-SENT";
                case TcpState.SynReceived: return "SYN-RECEIVED";
                case TcpState.Established: return "ESTABLISHED";
                case TcpState.FinWait1: return "FIN-WAIT-1";
                case TcpState.FinWait2: return "FIN-WAIT-2";
                case TcpState.CloseWait: return "CLOSE-WAIT";
                case TcpState.Closing: return "CLOSING";
                case TcpState.LastAck: return "LAST-ACK";
                case TcpState.TimeWait: return "TIME-WAIT";
                default: return "CLOSED";
            }
        }
    }
}
