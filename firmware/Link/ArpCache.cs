namespace NanoIP.Link
{
    /// <summary>
    /// The fixed ARP table (NetConfig.ArpEntries): parallel arrays, linear search (8 entries
    /// are cheaper to scan than to hash). Replacement takes a free entry, then an expired
    /// failure, then the least recently used resolved entry; never a static entry or one
    /// still resolving (which may hold a parked packet).
    /// </summary>
    internal sealed class ArpCache
    {
        internal readonly uint[] Ip;
        internal readonly byte[] Mac;
        internal readonly ArpEntryState[] State;
        /// <summary>Next event: retry (Incomplete/Probe), expiry (Reachable), end of hold (Failed).</summary>
        internal readonly long[] Timer;
        /// <summary>Requests sent in the current resolution or probe.</summary>
        internal readonly int[] Requests;
        /// <summary>Frame pool index of the parked packet, or -1.</summary>
        internal readonly int[] Parked;
        internal readonly int[] ParkedLength;
        internal readonly long[] LastUsed;
        internal readonly long[] Updated;

        internal ArpCache(int entries)
        {
            Ip = new uint[entries];
            Mac = new byte[entries * MacAddress.Length];
            State = new ArpEntryState[entries];
            Timer = new long[entries];
            Requests = new int[entries];
            Parked = new int[entries];
            ParkedLength = new int[entries];
            LastUsed = new long[entries];
            Updated = new long[entries];
            for (int i = 0; i < entries; i++)
            {
                Parked[i] = -1;
            }
        }

        internal int Count
        {
            get { return Ip.Length; }
        }

        internal int Find(uint ip)
        {
            for (int i = 0; i < Ip.Length; i++)
            {
                if (State[i] != ArpEntryState.Free && Ip[i] == ip)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>An entry to reuse for ip (state left for the caller to set), or -1 when all are busy.</summary>
        internal int Allocate(uint ip, long nowMs)
        {
            int victim = -1;
            for (int i = 0; i < Ip.Length; i++)
            {
                if (State[i] == ArpEntryState.Free)
                {
                    victim = i;
                    break;
                }
            }

            if (victim < 0)
            {
                for (int i = 0; i < Ip.Length; i++)
                {
                    if (State[i] == ArpEntryState.Failed && nowMs >= Timer[i])
                    {
                        victim = i;
                        break;
                    }
                }
            }

            if (victim < 0)
            {
                long oldest = NetTime.Never;
                for (int i = 0; i < Ip.Length; i++)
                {
                    if ((State[i] == ArpEntryState.Reachable || State[i] == ArpEntryState.Probe) && LastUsed[i] < oldest)
                    {
                        oldest = LastUsed[i];
                        victim = i;
                    }
                }
            }

            if (victim >= 0)
            {
                Ip[victim] = ip;
                Requests[victim] = 0;
                LastUsed[victim] = nowMs;
                Updated[victim] = nowMs;
            }

            return victim;
        }

        internal int MacOffset(int entry)
        {
            return entry * MacAddress.Length;
        }
    }
}
