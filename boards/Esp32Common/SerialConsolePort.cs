using System.IO.Ports;
using System.Threading;
using NanoIP.App;

namespace NanoIP.Boards.Esp32
{
    /// <summary>
    /// The console on a UART, 8N1. On an ESP32, COM1 (UART0, the USB bridge) carries nanoFramework's
    /// wire protocol (debugger and deployment), so the console uses another UART through a USB-serial
    /// adapter. The board routes the port's TX and RX pins before building this.
    /// </summary>
    public sealed class SerialConsolePort : IConsolePort
    {
        private readonly SerialPort _port;
        private readonly AutoResetEvent _inputEvent = new AutoResetEvent(false);

        public SerialConsolePort(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.Open();
            _port.DataReceived += new SerialDataReceivedEventHandler(OnDataReceived);
        }

        /// <summary>Set whenever bytes arrive: the network thread waits on it beside the Ethernet interrupt.</summary>
        public WaitHandle InputEvent
        {
            get { return _inputEvent; }
        }

        /// <summary>A UART never closes.</summary>
        public bool InputOpen
        {
            get { return true; }
        }

        public void Write(string text)
        {
            _port.Write(text);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            // SerialPort.Read would wait (ReadTimeout is infinite by default): take only what is there.
            int waiting = _port.BytesToRead;
            if (waiting <= 0 || count <= 0)
            {
                return 0;
            }

            return _port.Read(buffer, offset, waiting < count ? waiting : count);
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _inputEvent.Set();
        }
    }
}
