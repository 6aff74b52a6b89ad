using System;
using NanoIP.Drivers;

namespace NanoIP.App
{
    /// <summary>
    /// The firmware's start-up sequence and network thread, the same on every board:
    /// bring up the Ethernet controller, report it, then poll until stopped.
    /// </summary>
    public sealed class Firmware
    {
        /// <summary>Longest sleep of the network thread when nothing is due (a lost interrupt costs at most this).</summary>
        private const int IdleWaitMs = 100;

        private readonly IBoard _board;
        private readonly NetConfig _config;
        private ILinkDevice _link;
        private bool _linkUp;
        private volatile bool _stopRequested;

        public Firmware(IBoard board, NetConfig config)
        {
            if (board == null) throw new ArgumentNullException("board");
            _board = board;
            _config = config == null ? new NetConfig() : config;
        }

        public ILinkDevice Link
        {
            get { return _link; }
        }

        public NetConfig Config
        {
            get { return _config; }
        }

        /// <summary>Starts the Ethernet controller and prints what a user checks first. False when no controller answers.</summary>
        public bool Boot()
        {
            IConsolePort console = _board.Console;
            console.Write("NanoIP on " + _board.Name + "\r\n");
            try
            {
                _link = _board.StartEthernet(_config);
            }
            catch (Exception e)
            {
                console.Write("ethernet: " + e.Message + "\r\n");
                return false;
            }

            _link.Poll(_board.NowMs);
            _linkUp = _link.IsLinkUp;
            console.Write(StatusReport.Interface(_link));
            return true;
        }

        /// <summary>One turn of the network thread: service the device, then say how long until the next turn is due.</summary>
        public int Step()
        {
            long now = _board.NowMs;
            _link.Poll(now);
            if (_link.IsLinkUp != _linkUp)
            {
                _linkUp = _link.IsLinkUp;
                _board.Console.Write(_linkUp ? "link up\r\n" : "link down\r\n");
            }

            return _link.InterruptPending ? 0 : IdleWaitMs;
        }

        /// <summary>Runs the network thread until RequestStop, or for at most <paramref name="maxMs"/> of board time (negative: no limit).</summary>
        public void Run(long maxMs)
        {
            long start = _board.NowMs;
            while (!_stopRequested && (maxMs < 0 || _board.NowMs - start < maxMs))
            {
                int wait = Step();
                if (wait > 0)
                {
                    _board.WaitForEvent(wait);
                }
            }
        }

        public void RequestStop()
        {
            _stopRequested = true;
        }
    }
}
