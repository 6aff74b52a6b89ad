namespace NanoIP.UnitTests.Sockets
{
    /// <summary>A socket call a test expects to fail.</summary>
    public delegate void SocketCall();
}
