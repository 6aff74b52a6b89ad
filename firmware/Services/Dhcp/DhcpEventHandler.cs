namespace NanoIP.Services.Dhcp
{
    /// <summary>Called from DhcpClient.Poll (the network thread) when the lease changes; read the client's status for details.</summary>
    public delegate void DhcpEventHandler(DhcpClient client, DhcpEvent what);
}
