using System.Device.Gpio;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;
using NanoIP.VirtualBoard.Wire;

namespace NanoIP.VirtualBoard.Lab;

/// <summary>How a lab board is built; the defaults are the virtual ESP32 board's.</summary>
public sealed class BoardSetup
{
    /// <summary>SPI clock charged to the lab clock per transaction (0: the bus costs no time).</summary>
    public long SpiClockHz { get; set; } = 20_000_000;

    public Enc28j60Errata Errata { get; set; } = Enc28j60Errata.B7Default;

    /// <summary>Seed of the chip's random errata.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>GPIO of the INT line.</summary>
    public int InterruptPin { get; set; } = 4;

    /// <summary>Changes to the driver's options (MAC address is set by the lab).</summary>
    public Action<Enc28j60Options> Driver { get; set; }

    /// <summary>Changes to the model's options (clock, SPI clock, errata and seed are set from this setup first).</summary>
    public Action<Enc28j60ModelOptions> Model { get; set; }
}

/// <summary>
/// A virtual board in the lab: the ENC28J60 model (bus time charged to the lab clock), its INT pin, the
/// driver and a NetStack, wired as the virtual ESP32 board wires them. While the board's network thread
/// works the SPI bus or busy-waits, the lab clock moves and the wire and the peers go on.
/// </summary>
public sealed class BoardNode : LabNode, IDisposable
{
    private readonly GpioController _gpio;
    private readonly GpioPin _intPin;

    public BoardNode(VirtualClock clock, string name, byte[] mac, NetConfig config, BoardSetup setup)
        : base(clock, name)
    {
        setup ??= new BoardSetup();
        var modelOptions = new Enc28j60ModelOptions { Clock = clock, SpiClockHz = setup.SpiClockHz, Errata = setup.Errata, Seed = setup.Seed };
        setup.Model?.Invoke(modelOptions);
        Chip = new Enc28j60Model(modelOptions);
        ChipPort = new ChipPort(Chip);
        _gpio = VirtualEnc28j60Wiring.CreateGpio(Chip, setup.InterruptPin);
        _intPin = _gpio.OpenPin(setup.InterruptPin, PinMode.InputPullUp);
        DriverClock = new LabDriverClock(clock);
        var driverOptions = new Enc28j60Options();
        setup.Driver?.Invoke(driverOptions);
        driverOptions.MacAddress = (byte[])mac.Clone();
        Driver = new Enc28j60Driver(Chip, _intPin, null, DriverClock, driverOptions);
        Driver.Start(); // throws with the reason when the chip does not answer
        Stack = new NetStack(config ?? new NetConfig(), Driver);
    }

    public Enc28j60Model Chip { get; }

    public ChipPort ChipPort { get; }

    public Enc28j60Driver Driver { get; }

    public LabDriverClock DriverClock { get; }

    public override IWirePort Port => ChipPort;

    public void Dispose()
    {
        _intPin.Dispose();
        _gpio.Dispose();
        Chip.Dispose();
    }
}
