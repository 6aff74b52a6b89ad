using System.Device.Gpio;
using NanoIP.App;
using NanoIP.Drivers;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Lab;

namespace NanoIP.VirtualBoard.Board;

/// <summary>
/// The virtual ESP32 board: the ENC28J60 model on the board's SPI bus and INT pin, a clock
/// (virtual or wall-clock) and a console. The firmware boots on it through the same
/// IBoard entry as on an ESP32.
/// </summary>
public sealed class VirtualEsp32Board : IBoard, IDriverClock, IDisposable
{
    private readonly VirtualBoardOptions _options;
    private readonly System.Diagnostics.Stopwatch _wall = System.Diagnostics.Stopwatch.StartNew();
    private readonly AutoResetEvent _wake = new(false);
    private GpioController _gpio;

    public VirtualEsp32Board(VirtualBoardOptions options, IConsolePort console)
    {
        _options = options ?? new VirtualBoardOptions();
        Console = console;
        Clock = new VirtualClock();
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
        if (_options.PcapPath != null || _options.Faults != null || _options.TapName != null)
        {
            Wire = new BoardWire(Chip, _options.VirtualTime ? Clock : null, new BoardWireOptions
            {
                PcapPath = _options.PcapPath,
                PcapWithFcs = _options.PcapWithFcs,
                Faults = _options.Faults,
                TapName = _options.TapName,
            });
        }
    }

    /// <summary>The board's cable (pcap, faults, TAP), or null when nothing is plugged in.</summary>
    public BoardWire Wire { get; }

    public string Name => "virtual ESP32 + ENC28J60 model";

    public VirtualClock Clock { get; }

    /// <summary>The chip's wall clock under <see cref="VirtualBoardOptions.RealTimeSpiPacing"/>, else null.</summary>
    public RealTimeClock PacingClock { get; }

    public Enc28j60Model Chip { get; }

    public Enc28j60Driver Driver { get; private set; }

    public IConsolePort Console { get; }

    public long NowMs => _options.VirtualTime ? Clock.NowMs : _wall.ElapsedMilliseconds;

    /// <summary>Wakes WaitForEvent early (console input, a frame put on the wire by a test or TAP).</summary>
    public void Wake() => _wake.Set();

    public void WaitForEvent(int timeoutMs)
    {
        if (Chip.IntAsserted) return;
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
        _gpio = VirtualEnc28j60Wiring.CreateGpio(Chip, _options.InterruptPin);
        GpioPin intPin = _gpio.OpenPin(_options.InterruptPin, PinMode.InputPullUp);
        var driverOptions = new Enc28j60Options { MacAddress = (byte[])_options.MacAddress.Clone() };
        Driver = new Enc28j60Driver(Chip, intPin, null, this, driverOptions);
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
    }
}
