using NanoIP.Services.Dhcp;
using NanoIP.Services.Dns;

namespace NanoIP.App.Console.Commands
{
    /// <summary>Plugs the DHCP client and the DNS resolver into a console (the firmware calls these after building them).</summary>
    public static class ServiceCommands
    {
        /// <summary>"resolve", and host names for "ping" through dns.</summary>
        public static void AddDns(ConsoleShell shell, DnsResolver dns)
        {
            shell.Context.Resolver = new DnsHostResolver(dns);
            shell.Register(new ResolveCommand(dns));
        }

        /// <summary>"dhcp" over client.</summary>
        public static void AddDhcp(ConsoleShell shell, DhcpClient client)
        {
            shell.Register(new DhcpCommand(client));
        }
    }
}
