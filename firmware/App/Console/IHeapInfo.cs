namespace NanoIP.App.Console
{
    /// <summary>
    /// Free managed memory as the board can learn it. The device API list has no GC query
    /// (System.GC offers only finalizer calls), so a board that has one provides it here.
    /// </summary>
    public interface IHeapInfo
    {
        /// <summary>Free managed heap in bytes, or -1 when unknown.</summary>
        long FreeBytes { get; }
    }
}
