using NanoIP.Network;
using NanoIP.UnitTests.Harness;

namespace NanoIP.UnitTests.Network
{
    /// <summary>One stack (192.168.1.10/24, gateway .1) and one scripted peer (.20) on a virtual wire, time at 1000 ms.</summary>
    internal sealed class NetFixture
    {
        public static readonly uint StackIp = IPv4.FromBytes(192, 168, 1, 10);
        public static readonly uint PeerIp = IPv4.FromBytes(192, 168, 1, 20);
        public static readonly uint GatewayIp = IPv4.FromBytes(192, 168, 1, 1);
        public static readonly uint SubnetBroadcast = IPv4.FromBytes(192, 168, 1, 255);
        public static readonly uint Nobody = IPv4.FromBytes(192, 168, 1, 99);
        public const int Prefix = 24;

        public readonly NetConfig Config;
        public readonly VirtualNetwork Net;
        public readonly NetStack Stack;
        public readonly VirtualLink Link;
        public readonly ScriptedPeer Peer;
        public readonly byte[] StackMac = new byte[6];
        public readonly FrameCapture Capture = new FrameCapture();

        public NetFixture(NetConfig config = null, bool configure = true, bool settle = true)
        {
            Config = config == null ? new NetConfig() : config;
            Net = new VirtualNetwork();
            Net.Wire.Capture = Capture;
            Stack = Net.AddStack(Config, VirtualNetwork.MakeMac(10));
            Link = Net.LinkOf(Stack);
            Stack.GetMacAddress(StackMac, 0);
            Peer = Net.AddPeer(20, PeerIp);
            if (configure)
            {
                Stack.Configure(StackIp, Prefix, GatewayIp);
            }

            if (settle)
            {
                // Let the announcements go out, then start every test from a quiet wire.
                Net.RunFor(10000);
                Peer.Drain(Net.Now);
                Capture.Clear();
            }
        }

        public long Now
        {
            get { return Net.Now; }
        }

        public long Poll()
        {
            return Stack.Poll(Net.Now);
        }

        public void Advance(long ms)
        {
            Net.Now = Net.Now + ms;
            Stack.Poll(Net.Now);
        }

        /// <summary>The peer sends Peer.Tx[0..length) and the stack polls once.</summary>
        public void PeerSends(int length)
        {
            Peer.Send(length);
            Stack.Poll(Net.Now);
        }

        /// <summary>Frame bytes straight into the stack's receive queue, then one poll.</summary>
        public void Inject(byte[] frame, int length)
        {
            Link.Inject(frame, 0, length);
            Stack.Poll(Net.Now);
        }

        /// <summary>Teaches the stack the peer's MAC the way a real peer would (ARP request to us), and drains the reply.</summary>
        public void LearnPeer()
        {
            Peer.SendArpRequest(StackIp);
            Stack.Poll(Net.Now);
            Peer.Drain(Net.Now);
            Capture.Clear();
        }
    }
}
