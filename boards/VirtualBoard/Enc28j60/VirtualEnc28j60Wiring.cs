using System.Device.Gpio;

namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>Connects a model's INT and RESET pins to a GpioController, as the board's wires would.</summary>
public static class VirtualEnc28j60Wiring
{
    /// <summary>
    /// A GpioController whose pin <paramref name="intPin"/> follows the INT pin (Low while asserted, edges
    /// reported synchronously), and whose optional <paramref name="resetPin"/> drives RESET: writing Low holds
    /// the chip in reset, writing High after Low restarts it as from power-on. Other pins are plain pins.
    /// </summary>
    public static GpioController CreateGpio(Enc28j60Model model, int intPin, int resetPin = -1)
    {
        return CreateGpio(model, intPin, resetPin, out _);
    }

    public static GpioController CreateGpio(Enc28j60Model model, int intPin, int resetPin, out VirtualGpioDriver driver)
    {
        ArgumentNullException.ThrowIfNull(model);
        driver = new VirtualGpioDriver();
        Action notify = driver.BindInput(intPin, () => model.IntAsserted ? PinValue.Low : PinValue.High);
        model.IntChanged += _ => notify();
        if (resetPin >= 0)
        {
            driver.OnOutputWritten(resetPin, level => model.SetResetPin(level == PinValue.Low));
        }

        return new GpioController(driver);
    }
}
