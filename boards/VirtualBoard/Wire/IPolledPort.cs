namespace NanoIP.VirtualBoard.Wire;

/// <summary>
/// A port with work of its own outside the wire's events (a TAP to read, host sockets to serve): in real time the
/// thread that runs the wire calls <see cref="Pump"/> on every turn, so the port is only ever touched from there.
/// </summary>
public interface IPolledPort : IWirePort
{
    /// <summary>Does what is ready now without blocking; returns how much work was done (0: idle).</summary>
    int Pump();
}
