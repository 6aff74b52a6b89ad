namespace NanoIP.Sockets
{
    /// <summary>
    /// Stream's span read: abstract over nanoFramework's SpanByte on the device, virtual over
    /// Span&lt;byte&gt; on the host. Both read one chunk into the scratch buffer and copy it.
    /// </summary>
    public partial class NetworkStream
    {
#if NANOFRAMEWORK
        public override int Read(System.SpanByte buffer)
        {
            int n = Read(_scratch, 0, buffer.Length < _scratch.Length ? buffer.Length : _scratch.Length);
            new System.SpanByte(_scratch, 0, n).CopyTo(buffer);
            return n;
        }
#else
        public override int Read(System.Span<byte> buffer)
        {
            int n = Read(_scratch, 0, buffer.Length < _scratch.Length ? buffer.Length : _scratch.Length);
            new System.Span<byte>(_scratch, 0, n).CopyTo(buffer);
            return n;
        }
#endif
    }
}
