using System.Device.Gpio;
using NanoIP.App;
using NanoIP.App.Console;
using NanoIP.Drivers;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Lab;
using NanoIP.VirtualBoard.UserNet;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Board;

/// <summary>
/// The virtual ESP32 board: the ENC28J60 model on the board's SPI bus and INT pin, a clock
/// (virtual or wall-clock) and a console. The firmware boots on it through the same
/// IBoard entry as on an ESP32. Its cable ends in a TAP, a user-mode gateway or nothing; in
/// direct mode (TAP only) there is no chip model and the stack's device is the TAP itself.
/// "reboot" raises RebootRequested: whoever runs the firmware stops it and boots a new one on
/// the same board, as an ESP32's software restart keeps the ENC28J60 powered (the driver
/// resets it by command) and the cable plugged in.
/// </summary>
public sealed class VirtualEsp32Board : IBoard, IDriverClock, IRebootable, IDisposable
{
    private readonly VirtualBoardOptions _options;
    private readonly System.Diagnostics.Stopwatch _wall = System.Diagnostics.Stopwatch.StartNew();
    private readonly AutoResetEvent _wake = new(false);
    private GpioController _gpio;
    private GpioPin _intPin;

    public VirtualEsp32Board(VirtualBoardOptions options, IConsolePort console)
    {
        _options = options ?? new VirtualBoardOptions();
        Console = console;
        Clock = new VirtualClock();
        if (_options.Direct)
        {
            if (_options.TapName == null) throw new ArgumentException("direct mode needs a TAP (--tap NAME)");
            if (_options.VirtualTime) throw new ArgumentException("a TAP needs real time: run the board without virtual time");
            DirectTap = TapDevice.Open(_options.TapName);
            return;
        }

        if (!_options.VirtualTime && _options.RealTimeSpiPacing)
        {
            PacingClock = new RealTimeClock();
        }

        Chip = new Enc28j60Model(new Enc28j60ModelOptions
        {
            Errata = _options.Errata,
            Clock = _options.VirtualTime ? Clock : PacingClock,
            SpiClockHz = _options.VirtualTime || PacingClock != null ? _options.SpiClockHz : 0,
            LinkUp = _options.LinkUp,
        });
        Chip.IntChanged += asserted =>
        {
            if (asserted) _wake.Set();
        };
        if (_options.UserNet != null && _options.TapName == null)
        {
            Gateway = new UserNetGateway(_options.UserNet);
        }

        if (_options.PcapPath != null || _options.Faults != null || _options.TapName != null || Gateway != null)
        {
            try
            {
                Wire = new BoardWire(Chip, _options.VirtualTime ? Clock : null, new BoardWireOptions
                {
                    PcapPath = _options.PcapPath,
                    PcapWithFcs = _options.PcapWithFcs,
                    Faults = _options.Faults,
                    TapName = _options.TapName,
                }, Gateway);
            }
            catch
            {
                Gateway?.Dispose();
                throw;
            }
        }
    }

    /// <summary>The board's cable (pcap, faults, TAP, gateway), or null when nothing is plugged in (and in direct mode).</summary>
    public BoardWire Wire { get; }

    /// <summary>The user-mode gateway at the far end of the cable, or null.</summary>
    public UserNetGateway Gateway { get; }

    /// <summary>Direct mode: the TAP the stack sits on (no chip model, no wire); null otherwise.</summary>
    public TapDevice DirectTap { get; }

    /// <summary>Direct mode: the stack's device, after StartEthernet.</summary>
    public TapLinkDevice DirectDevice { get; private set; }

    public string Name => DirectTap != null ? "virtual ESP32, stack straight on TAP " + DirectTap.Name + " (no chip model)" : "virtual ESP32 + ENC28J60 model";

    public VirtualClock Clock { get; }

    /// <summary>The chip's wall clock under <see cref="VirtualBoardOptions.RealTimeSpiPacing"/>, else null.</summary>
    public RealTimeClock PacingClock { get; }

    /// <summary>The ENC28J60 model; null in direct mode.</summary>
    public Enc28j60Model Chip { get; }

    /// <summary>The driver, after StartEthernet; null in direct mode.</summary>
    public Enc28j60Driver Driver { get; private set; }

    public IConsolePort Console { get; }

    public long NowMs => _options.VirtualTime ? Clock.NowMs : _wall.ElapsedMilliseconds;

    /// <summary>Wakes WaitForEvent early (console input, a frame put on the wire by a test or TAP).</summary>
    public void Wake() => _wake.Set();

    /// <summary>Raised by the console's "reboot" (on the network thread): stop this firmware and boot a fresh one on the board.</summary>
    public event Action RebootRequested;

    /// <summary>How many times "reboot" was asked for.</summary>
    public int Reboots { get; private set; }

    public void Reboot()
    {
        Reboots++;
        RebootRequested?.Invoke();
    }

    /// <summary>
    /// Virtual time only: while this returns true the clock stands still, and WaitForEvent
    /// waits in wall-clock time for Wake (console input) instead of advancing it. The
    /// Simulator's --hold-at-prompt sets it to "the console waits at the prompt", so a piped
    /// script runs at the same board times in every run.
    /// </summary>
    public Func<bool> HoldClock { get; set; }

    public void WaitForEvent(int timeoutMs)
    {
        if (Chip == null)
        {
            if (!DirectTap.WaitReadable(0)) _wake.WaitOne(timeoutMs); // the TAP watcher sets _wake
            return;
        }

        if (Chip.IntAsserted) return;
        if (_options.VirtualTime && HoldClock != null && HoldClock())
        {
            if (!(Console is StdioConsolePort { HasPendingInput: true })) _wake.WaitOne(Math.Clamp(timeoutMs, 1, 50));
            return;
        }

        if (_options.VirtualTime)
        {
            // Stop at every wire event and chip due time so frames arrive when they should.
            long limit = Clock.NowNanoseconds + timeoutMs * 1_000_000L;
            while (!Chip.IntAsserted && Clock.NowNanoseconds < limit)
            {
                long next = limit;
                if (Wire?.Scheduler.NextDueNs is long w && w < next) next = w;
                if (Chip.NextDueNanoseconds is long c && c < next) next = c;
                Clock.Advance(Math.Max(next - Clock.NowNanoseconds, 1000));
            }
        }
        else if (PacingClock != null)
        {
            // Nothing but an SPI transaction or Service makes the model look at its clock: wake up when its next
            // piece of work (a frame's wire time, DMA, MII) is due so TXIF reaches the INT pin on time.
            long limit = PacingClock.NowNanoseconds + timeoutMs * 1_000_000L;
            for (int guard = 0; guard < 1000 && !Chip.IntAsserted; guard++)
            {
                long due = Chip.NextDueNanoseconds is long c && c < limit ? c : limit;
                if (!PacingClock.WaitUntil(due, _wake) || due == limit)
                {
                    return;
                }

                Chip.Service();
            }
        }
        else
        {
            _wake.WaitOne(timeoutMs);
        }
    }

    public ILinkDevice StartEthernet(NetConfig config)
    {
        if (DirectTap != null)
        {
            DirectDevice?.Dispose();
            DirectDevice = new TapLinkDevice(DirectTap, _options.MacAddress, Wake);
            return DirectDevice;
        }

        // A boot after a reboot: the previous driver's INT pin is closed (its callbacks go) and opened afresh.
        _gpio ??= VirtualEnc28j60Wiring.CreateGpio(Chip, _options.InterruptPin);
        if (_intPin != null) _gpio.ClosePin(_options.InterruptPin);
        _intPin = _gpio.OpenPin(_options.InterruptPin, PinMode.InputPullUp);
        var driverOptions = new Enc28j60Options { MacAddress = (byte[])_options.MacAddress.Clone() };
        Driver = new Enc28j60Driver(Chip, _intPin, null, this, driverOptions);
        Driver.Start();
        return Driver;
    }

    public void DelayMicroseconds(int microseconds)
    {
        if (_options.VirtualTime)
        {
            Clock.AdvanceMicroseconds(microseconds);
        }
        else if (PacingClock != null)
        {
            PacingClock.Advance(microseconds * 1_000L); // busy-waits as the ESP32 does, to the microsecond
            Chip.Service(); // the driver may be watching the INT pin for TXIF
        }
        else if (microseconds >= 1000)
        {
            Thread.Sleep(microseconds / 1000);
        }
        else
        {
            Thread.SpinWait(microseconds * 20);
        }
    }

    public void Dispose()
    {
        // The wake event stays alive: Ctrl-C and SIGTERM handlers may still set it while the process ends.
        _gpio?.Dispose();
        Wire?.Dispose();
        Gateway?.Dispose(); // after the wire's thread stopped: the gateway is touched from that thread only
        DirectDevice?.Dispose();
        DirectTap?.Dispose();
    }
}
