namespace NanoIP.Services.Dns
{
    /// <summary>One resolver query slot: the name in wire form, where it stands, and its answer.</summary>
    internal sealed class DnsQuery
    {
        internal readonly byte[] Name = new byte[DnsName.MaxWireLength];
        internal int NameLength;
        internal DnsStatus Status;
        internal DnsError Error;
        internal int Id;
        /// <summary>Queries sent so far (the first one included).</summary>
        internal int Tries;
        internal long Deadline = NetTime.Never;
        /// <summary>Servers this query went to: answers are accepted from them alone.</summary>
        internal uint SentTo0;
        internal uint SentTo1;
        internal uint Address;
        internal uint TtlSeconds;

        internal void Reset()
        {
            NameLength = 0;
            Status = DnsStatus.Free;
            Error = DnsError.None;
            Id = 0;
            Tries = 0;
            Deadline = NetTime.Never;
            SentTo0 = 0;
            SentTo1 = 0;
            Address = 0;
            TtlSeconds = 0;
        }

        internal void Finish(DnsStatus status, DnsError error)
        {
            Status = status;
            Error = error;
            Deadline = NetTime.Never;
        }
    }
}
