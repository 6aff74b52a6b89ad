namespace NanoIP.App.Console.Commands
{
    /// <summary>Ends a console job's pending name lookup: the one place that turns a resolver handle into an address or an error line.</summary>
    internal static class HostLookup
    {
        /// <summary>-1 while pending; 0 when it failed ("COMMAND: HOST: why" written); 1 with the address. The handle is ended unless pending.</summary>
        public static int Finish(ConsoleContext ctx, int handle, string command, string host, out uint address)
        {
            ResolveStatus r = ctx.Resolver.GetStatus(handle, out address);
            if (r == ResolveStatus.Pending)
            {
                return -1;
            }

            string why = r == ResolveStatus.Resolved ? null : ctx.Resolver.FailureText(handle);
            ctx.Resolver.End(handle);
            if (r != ResolveStatus.Resolved)
            {
                ctx.WriteLine(command + ": " + host + ": " + why);
                return 0;
            }

            return 1;
        }
    }
}
