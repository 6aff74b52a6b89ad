using System.Device.Gpio;
using System.Device.Spi;
using NanoIP.Drivers;
using NanoIP.Drivers.Enc28j60;
using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.HostTests.EncDriver
{
    /// <summary>The driver's clock on virtual time: a delay moves the board's clock forward.</summary>
    internal sealed class VirtualDriverClock : IDriverClock
    {
        private readonly VirtualClock _clock;

        public VirtualDriverClock(VirtualClock clock) => _clock = clock;

        public long NowMs => _clock.NowMs;

        public long Delays;

        public void DelayMicroseconds(int microseconds)
        {
            Delays++;
            _clock.AdvanceMicroseconds(microseconds);
        }
    }

    /// <summary>
    /// A driver wired to the ENC28J60 model the way a board wires it: SPI device, INT pin through a
    /// GPIO controller, virtual clock. Frames the chip puts on the wire are collected in <see cref="Wire"/>.
    /// </summary>
    internal sealed class DriverRig : IDisposable
    {
        public const int IntPinNumber = 4;
        public const int ResetPinNumber = 5;

        public static readonly byte[] Mac = { 0x02, 0x4E, 0x49, 0x50, 0x00, 0x01 };
        public static readonly byte[] Peer = { 0x02, 0x50, 0x45, 0x45, 0x52, 0x01 };

        public readonly VirtualClock Clock = new VirtualClock();
        public readonly VirtualDriverClock DriverClock;
        public readonly Enc28j60ModelOptions ModelOptions;
        public readonly Enc28j60Model Model;
        public readonly GpioController Gpio;
        public readonly GpioPin IntPin;
        public readonly GpioPin ResetPin;
        public readonly Enc28j60Options Options;
        public readonly Enc28j60Driver Driver;
        public readonly List<byte[]> Wire = new List<byte[]>();
        public readonly List<bool> LinkEvents = new List<bool>();
        public readonly byte[] RxBuffer = new byte[Enc28j60Driver.MaxEthernetFrame];

        public readonly SpiRecorder Recorder;

        public DriverRig(Action<Enc28j60ModelOptions> model = null, Action<Enc28j60Options> driver = null, bool start = true, bool intPin = true, bool modelClock = true, bool record = false, bool resetPin = false)
        {
            DriverClock = new VirtualDriverClock(Clock);
            ModelOptions = new Enc28j60ModelOptions { Clock = modelClock ? Clock : null };
            model?.Invoke(ModelOptions);
            Model = new Enc28j60Model(ModelOptions);
            Model.FrameTransmitted += f => Wire.Add(f);
            if (intPin || resetPin)
            {
                Gpio = VirtualEnc28j60Wiring.CreateGpio(Model, IntPinNumber, resetPin ? ResetPinNumber : -1);
                if (intPin) IntPin = Gpio.OpenPin(IntPinNumber, PinMode.Input);
                if (resetPin) ResetPin = Gpio.OpenPin(ResetPinNumber, PinMode.Output);
            }

            Options = new Enc28j60Options { MacAddress = (byte[])Mac.Clone() };
            driver?.Invoke(Options);
            if (record) Recorder = new SpiRecorder(Model);
            Driver = new Enc28j60Driver(record ? Recorder : Model, IntPin, ResetPin, DriverClock, Options);
            Driver.LinkChanged += (s, up) => LinkEvents.Add(up);
            if (start) Driver.Start();
        }

        public long NowMs => Clock.NowMs;

        public void Poll() => Driver.Poll(Clock.NowMs);

        /// <summary>Lets virtual time pass and polls, as the board's loop does.</summary>
        public void Run(int milliseconds, int stepMs = 10)
        {
            for (int t = 0; t < milliseconds; t += stepMs)
            {
                Clock.AdvanceMs(stepMs);
                Poll();
            }
        }

        /// <summary>Delivers a frame (FCS added here) from the wire to the chip.</summary>
        public bool Deliver(byte[] frame) => Model.DeliverFrame(Frames.WithFcs(frame), 0, frame.Length + 4);

        /// <summary>Poll, then Receive until it returns 0 (bounded); returns the frames in order.</summary>
        public List<byte[]> ServiceAndReceive(int max = 300)
        {
            Poll();
            var list = new List<byte[]>();
            for (int i = 0; i < max; i++)
            {
                int n = Driver.Receive(RxBuffer, 0, RxBuffer.Length);
                if (n == 0) break;
                list.Add(RxBuffer.AsSpan(0, n).ToArray());
            }

            return list;
        }

        /// <summary>A 16-bit control register pair as the model holds it.</summary>
        public int Peek16(int registerLow) =>
            Model.PeekControlRegister(Enc28j60Registers.BankOf(registerLow), registerLow & 0x1F)
            | (Model.PeekControlRegister(Enc28j60Registers.BankOf(registerLow), (registerLow & 0x1F) + 1) << 8);

        public int Peek(int register) => Model.PeekControlRegister(Enc28j60Registers.BankOf(register), register & 0x1F);

        public void Dispose()
        {
            IntPin?.Dispose();
            ResetPin?.Dispose();
            Gpio?.Dispose();
            Model.Dispose();
        }
    }

    /// <summary>Test frames: Ethernet II with a seeded payload, and the IEEE 802.3 FCS.</summary>
    internal static class Frames
    {
        public const int EtherTypeTest = 0x88B5; // IEEE 802 local experimental EtherType

        public static byte[] Make(int length, int seed, byte[] destination = null, int etherType = EtherTypeTest)
        {
            var f = new byte[length];
            (destination ?? DriverRig.Mac).CopyTo(f, 0);
            DriverRig.Peer.CopyTo(f, 6);
            f[12] = (byte)(etherType >> 8);
            f[13] = (byte)etherType;
            var rng = new Random(seed);
            for (int i = 14; i < length; i++) f[i] = (byte)rng.Next(256);
            return f;
        }

        public static byte[] WithFcs(byte[] frame)
        {
            var w = new byte[frame.Length + 4];
            frame.CopyTo(w, 0);
            uint crc = Crc32(frame, 0, frame.Length);
            w[frame.Length] = (byte)crc;
            w[frame.Length + 1] = (byte)(crc >> 8);
            w[frame.Length + 2] = (byte)(crc >> 16);
            w[frame.Length + 3] = (byte)(crc >> 24);
            return w;
        }

        /// <summary>CRC-32 of IEEE 802.3 (reflected 0xEDB88320, init and final XOR all ones); sent low byte first.</summary>
        public static uint Crc32(byte[] data, int offset, int length)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = offset; i < offset + length; i++)
            {
                crc ^= data[i];
                for (int b = 0; b < 8; b++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }

            return ~crc;
        }

        public static bool FcsValid(byte[] wireFrame)
        {
            int n = wireFrame.Length - 4;
            uint crc = Crc32(wireFrame, 0, n);
            return wireFrame[n] == (byte)crc && wireFrame[n + 1] == (byte)(crc >> 8)
                && wireFrame[n + 2] == (byte)(crc >> 16) && wireFrame[n + 3] == (byte)(crc >> 24);
        }

        public static bool Same(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
    }
}
