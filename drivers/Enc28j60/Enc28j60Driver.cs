using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;

namespace NanoIP.Drivers.Enc28j60
{
    /// <summary>Raised on the network thread (inside Poll) when the PHY link goes up or down.</summary>
    public delegate void LinkChangedHandler(object sender, bool isUp);

    /// <summary>
    /// ENC28J60 driver: an ILinkDevice over a SpiDevice and the chip's INT pin.
    /// Every buffer is allocated here; receiving and transmitting allocate nothing.
    /// All calls come from one network thread; the INT pin callback only sets a flag.
    /// </summary>
    public sealed partial class Enc28j60Driver : ILinkDevice
    {
        /// <summary>Largest frame without FCS that Receive returns and Transmit accepts.</summary>
        public const int MaxEthernetFrame = 1514;

        private const int FcsLength = 4;
        private const int EthernetHeaderLength = 14;
        private const int RxHeaderLength = 6;
        private const int TxStatusVectorLength = 7;
        private const int BufferMemoryEnd = 0x1FFF;
        /// <summary>One transmit area: control byte, frame, status vector (datasheet 7.1).</summary>
        private const int TxAreaNeeded = 1 + MaxEthernetFrame + TxStatusVectorLength;
        /// <summary>Smallest receive ring accepted: room for a few full frames.</summary>
        private const int RxRingMinimumEnd = 0x07FF;

        private const int StateStopped = 0;
        private const int StateUp = 1;
        private const int StateDown = 2;

        private readonly Enc28j60Options _options;
        private readonly SpiPort _port;
        private readonly Enc28j60Bus _bus;
        private readonly GpioPin _intPin;
        private readonly GpioPin _resetPin;
        private readonly IDriverClock _clock;
        private readonly AutoResetEvent _interruptEvent = new AutoResetEvent(false);
        private readonly Enc28j60Counters _counters = new Enc28j60Counters();
        private readonly byte[] _mac = new byte[6];
        private readonly Enc28j60Workarounds _workarounds;

        // SPI staging, allocated once. _spiOut: WBM opcode + control byte + frame for transmit, and
        // the MOSI side of every RBM (opcode, then don't-care). _spiIn: the MISO side of every RBM.
        // Sized for the largest read: opcode, a frame of MAMXFL bytes, its pad byte, the next header.
        private readonly byte[] _spiOut;
        private readonly byte[] _spiIn;

        // Buffer memory layout
        private readonly int _rxStart;
        private readonly int _rxEnd;
        /// <summary>Start (control byte) of the two transmit areas.</summary>
        private readonly int[] _txArea = new int[2];

        private int _state = StateStopped;
        private int _irq;
        private bool _subscribed;
        private bool _linkUp;
        private bool _receiveBroadcast;
        private bool _receiveMulticast;
        private int _revision;
        private string _lastError = "not started";
        private long _nextServiceMs;
        private long _nextHealthMs;

        public Enc28j60Driver(SpiDevice spi, GpioPin interruptPin, GpioPin resetPin, IDriverClock clock, Enc28j60Options options)
        {
            if (spi == null) throw new ArgumentNullException("spi");
            if (clock == null) throw new ArgumentNullException("clock");
            if (options == null) options = new Enc28j60Options();
            if (options.MacAddress == null || options.MacAddress.Length != 6) throw new ArgumentException("MacAddress must be 6 bytes");

            _options = options;
            _workarounds = options.Workarounds;
            _clock = clock;
            _port = new SpiPort(spi);
            _bus = new Enc28j60Bus(_port, clock);
            _intPin = interruptPin;
            _resetPin = resetPin;
            Array.Copy(options.MacAddress, 0, _mac, 0, 6);
            _receiveBroadcast = options.ReceiveBroadcast;
            _receiveMulticast = options.ReceiveMulticast;

            // Errata 5: the ring must start at 0x0000, so the two transmit areas share the top.
            // Without the workaround (tests only) the transmit areas come first and the ring after.
            // The areas are the halves of what the ring leaves: with the default RxBufferEnd they
            // are 0x600 apart, so ETXST and ETXND (same length) differ only in their high byte.
            int ringEnd = options.RxBufferEnd | 1;
            int txRegion = BufferMemoryEnd - ringEnd;
            int areaSize = (txRegion / 2) & ~1;
            if (areaSize < TxAreaNeeded || ringEnd < RxRingMinimumEnd)
            {
                throw new ArgumentException("RxBufferEnd must leave two transmit areas of 1522 bytes (at most 0x141B) and a ring of 2 KB");
            }

            if (Has(Enc28j60Workarounds.RxStartAtZero))
            {
                _rxStart = 0;
                _rxEnd = ringEnd;
                _txArea[0] = ringEnd + 1;
            }
            else
            {
                _txArea[0] = 0;
                _rxStart = txRegion;
                _rxEnd = BufferMemoryEnd;
            }

            _txArea[1] = _txArea[0] + areaSize;

            if (options.MaxFrameWithFcs < 64 || options.MaxFrameWithFcs > 1536) throw new ArgumentException("MaxFrameWithFcs must be 64..1536");
            int largestRead = 1 + options.MaxFrameWithFcs + 1 + RxHeaderLength;
            _spiIn = new byte[largestRead];
            _spiOut = new byte[largestRead > 2 + MaxEthernetFrame ? largestRead : 2 + MaxEthernetFrame];

        }

        /// <summary>Called whenever the link goes up or down (inside Poll).</summary>
        public event LinkChangedHandler LinkChanged;

        public int MaxFrameLength
        {
            get { return MaxEthernetFrame; }
        }

        public bool IsLinkUp
        {
            get { return _state == StateUp && _linkUp; }
        }

        /// <summary>True when an INT edge was seen or the INT pin is low now (asserted).</summary>
        public bool InterruptPending
        {
            get { return _irq != 0 || IntAsserted(); }
        }

        /// <summary>Set on every falling INT edge: the board's network thread may wait on it (with a timeout).</summary>
        public WaitHandle InterruptEvent
        {
            get { return _interruptEvent; }
        }

        /// <summary>True once Start succeeded and the chip is healthy.</summary>
        public bool IsRunning
        {
            get { return _state == StateUp; }
        }

        /// <summary>EREVID as read at the last initialisation (B7 = 0x06), 0 before.</summary>
        public int Revision
        {
            get { return _revision; }
        }

        /// <summary>Why the last initialisation failed, or "ok".</summary>
        public string LastError
        {
            get { return _lastError; }
        }

        public Enc28j60Counters Counters
        {
            get { return _counters; }
        }

        /// <summary>SPI transactions issued by this driver so far.</summary>
        public long SpiTransactions
        {
            get { return _port.Transactions; }
        }

        /// <summary>SPI bytes clocked by this driver so far.</summary>
        public long SpiBytes
        {
            get { return _port.Bytes; }
        }

        /// <summary>Whether the full-duplex configuration is in force (PHCON1.PDPXMD, MACON3.FULDPX).</summary>
        public bool FullDuplex
        {
            get { return _options.FullDuplex; }
        }

        public void GetMacAddress(byte[] mac, int offset)
        {
            Array.Copy(_mac, 0, mac, offset, 6);
        }

        public bool ReceiveBroadcast
        {
            get { return _receiveBroadcast; }
            set
            {
                if (_receiveBroadcast == value) return;
                _receiveBroadcast = value;
                if (_state == StateUp) _bus.Write(Enc28j60Registers.ERXFCON, FilterValue());
            }
        }

        public bool ReceiveMulticast
        {
            get { return _receiveMulticast; }
            set
            {
                if (_receiveMulticast == value) return;
                _receiveMulticast = value;
                if (_state == StateUp) _bus.Write(Enc28j60Registers.ERXFCON, FilterValue());
            }
        }

        /// <summary>
        /// Resets and configures the chip. Throws InvalidOperationException with the reason when no
        /// working ENC28J60 answers; Poll keeps retrying every HealthCheckIntervalMs after that.
        /// </summary>
        public void Start()
        {
            if (_intPin != null && !_subscribed)
            {
                SubscribeInterrupt(_intPin);
                _subscribed = true;
            }

            _nextHealthMs = _clock.NowMs + _options.HealthCheckIntervalMs;
            if (!Initialize()) throw new InvalidOperationException(_lastError);
        }

        /// <summary>Stops reception and interrupts; Start brings the chip back.</summary>
        public void Stop()
        {
            if (_state == StateUp)
            {
                _bus.Write(Enc28j60Registers.EIE, 0);
                _bus.ClearBits(Enc28j60Registers.ECON1, Enc28j60Registers.ECON1_RXEN);
            }

            _state = StateStopped;
            if (_subscribed)
            {
                UnsubscribeInterrupt(_intPin);
                _subscribed = false;
            }
        }

        public void Poll(long nowMs)
        {
            if (_state == StateStopped) return;
            if (_state == StateDown)
            {
                if (nowMs >= _nextHealthMs)
                {
                    _nextHealthMs = nowMs + _options.HealthCheckIntervalMs;
                    if (Initialize()) _counters.Resets++;
                }

                return;
            }

            if (nowMs >= _nextServiceMs || InterruptPending)
            {
                _nextServiceMs = nowMs + _options.ServiceIntervalMs;
                Service();
            }

            if (_state == StateUp && _txCount != 0 && _clock.NowMs - _txStartMs >= _options.TxTimeoutMs) TransmitTimedOut();

            if (_state == StateUp && nowMs >= _nextHealthMs)
            {
                _nextHealthMs = nowMs + _options.HealthCheckIntervalMs;
                HealthCheck();
            }
        }

        /// <summary>Reads EIR once and handles what it says: link, transmit completion, receive errors, waiting frames.</summary>
        private void Service()
        {
            if (Interlocked.Exchange(ref _irq, 0) != 0) _counters.Interrupts++;

            // The pin is sampled before EIR is read: a flag that held INT low then is still set
            // when EIR is read (only this thread clears flags, EPKTCNT only falls by PKTDEC).
            bool intWasAsserted = IntAsserted();
            int eir = _bus.Read(Enc28j60Registers.EIR);
            if ((eir & Enc28j60Registers.EIR_Unimplemented) != 0)
            {
                // A working chip reads 0 there: MISO stuck high or garbage. Let the health check
                // decide; if the chip passes it, that read was a glitch: read EIR once more.
                _counters.GarbageReads++;
                HealthCheck();
                if (_state != StateUp) return;
                eir = _bus.Read(Enc28j60Registers.EIR);
                if ((eir & Enc28j60Registers.EIR_Unimplemented) != 0) return;
            }

            if ((eir & Enc28j60Registers.EIR_LINKIF) != 0) ServiceLink();
            if ((eir & (Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF)) != 0)
            {
                if (_txCount != 0) CompleteTransmit(eir);
                else _bus.ClearBits(Enc28j60Registers.EIR, Enc28j60Registers.EIR_TXIF | Enc28j60Registers.EIR_TXERIF);
            }

            if ((eir & Enc28j60Registers.EIR_RXERIF) != 0) ServiceRxError();

            if (_state != StateUp || _rxPending != 0) return;
            if (intWasAsserted && (eir & OtherInterruptFlags) == 0 && Has(Enc28j60Workarounds.PacketCountNotPktif))
            {
                // INT was asserted and no other enabled flag was set: PKTIF was, so EPKTCNT >= 1.
                // The pin, unlike a PKTIF read over SPI, is reliable (errata 6). Receive counts the
                // rest with EPKTCNT if INT is still asserted after this frame.
                _rxPending = 1;
            }
            else if (_intPin == null || IntAsserted())
            {
                // Frames waiting keep PKTIF and so INT asserted: with the pin high, EPKTCNT is 0.
                RefreshPendingCount(eir);
            }
        }

        /// <summary>The enabled interrupt flags other than PKTIF (EIE is verified by the health check).</summary>
        private const int OtherInterruptFlags = Enc28j60Registers.EIR_LINKIF | Enc28j60Registers.EIR_TXIF
            | Enc28j60Registers.EIR_TXERIF | Enc28j60Registers.EIR_RXERIF;

        /// <summary>The INT pin is low (active) now; false without a pin.</summary>
        private bool IntAsserted()
        {
            return _intPin != null && _intPin.Read() == PinValue.Low;
        }

        /// <summary>LINKIF: reading PHIR clears it; PHSTAT2.LSTAT is the link now (datasheet 12.1.5).</summary>
        private void ServiceLink()
        {
            int phir = _bus.ReadPhy(Enc28j60Registers.PHIR);
            bool up = (_bus.ReadPhy(Enc28j60Registers.PHSTAT2) & Enc28j60Registers.PHSTAT2_LSTAT) != 0;
            NotePhyTimeout();
            if (up != _linkUp)
            {
                SetLink(up);
            }
            else if ((phir & Enc28j60Registers.PHIR_PLNKIF) != 0 && up)
            {
                // Went down and came back between two polls: tell the stack it flapped.
                SetLink(false);
                SetLink(true);
            }
        }

        private void SetLink(bool up)
        {
            _linkUp = up;
            _counters.LinkChanges++;
            LinkChangedHandler handler = LinkChanged;
            if (handler != null) handler(this, up);
        }

        private void NotePhyTimeout()
        {
            if (_bus.PhyTimedOut)
            {
                _bus.PhyTimedOut = false;
                _counters.PhyTimeouts++;
            }
        }

        private bool Has(Enc28j60Workarounds workaround)
        {
            return (_workarounds & workaround) != 0;
        }

        private void OnInterruptPinChanged(object sender, PinValueChangedEventArgs e)
        {
            // No chip access here: the network thread services the chip in Poll.
            if (e.ChangeType == PinEventTypes.Falling)
            {
                Interlocked.Exchange(ref _irq, 1);
                _interruptEvent.Set();
            }
        }
    }
}
