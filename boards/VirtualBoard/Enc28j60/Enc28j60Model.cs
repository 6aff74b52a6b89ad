using System.Device.Spi;

namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// A software Microchip ENC28J60 (DS39662, errata DS80349) as seen at its pins: SPI (every SpiDevice call
/// is one chip-select-low transaction), the INT pin, the RESET pin and the twisted pair (frames with FCS).
/// <para>
/// Time: the model reads <see cref="Enc28j60ModelOptions.Clock"/>. Pending work (transmission on the wire,
/// DMA, MII busy time, reset windows) completes when the model sees that time has passed: at the start and
/// end of every SPI transaction and every <see cref="DeliverFrame(byte[], int, int)"/>, on every
/// <see cref="VirtualClock.Advanced"/> of a <see cref="VirtualClock"/>, and when the board calls <see cref="Service"/>.
/// Without a clock every operation completes at once.
/// </para>
/// The model is thread-safe: one lock serialises the SPI side, the wire side and the socket server.
/// Events are raised synchronously under that lock (re-entrant calls from handlers are fine).
/// </summary>
public sealed partial class Enc28j60Model : SpiDevice
{
    internal const int BufferSize = 8192;
    internal const int AddressMask = 0x1FFF;

    private readonly object _sync = new();
    private readonly Enc28j60ModelOptions _options;
    private readonly IVirtualClock _clock;
    private readonly SpiConnectionSettings _settings;
    private readonly byte[] _memory = new byte[BufferSize];
    private bool _disposed;

    public Enc28j60Model(Enc28j60ModelOptions options = null)
    {
        _options = options ?? new Enc28j60ModelOptions();
        _clock = _options.Clock;
        _settings = new SpiConnectionSettings(0, 0)
        {
            ClockFrequency = _options.SpiClockHz > 0 ? (int)Math.Min(_options.SpiClockHz, int.MaxValue) : 20_000_000,
            Mode = SpiMode.Mode0,
            DataBitLength = 8,
        };
        _linkUp = _options.LinkUp;
        _errataRandom = new Random(_options.Seed);
        _garbageSeed = _options.Seed;
        _garbageRandom = new Random(_garbageSeed);
        PowerOnResetLocked();
        if (_clock is VirtualClock virtualClock)
        {
            virtualClock.Advanced += OnClockAdvanced;
        }
    }

    /// <summary>Which errata are active (from the options).</summary>
    public Enc28j60Errata Errata => _options.Errata;

    public Enc28j60ModelOptions Options => _options;

    public override SpiConnectionSettings ConnectionSettings => _settings;

    /// <summary>A control register as RCR would return it, without side effects or SPI cost.</summary>
    public byte PeekControlRegister(int bank, int address)
    {
        lock (_sync)
        {
            return ReadRegister(bank & 3, address & 0x1F, peek: true);
        }
    }

    /// <summary>A PHY register, without side effects (PHIR is not cleared, LLSTAT not re-latched).</summary>
    public ushort PeekPhyRegister(int address)
    {
        lock (_sync)
        {
            return PhyRead(address & 0x1F, peek: true);
        }
    }

    public byte PeekBuffer(int address)
    {
        lock (_sync)
        {
            return _memory[address & AddressMask];
        }
    }

    public void PokeBuffer(int address, byte value)
    {
        lock (_sync)
        {
            _memory[address & AddressMask] = value;
        }
    }

    /// <summary>Completes whatever is due at the clock's current time and updates the INT pin.</summary>
    public void Service()
    {
        lock (_sync)
        {
            ServiceLocked();
            UpdateInt();
        }
    }

    protected override void Dispose(bool disposing)
    {
        lock (_sync)
        {
            if (!_disposed && _clock is VirtualClock virtualClock)
            {
                virtualClock.Advanced -= OnClockAdvanced;
            }

            _disposed = true;
        }

        base.Dispose(disposing);
    }
}
