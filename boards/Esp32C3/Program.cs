using NanoIP.App;
using NanoIP.Boards.Esp32;
using NanoIP.Services.Apps;

namespace NanoIP.Boards.Esp32C3
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Program.Run(new C3DevKitMBoard(), new NetConfig(), Options());
        }

        /// <summary>
        /// This board's boot configuration. The C3 has no PSRAM and the smallest heap of the
        /// three, so the image runs only the HTTP status page, with one connection, and builds
        /// no other service ("service enable echo" says it is not built in): 2 blocks added
        /// to NetConfig.TcpSockets (8 KB each with the default NetConfig).
        /// </summary>
        public static FirmwareOptions Options()
        {
            FirmwareOptions options = new FirmwareOptions();
            options.Dhcp = true; // or a static address: options.Address = IPv4.Parse("198.18.0.2"); options.Gateway = ...
            ServiceOptions services = new ServiceOptions();
            services.Enabled = ServiceSet.Http;
            services.Available = ServiceSet.None;
            services.ConnectionsPerService = 1;
            options.Services = services;
            return options;
        }
    }
}
