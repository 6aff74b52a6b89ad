namespace NanoIP
{
    /// <summary>Big-endian (network order) reads and writes on byte arrays; no allocation.</summary>
    public static class NetOrder
    {
        public static ushort ReadUInt16(byte[] b, int i)
        {
            return (ushort)((b[i] << 8) | b[i + 1]);
        }

        public static uint ReadUInt32(byte[] b, int i)
        {
            return ((uint)b[i] << 24) | ((uint)b[i + 1] << 16) | ((uint)b[i + 2] << 8) | b[i + 3];
        }

        public static void WriteUInt16(byte[] b, int i, int value)
        {
            b[i] = (byte)(value >> 8);
            b[i + 1] = (byte)value;
        }

        public static void WriteUInt32(byte[] b, int i, uint value)
        {
            b[i] = (byte)(value >> 24);
            b[i + 1] = (byte)(value >> 16);
            b[i + 2] = (byte)(value >> 8);
            b[i + 3] = (byte)value;
        }
    }
}
