namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// 10BASE-T timing (IEEE 802.3 clause 4 parameters for 10 Mb/s): a byte takes 800 ns; every frame is
/// preceded by 7 preamble bytes and the SFD (8) and followed by the 96-bit inter-packet gap (12), and a
/// frame shorter than the 64-byte minimum (FCS included) is padded to it.
/// </summary>
public static class EthernetTiming
{
    public const long NsPerByte = 800;
    public const int PreambleBytes = 8;
    public const int InterFrameGapBytes = 12;
    public const int MinFrameWithFcs = 64;
    public const int FcsLength = 4;

    /// <summary>Byte times one frame of <paramref name="lengthWithFcs"/> bytes occupies: preamble + max(frame, 64) + gap.</summary>
    public static int SlotBytes(int lengthWithFcs) =>
        PreambleBytes + Math.Max(lengthWithFcs, MinFrameWithFcs) + InterFrameGapBytes;

    /// <summary>How long one frame occupies a 10 Mbit/s direction, in nanoseconds (1518 bytes: 1,230,400 ns).</summary>
    public static long SlotNs(int lengthWithFcs) => SlotBytes(lengthWithFcs) * NsPerByte;
}
