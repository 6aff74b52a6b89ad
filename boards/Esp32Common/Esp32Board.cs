using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoIP.App;
using NanoIP.Drivers;
using NanoIP.Drivers.Enc28j60;

namespace NanoIP.Boards.Esp32
{
    /// <summary>
    /// An ESP32 with an ENC28J60 on one SPI bus, its INT (and optionally RESET) line, and a
    /// console on COM2: all the ESP32 boards share this. A board only names its pins and MAC.
    /// </summary>
    public abstract partial class Esp32Board : IBoard, IDriverClock
    {
        /// <summary>The ENC28J60's fastest SPI clock (DS39662 §4.1 and Table 16-6).</summary>
        public const int MaxSpiClockHz = 20000000;

        /// <summary>COM2 is UART1; COM1 (UART0) carries nanoFramework's wire protocol.</summary>
        public const string ConsolePortName = "COM2";

        public const int ConsoleBaudRate = 115200;

        /// <summary>
        /// SPI clock for the ENC28J60, read by the first StartEthernet. Lower it if long wires corrupt
        /// data (the driver then reports a wrong PHY identifier); silicon before B5 needs at least
        /// 8 MHz (errata 1), and nanoFramework drives CS in software, so the 210 ns CS hold time
        /// of MAC/MII reads is met at any clock.
        /// </summary>
        public int SpiClockHz = MaxSpiClockHz;

        private readonly string _name;
        private readonly Esp32PinMap _pins;
        private readonly byte[] _mac;
        private readonly SerialConsolePort _console;
        private SpiDevice _spi;
        private GpioController _gpio;
        private GpioPin _intPin;
        private GpioPin _resetPin;
        private Enc28j60Driver _driver;
        private WaitHandle[] _wakeHandles;
        /// <summary>Set by Wake (a socket call on another thread queued output for the network thread).</summary>
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly WaitHandle[] _idleHandles;

        protected Esp32Board(string name, Esp32PinMap pins, byte[] macAddress)
        {
            if (pins == null) throw new ArgumentNullException("pins");
            if (macAddress == null || macAddress.Length != 6) throw new ArgumentException("macAddress must be 6 bytes");
            _name = name;
            _pins = pins;
            _mac = macAddress;

            // nanoFramework leaves COM2's pins unassigned on ESP32 targets: route them before opening.
            Configuration.SetPinFunction(pins.ConsoleTx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(pins.ConsoleRx, DeviceFunction.COM2_RX);
            _console = new SerialConsolePort(ConsolePortName, ConsoleBaudRate);
            _idleHandles = new WaitHandle[] { _console.InputEvent, _wake };
        }

        public string Name
        {
            get { return _name; }
        }

        public IConsolePort Console
        {
            get { return _console; }
        }

        /// <summary>The ENC28J60 driver once StartEthernet ran, else null.</summary>
        public Enc28j60Driver Driver
        {
            get { return _driver; }
        }

        /// <summary>
        /// Opens the bus and pins on the first call and starts the chip; a later call (a boot retry)
        /// reuses them, since nanoFramework refuses to open a pin or SPI device twice.
        /// </summary>
        public ILinkDevice StartEthernet(NetConfig config)
        {
            if (_spi == null)
            {
                RouteSpiPins();
                _spi = SpiDevice.Create(new SpiConnectionSettings(_pins.SpiBus, _pins.Cs)
                {
                    ClockFrequency = SpiClockHz,
                    Mode = SpiMode.Mode0, // CPOL 0, CPHA 0 (DS39662 §4.1)
                    DataFlow = DataFlow.MsbFirst,
                });
            }

            if (_gpio == null) _gpio = new GpioController();
            if (_intPin == null) _intPin = _gpio.OpenPin(_pins.Int, PinMode.InputPullUp);
            if (_resetPin == null && _pins.Reset != Esp32PinMap.NotConnected)
            {
                _resetPin = _gpio.OpenPin(_pins.Reset, PinMode.Output);
                _resetPin.Write(PinValue.High); // active low: let the chip run until the driver pulses it
            }

            if (_driver == null)
            {
                Enc28j60Options options = new Enc28j60Options();
                options.MacAddress = _mac;
                options.FullDuplex = true;
                _driver = new Enc28j60Driver(_spi, _intPin, _resetPin, this, options);
                _wakeHandles = new WaitHandle[] { _driver.InterruptEvent, _console.InputEvent, _wake };
            }

            _driver.Start();
            return _driver;
        }

        /// <summary>Sleeps until the ENC28J60's INT falls, console input arrives, Wake is called, or the timeout passes.</summary>
        public void WaitForEvent(int timeoutMs)
        {
            if (timeoutMs <= 0 || (_driver != null && _driver.InterruptPending))
            {
                return;
            }

            if (_wakeHandles == null)
            {
                WaitHandle.WaitAny(_idleHandles, timeoutMs, false);
            }
            else
            {
                WaitHandle.WaitAny(_wakeHandles, timeoutMs, false);
            }
        }

        /// <summary>Ends a WaitForEvent early, from any thread.</summary>
        public void Wake()
        {
            _wake.Set();
        }

        /// <summary>SPI pins are routed through the GPIO matrix (or IO MUX) before SpiDevice.Create opens the bus.</summary>
        private void RouteSpiPins()
        {
            if (_pins.SpiBus == 1)
            {
                Configuration.SetPinFunction(_pins.Mosi, DeviceFunction.SPI1_MOSI);
                Configuration.SetPinFunction(_pins.Miso, DeviceFunction.SPI1_MISO);
                Configuration.SetPinFunction(_pins.Sck, DeviceFunction.SPI1_CLOCK);
            }
            else if (_pins.SpiBus == 2)
            {
                Configuration.SetPinFunction(_pins.Mosi, DeviceFunction.SPI2_MOSI);
                Configuration.SetPinFunction(_pins.Miso, DeviceFunction.SPI2_MISO);
                Configuration.SetPinFunction(_pins.Sck, DeviceFunction.SPI2_CLOCK);
            }
            else
            {
                throw new ArgumentException("SPI bus must be 1 or 2");
            }
        }
    }
}
