using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// A store-and-forward learning switch (IEEE 802.1D's filtering database, no spanning tree, no aging).
/// A frame that arrived whole with a good FCS teaches the switch where its source lives, then goes to the
/// port its destination was learned on, or to every other port when the destination is broadcast,
/// multicast or unknown (flooding). A frame whose destination lives on the port it came from is filtered.
/// Each port transmits through its own cable end, so each has its own bounded queue (tail drop counted
/// there) and serialises at 10 Mbit/s on its own. The switch takes no time of its own to decide.
/// </summary>
public sealed class VirtualSwitch
{
    private readonly SwitchPort[] _ports;
    private readonly Dictionary<ulong, int> _table = new();

    public VirtualSwitch(int portCount, int queueCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(portCount, 2);
        QueueCapacity = queueCapacity;
        _ports = new SwitchPort[portCount];
        for (int i = 0; i < portCount; i++) _ports[i] = new SwitchPort(this, i);
    }

    public int PortCount => _ports.Length;

    /// <summary>Queue capacity given to each port's cable end when it is plugged in.</summary>
    public int QueueCapacity { get; }

    public long FramesForwarded { get; private set; }

    public long FramesFlooded { get; private set; }

    public long FramesFiltered { get; private set; }

    public long FcsDrops { get; private set; }

    /// <summary>Port <paramref name="index"/>, to plug a cable into.</summary>
    public IWirePort Port(int index) => _ports[index];

    /// <summary>The cable end port <paramref name="index"/> transmits through (null until plugged).</summary>
    public LinkEnd Egress(int index) => _ports[index].End;

    /// <summary>The port a MAC address was learned on, or -1.</summary>
    public int PortOf(byte[] mac, int offset = 0) => _table.TryGetValue(Key(mac, offset), out int port) ? port : -1;

    public int LearnedAddresses => _table.Count;

    /// <summary>Forgets every learned address (as after a topology change).</summary>
    public void Flush() => _table.Clear();

    private static ulong Key(byte[] f, int o) =>
        ((ulong)f[o] << 40) | ((ulong)f[o + 1] << 32) | ((ulong)f[o + 2] << 24) | ((ulong)f[o + 3] << 16) | ((ulong)f[o + 4] << 8) | f[o + 5];

    private void Forward(int ingress, byte[] frame)
    {
        if (frame.Length < 14 + EthernetTiming.FcsLength || !EthernetCrc.HasValidFcs(frame))
        {
            FcsDrops++; // store-and-forward: a damaged frame goes no further
            return;
        }

        if ((frame[6] & 1) == 0)
        {
            _table[Key(frame, 6)] = ingress; // learn (or move) the source
        }

        if ((frame[0] & 1) == 0 && _table.TryGetValue(Key(frame, 0), out int egress))
        {
            if (egress == ingress)
            {
                FramesFiltered++;
                return;
            }

            FramesForwarded++;
            _ports[egress].End?.Send(frame);
            return;
        }

        FramesFlooded++;
        for (int p = 0; p < _ports.Length; p++)
        {
            if (p != ingress)
            {
                _ports[p].End?.Send(frame);
            }
        }
    }

    private sealed class SwitchPort : IWirePort
    {
        private readonly VirtualSwitch _switch;
        private readonly int _index;

        public SwitchPort(VirtualSwitch owner, int index)
        {
            _switch = owner;
            _index = index;
        }

        public LinkEnd End { get; private set; }

        public void Attach(LinkEnd end)
        {
            End = end;
            end.QueueCapacity = _switch.QueueCapacity;
        }

        public void FrameArrived(byte[] frameWithFcs, long nowNs) => _switch.Forward(_index, frameWithFcs);
    }
}
