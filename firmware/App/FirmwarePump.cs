using NanoIP.Sockets;

namespace NanoIP.App
{
    /// <summary>
    /// The firmware seen as an INetworkPump, for single-threaded runs: a blocking socket call
    /// polls the stack through the firmware (link messages included) and lets board time pass
    /// with WaitForEvent (the virtual board advances its clock; a real one sleeps).
    /// </summary>
    internal sealed class FirmwarePump : INetworkPump
    {
        private readonly Firmware _firmware;
        private readonly IBoard _board;

        internal FirmwarePump(Firmware firmware, IBoard board)
        {
            _firmware = firmware;
            _board = board;
        }

        public long NowMs
        {
            get { return _board.NowMs; }
        }

        public long PollAll()
        {
            return _firmware.PollOnce();
        }

        public void AdvanceTo(long timeMs)
        {
            long wait = timeMs - _board.NowMs;
            if (wait > 0)
            {
                _board.WaitForEvent(wait > int.MaxValue ? int.MaxValue : (int)wait);
            }
        }
    }
}
