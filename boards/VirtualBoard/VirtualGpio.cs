using System.Device.Gpio;

namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// A .NET IoT <see cref="GpioDriver"/> for the virtual board: <c>new GpioController(driver)</c> works with
/// OpenPin, Read, Write, WaitForEvent and ValueChanged. An input can be bound to a level source (the
/// chip's INT pin); an output can notify the board (the chip's RESET pin). Edges are reported synchronously.
/// (System.Device.Gpio 4.2 has no GpioController(PinNumberingScheme, driver) constructor any more; the
/// numbering is the driver's own, logical.)
/// </summary>
public sealed class VirtualGpioDriver : GpioDriver
{
    private readonly object _sync = new();
    private readonly int _pinCount;
    private readonly Dictionary<int, VirtualPin> _pins = new();

    public VirtualGpioDriver(int pinCount = 64)
    {
        _pinCount = pinCount;
    }

    protected override int PinCount => _pinCount;

    /// <summary>
    /// Makes <paramref name="pin"/> an input that reads <paramref name="level"/>. Call the returned action
    /// whenever the level may have changed: it raises Rising/Falling callbacks when it did.
    /// </summary>
    public Action BindInput(int pin, Func<PinValue> level)
    {
        ArgumentNullException.ThrowIfNull(level);
        VirtualPin p = Get(pin);
        lock (_sync)
        {
            p.Source = level;
            p.LastLevel = level();
        }

        return () => Notify(pin);
    }

    /// <summary>Drives an unbound input from outside (a button, a test).</summary>
    public void SetInputLevel(int pin, PinValue value)
    {
        VirtualPin p = Get(pin);
        lock (_sync)
        {
            p.Value = value;
        }

        Notify(pin);
    }

    /// <summary>Calls <paramref name="handler"/> with the new level each time the host writes the pin.</summary>
    public void OnOutputWritten(int pin, Action<PinValue> handler)
    {
        VirtualPin p = Get(pin);
        lock (_sync)
        {
            p.OutputWritten += handler;
        }
    }

    /// <summary>The level the pin shows now (output value, bound source or external level).</summary>
    public PinValue Level(int pin)
    {
        VirtualPin p = Get(pin);
        Func<PinValue> source;
        lock (_sync)
        {
            source = p.Source;
            if (source == null)
            {
                return p.Value;
            }
        }

        // The source (the chip's INT) takes the chip's own lock; calling it under ours would invert
        // the order against a wire thread that delivers a frame and raises an edge under the chip's lock.
        return source();
    }

    protected override void OpenPin(int pinNumber)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            p.Open = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            p.Open = false;
            p.Callbacks.Clear();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            p.Mode = mode;
            if (p.Source == null && mode == PinMode.InputPullUp)
            {
                p.Value = PinValue.High;
            }
            else if (p.Source == null && mode == PinMode.InputPullDown)
            {
                p.Value = PinValue.Low;
            }
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            return p.Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => pinNumber >= 0 && pinNumber < _pinCount;

    protected override PinValue Read(int pinNumber) => Level(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        VirtualPin p = Get(pinNumber);
        Action<PinValue> written;
        lock (_sync)
        {
            if (p.Source != null)
            {
                return; // an input driven by the chip: the host cannot overdrive it
            }

            p.Value = value;
            written = p.OutputWritten;
        }

        written?.Invoke(value);
        Notify(pinNumber);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            long seen = p.EdgeCount;
            while (true)
            {
                if (p.EdgeCount != seen)
                {
                    seen = p.EdgeCount;
                    if ((p.LastEdge & eventTypes) != 0)
                    {
                        return new WaitForEventResult { EventTypes = p.LastEdge, TimedOut = false };
                    }
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
                }

                Monitor.Wait(_sync, 10); // woken by every edge; the timeout only re-checks cancellation
            }
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            p.Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        VirtualPin p = Get(pinNumber);
        lock (_sync)
        {
            p.Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    private void Notify(int pin)
    {
        VirtualPin p = Get(pin);
        PinEventTypes edge;
        (PinEventTypes Types, PinChangeEventHandler Handler)[] callbacks;
        Func<PinValue> source;
        lock (_sync)
        {
            source = p.Source;
        }

        // Read the source outside our lock (see Level): lock order is always chip, then GPIO.
        PinValue sourced = source != null ? source() : default;
        lock (_sync)
        {
            PinValue now = source != null ? sourced : p.Value;
            if (now == p.LastLevel)
            {
                return;
            }

            edge = now == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            p.LastLevel = now;
            p.LastEdge = edge;
            p.EdgeCount++;
            callbacks = p.Callbacks.ToArray();
            Monitor.PulseAll(_sync);
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var (types, handler) in callbacks)
        {
            if ((types & edge) != 0)
            {
                handler(this, args);
            }
        }
    }

    private VirtualPin Get(int pin)
    {
        if (pin < 0 || pin >= _pinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pin));
        }

        lock (_sync)
        {
            if (!_pins.TryGetValue(pin, out VirtualPin p))
            {
                p = new VirtualPin();
                _pins.Add(pin, p);
            }

            return p;
        }
    }

    private sealed class VirtualPin
    {
        public bool Open;
        public PinMode Mode = PinMode.Input;
        public PinValue Value = PinValue.Low;
        public PinValue LastLevel = PinValue.Low;
        public PinEventTypes LastEdge;
        public long EdgeCount;
        public Func<PinValue> Source;
        public Action<PinValue> OutputWritten;
        public readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks = new();
    }
}
