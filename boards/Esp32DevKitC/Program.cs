using NanoIP.App;
using NanoIP.Boards.Esp32;
using NanoIP.Services.Apps;

namespace NanoIP.Boards.Esp32DevKitC
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Program.Run(new DevKitCBoard(), new NetConfig(), Options());
        }

        /// <summary>
        /// This board's boot configuration. A WROOM-32 has no PSRAM, and each TCP control block
        /// takes its send and receive rings (8 KB with the default NetConfig), so the image runs
        /// the HTTP status page at boot with one connection and keeps echo ready for
        /// "service enable echo": 4 blocks added to NetConfig.TcpSockets.
        /// </summary>
        public static FirmwareOptions Options()
        {
            FirmwareOptions options = new FirmwareOptions();
            options.Dhcp = true; // or a static address: options.Address = IPv4.Parse("198.18.0.2"); options.Gateway = ...
            ServiceOptions services = new ServiceOptions();
            services.Enabled = ServiceSet.Http;
            services.Available = ServiceSet.Echo;
            services.ConnectionsPerService = 1;
            options.Services = services;
            return options;
        }
    }
}
