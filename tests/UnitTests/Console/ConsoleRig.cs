using NanoIP.App.Console;
using NanoIP.Network;
using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;
using NanoIP.Sockets;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Console
{
    /// <summary>
    /// A console on a stack (192.168.1.10/24, gateway .1) on a virtual wire with LatencyMs
    /// one-way delay, and a second stack at .20 that answers pings. Time moves 1 ms per
    /// step: every stack polls, then the console polls, as the firmware's loop does. Both
    /// stacks have a socket layer (the console shares its lock); blocking socket calls on
    /// the peer's side pump the wire (not the console).
    /// </summary>
    public sealed class ConsoleRig : INetworkPump, IClock
    {
        public const int LatencyMs = 5;
        public static readonly uint StackIp = IPv4.FromBytes(192, 168, 1, 10);
        public static readonly uint PeerIp = IPv4.FromBytes(192, 168, 1, 20);
        public static readonly uint GatewayIp = IPv4.FromBytes(192, 168, 1, 1);
        public static readonly uint Nobody = IPv4.FromBytes(192, 168, 1, 99);

        public readonly NetConfig Config;
        public readonly VirtualNetwork Net;
        public readonly NetStack Stack;
        public readonly NetStack Peer;
        public readonly FakeConsolePort Port = new FakeConsolePort();
        public readonly ConsoleShell Shell;
        public readonly NetworkContext Network;
        public readonly NetworkContext PeerNetwork;
        /// <summary>Services polled after the stacks when a test sets them.</summary>
        public DnsResolver Dns;
        public DhcpClient Dhcp;

        public ConsoleRig(NetConfig config = null, bool configure = true)
        {
            Config = config == null ? new NetConfig() : config;
            Net = new VirtualNetwork(LatencyMs);
            Stack = Net.AddStack(Config, 10, configure ? StackIp : 0, 24, configure ? GatewayIp : 0);
            if (!configure)
            {
                Stack.Unconfigure();
            }

            Peer = Net.AddStack(new NetConfig(), 20, PeerIp, 24);
            Net.RunFor(10000);
            PumpingSocketWaiter waiter = new PumpingSocketWaiter(this);
            Network = new NetworkContext(Config, Stack, this, waiter);
            PeerNetwork = new NetworkContext(new NetConfig(), Peer, this, waiter);
            Shell = new ConsoleShell(Port, Stack, Network.SyncRoot);
            Shell.Context.Network = Network;
            Shell.Poll(Net.Now);
            Port.Take();
        }

        public long Now
        {
            get { return Net.Now; }
        }

        public long NowMs
        {
            get { return Net.Now; }
        }

        public long PollAll()
        {
            return Net.PollAll();
        }

        public void AdvanceTo(long timeMs)
        {
            Net.Now = timeMs;
        }

        /// <summary>Types text and polls the console once (no time passes).</summary>
        public string Type(string text)
        {
            Port.Type(text);
            Shell.Poll(Net.Now);
            return Port.Take();
        }

        /// <summary>Types a command and Enter, polls once, returns what was printed (echo included).</summary>
        public string Run(string line)
        {
            return Type(line + "\r");
        }

        /// <summary>Output of a command without its echo and the prompt that follows.</summary>
        public string Output(string line)
        {
            string s = Run(line);
            string echo = line + "\r\n";
            if (s.StartsWith(echo))
            {
                s = s.Substring(echo.Length);
            }

            if (s.EndsWith(ConsoleShell.Prompt))
            {
                s = s.Substring(0, s.Length - ConsoleShell.Prompt.Length);
            }

            return s;
        }

        /// <summary>ms steps of 1 ms: stacks poll, then the console.</summary>
        public void Step(int ms)
        {
            for (int i = 0; i < ms; i++)
            {
                Net.Now = Net.Now + 1;
                Net.PollAll();
                if (Dhcp != null)
                {
                    Dhcp.Poll(Net.Now);
                }

                if (Dns != null)
                {
                    Dns.Poll(Net.Now);
                }

                Shell.Poll(Net.Now);
            }
        }

        /// <summary>Steps until the running job ends (at most maxMs); returns whether it ended.</summary>
        public bool StepUntilIdle(int maxMs)
        {
            for (int i = 0; i < maxMs && Shell.JobRunning; i++)
            {
                Step(1);
            }

            return !Shell.JobRunning;
        }

        /// <summary>Splits console output into lines at "\r\n" (a trailing partial line included when not empty).</summary>
        public static string[] Lines(string text)
        {
            int n = 1;
            for (int i = 0; i + 1 < text.Length; i++)
            {
                if (text[i] == '\r' && text[i + 1] == '\n')
                {
                    n++;
                }
            }

            string[] lines = new string[n];
            int k = 0;
            int start = 0;
            for (int i = 0; i + 1 < text.Length; i++)
            {
                if (text[i] == '\r' && text[i + 1] == '\n')
                {
                    lines[k++] = text.Substring(start, i - start);
                    start = i + 2;
                    i++;
                }
            }

            lines[k] = text.Substring(start);
            if (lines[k].Length == 0)
            {
                string[] trimmed = new string[k];
                System.Array.Copy(lines, trimmed, k);
                return trimmed;
            }

            return lines;
        }

        /// <summary>How often part occurs in text (ordinal: the host's culture-aware IndexOf ignores control characters such as BEL).</summary>
        public static int Count(string text, string part)
        {
            int n = 0;
            int i = 0;
            while (i + part.Length <= text.Length)
            {
                bool match = true;
                for (int k = 0; k < part.Length; k++)
                {
                    if (text[i + k] != part[k])
                    {
                        match = false;
                        break;
                    }
                }

                if (match)
                {
                    n++;
                    i += part.Length;
                }
                else
                {
                    i++;
                }
            }

            return n;
        }
    }
}
