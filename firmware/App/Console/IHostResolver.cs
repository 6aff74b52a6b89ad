namespace NanoIP.App.Console
{
    /// <summary>
    /// Poll-style name lookup for "ping HOST" and "resolve": the DNS client (polled by the
    /// network thread) does the work; the console only starts, watches and ends lookups.
    /// </summary>
    public interface IHostResolver
    {
        /// <summary>Starts resolving name at nowMs; a handle ≥ 0, or -1 when no lookup can start now.</summary>
        int Begin(string name, long nowMs);

        /// <summary>The lookup's state; address is set once Resolved (host byte order).</summary>
        ResolveStatus GetStatus(int handle, out uint address);

        /// <summary>Why a Failed lookup failed, as glibc's resolver says it ("Name or service not known").</summary>
        string FailureText(int handle);

        /// <summary>Frees the lookup (done or not).</summary>
        void End(int handle);
    }
}
