namespace NanoIP.App.Console
{
    /// <summary>Where a host name lookup stands.</summary>
    public enum ResolveStatus
    {
        Pending = 0,
        Resolved = 1,
        /// <summary>No such name, no answer, or no DNS server.</summary>
        Failed = 2
    }
}
