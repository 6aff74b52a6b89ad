namespace NanoIP.App.Console.Commands
{
    /// <summary>The commands every console has; services add theirs with ConsoleShell.Register.</summary>
    public static class BuiltinCommands
    {
        public static void RegisterAll(ConsoleShell shell)
        {
            shell.Register(new HelpCommand());
            shell.Register(new IfconfigCommand());
            shell.Register(new IpCommand());
            shell.Register(new ArpCommand());
            shell.Register(new PingCommand());
            shell.Register(new NetstatCommand());
            shell.Register(new TcpCommand());
            shell.Register(new UdpCommand());
            shell.Register(new StatsCommand());
            shell.Register(new EncCommand());
            shell.Register(new MemCommand());
            shell.Register(new LogCommand());
            shell.Register(new RebootCommand());
        }
    }
}
