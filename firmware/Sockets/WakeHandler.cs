namespace NanoIP.Sockets
{
    /// <summary>Wakes the network thread early (the board's Wake), so output an application queued leaves promptly.</summary>
    public delegate void WakeHandler();
}
