namespace NanoIP.VirtualBoard.UserNet;

/// <summary>Where a <see cref="PendingHostConnect"/> stands.</summary>
public enum PendingPhase
{
    Free,

    /// <summary>The host connect is under way; the SYN is held (retransmissions are dropped).</summary>
    HostConnecting,

    /// <summary>The host accepted; the SYN went to the stack, whose listener will hand over the connection.</summary>
    AwaitingAccept,
}
