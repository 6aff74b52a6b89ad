using NanoIP.Sockets;
using NanoIP.Transport.Tcp;
using NanoIP.Transport.Udp;

namespace NanoIP.App.Console.Commands
{
    /// <summary>netstat: every TCP connection (SYN queues and TIME-WAIT included) and UDP socket, as "ss -tuan" lists them.</summary>
    public sealed class NetstatCommand : IConsoleCommand
    {
        public const string Header = "Netid State      Recv-Q Send-Q Local Address:Port     Peer Address:Port";

        public string Name
        {
            get { return "netstat"; }
        }

        public string Summary
        {
            get { return "list TCP connections and UDP sockets with their queues (as ss -tuan)"; }
        }

        public string Usage
        {
            get { return "netstat [-t] [-u] [-l]"; }
        }

        public string Help
        {
            get
            {
                return "  -t        TCP only\r\n"
                    + "  -u        UDP only\r\n"
                    + "  -l        listening sockets only (TCP LISTEN, unconnected UDP)\r\n"
                    + "  Recv-Q/Send-Q: bytes unread/unacknowledged; for LISTEN, the accept queue and its limit.";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            bool tcp = false;
            bool udp = false;
            bool listening = false;
            for (int i = 1; i < args.Count; i++)
            {
                string w = args[i];
                if (w.Length < 2 || w[0] != '-')
                {
                    return ctx.Fail(this, "unexpected argument '" + w + "'");
                }

                for (int k = 1; k < w.Length; k++)
                {
                    char c = w[k];
                    if (c == 't')
                    {
                        tcp = true;
                    }
                    else if (c == 'u')
                    {
                        udp = true;
                    }
                    else if (c == 'l')
                    {
                        listening = true;
                    }
                    else
                    {
                        return ctx.Fail(this, "invalid option '-" + c.ToString() + "'");
                    }
                }
            }

            if (!tcp && !udp)
            {
                tcp = true;
                udp = true;
            }

            string text = Header + "\r\n";
            if (tcp)
            {
                text = text + TcpRows(ctx.Stack.Tcp, listening);
            }

            if (udp)
            {
                text = text + UdpRows(ctx.Stack.Udp, listening);
            }

            ctx.Write(text);
            return null;
        }

        private static string TcpRows(TcpLayer tcp, bool listeningOnly)
        {
            string text = string.Empty;
            for (int i = 0; i < tcp.ConnectionCapacity; i++)
            {
                uint la;
                uint ra;
                int lp;
                int rp;
                int rq;
                int sq;
                TcpState state = tcp.GetConnectionRow(i, out la, out lp, out ra, out rp, out rq, out sq);
                if ((state == TcpState.Closed && lp == 0) || (listeningOnly && state != TcpState.Listen))
                {
                    continue;
                }

                text = text + Row("tcp", StateName(state), rq, sq, la, lp, ra, rp);
                if (state == TcpState.Listen && !listeningOnly)
                {
                    for (int k = 0; k < tcp.SynQueueCapacity; k++)
                    {
                        if (tcp.GetSynRow(i, k, out la, out lp, out ra, out rp))
                        {
                            text = text + Row("tcp", "SYN-RECV", 0, 0, la, lp, ra, rp);
                        }
                    }
                }
            }

            for (int k = 0; k < tcp.TimeWaitCapacity && !listeningOnly; k++)
            {
                uint la;
                uint ra;
                int lp;
                int rp;
                if (tcp.GetTimeWaitRow(k, out la, out lp, out ra, out rp))
                {
                    text = text + Row("tcp", "TIME-WAIT", 0, 0, la, lp, ra, rp);
                }
            }

            return text;
        }

        private static string UdpRows(UdpLayer udp, bool listeningOnly)
        {
            string text = string.Empty;
            for (int h = 0; h < udp.Capacity; h++)
            {
                uint la;
                uint ra;
                int lp;
                int rp;
                if (!udp.IsOpen(h) || udp.GetLocalEndpoint(h, out la, out lp) != SocketError.Success || lp == 0)
                {
                    continue;
                }

                bool connected = udp.GetRemoteEndpoint(h, out ra, out rp) == SocketError.Success && rp != 0;
                if (listeningOnly && connected)
                {
                    continue;
                }

                text = text + Row("udp", connected ? "ESTAB" : "UNCONN", udp.QueuedBytes(h), 0, la, lp, connected ? ra : 0, connected ? rp : 0);
            }

            return text;
        }

        private static string Row(string netid, string state, int rq, int sq, uint la, int lp, uint ra, int rp)
        {
            return TextFormat.Left(netid, 6) + TextFormat.Left(state, 11) + TextFormat.Left(rq.ToString(), 7) + TextFormat.Left(sq.ToString(), 7)
                + TextFormat.Left(TextFormat.EndPoint(la, lp), 23) + TextFormat.EndPoint(ra, rp) + "\r\n";
        }

        /// <summary>ss's names for the RFC 9293 states.</summary>
        public static string StateName(TcpState state)
        {
            switch (state)
            {
                case TcpState.Listen: return "LISTEN";
                case TcpState.SynSent: return "SYN-SENT";
                case TcpState.SynReceived: return "SYN-RECV";
                case TcpState.Established: return "ESTAB";
                case TcpState.FinWait1: return "FIN-WAIT-1";
                case TcpState.FinWait2: return "FIN-WAIT-2";
                case TcpState.CloseWait: return "CLOSE-WAIT";
                case TcpState.Closing: return "CLOSING";
                case TcpState.LastAck: return "LAST-ACK";
                case TcpState.TimeWait: return "TIME-WAIT";
                default: return "UNCONN";
            }
        }
    }
}
