using NanoIP.VirtualBoard.Enc28j60;

namespace NanoIP.VirtualBoard.Board;

/// <summary>How the virtual ESP32 board is put together: the same choices a real board makes in its pin map.</summary>
public sealed class VirtualBoardOptions
{
    /// <summary>Run on the virtual clock (deterministic, as fast as the host goes) instead of wall-clock time.</summary>
    public bool VirtualTime { get; set; }

    /// <summary>
    /// SPI clock charged per transaction (ESP32 VSPI tops out at the chip's 20 MHz): to the virtual clock with
    /// <see cref="VirtualTime"/>, in wall time with <see cref="RealTimeSpiPacing"/>, else not at all.
    /// </summary>
    public long SpiClockHz { get; set; } = 20_000_000;

    /// <summary>
    /// Wall-clock mode only: every SPI transaction lasts its bus time at <see cref="SpiClockHz"/> in wall time
    /// (spun, not slept), and the chip keeps its own times in wall time too: TXRTS stays set for the frame's
    /// 10 Mbit/s wire time, so frames leave no faster than a real ENC28J60 sends them (frames toward the chip
    /// are serialised at 10 Mbit/s by the cable either way). Without it the model answers at once.
    /// </summary>
    public bool RealTimeSpiPacing { get; set; }

    /// <summary>GPIO of the ENC28J60 INT line (GPIO 4 on the ESP32-DevKitC wiring).</summary>
    public int InterruptPin { get; set; } = 4;

    /// <summary>Locally administered MAC address of the board.</summary>
    public byte[] MacAddress { get; set; } = { 0x02, 0x4e, 0x49, 0x50, 0x00, 0x01 };

    /// <summary>Silicon errata the chip model exhibits (B7 by default).</summary>
    public Enc28j60Errata Errata { get; set; } = Enc28j60Errata.B7Default;

    /// <summary>Whether the model's PHY sees a link partner at power-up.</summary>
    public bool LinkUp { get; set; } = true;

    /// <summary>Capture every frame on the board's wire to this pcap file (null: none).</summary>
    public string PcapPath { get; set; }

    /// <summary>Keep the FCS in the capture.</summary>
    public bool PcapWithFcs { get; set; }

    /// <summary>Fault spec for the wire, e.g. "loss=0.05,reorder=0.02,dup=0.01,corrupt=0.001,seed=7" (null: none).</summary>
    public string Faults { get; set; }

    /// <summary>Linux TAP interface at the far end of the cable (needs wall-clock time and CAP_NET_ADMIN).</summary>
    public string TapName { get; set; }

    /// <summary>With <see cref="TapName"/>: the stack straight on the TAP, no chip model (<see cref="TapLinkDevice"/>).</summary>
    public bool Direct { get; set; }

    /// <summary>
    /// A user-mode gateway at the far end of the cable (ARP, ping, port forwards, host services), or null: the
    /// cable then ends in the TAP, or nowhere. Ignored with a TAP.
    /// </summary>
    public NanoIP.VirtualBoard.UserNet.UserNetOptions UserNet { get; set; }
}
