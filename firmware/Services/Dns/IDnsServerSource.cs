namespace NanoIP.Services.Dns
{
    /// <summary>Where the resolver finds servers it was not given explicitly (the DHCP lease).</summary>
    public interface IDnsServerSource
    {
        /// <summary>Servers available now (0..2).</summary>
        int DnsServerCount { get; }

        /// <summary>Server index (0-based), 0 when there is none.</summary>
        uint GetDnsServer(int index);
    }
}
