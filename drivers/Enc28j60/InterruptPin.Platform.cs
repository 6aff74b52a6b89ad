using System.Device.Gpio;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>
    /// Subscribes to the INT pin's edges. nanoFramework's GpioPin.ValueChanged takes a
    /// PinValueChangedEventHandler, .NET IoT's a PinChangeEventHandler; both have the
    /// signature (object sender, PinValueChangedEventArgs e).
    /// </summary>
    public sealed partial class Enc28j60Driver
    {
        private void SubscribeInterrupt(GpioPin pin)
        {
#if NANOFRAMEWORK
            pin.ValueChanged += new PinValueChangedEventHandler(OnInterruptPinChanged);
#else
            pin.ValueChanged += new PinChangeEventHandler(OnInterruptPinChanged);
#endif
        }

        private void UnsubscribeInterrupt(GpioPin pin)
        {
#if NANOFRAMEWORK
            pin.ValueChanged -= new PinValueChangedEventHandler(OnInterruptPinChanged);
#else
            pin.ValueChanged -= new PinChangeEventHandler(OnInterruptPinChanged);
#endif
        }
    }
}
