using NanoIP.App;
using NanoIP.Boards.Esp32;
using NanoIP.Services.Apps;

namespace NanoIP.Boards.Esp32S3
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Program.Run(new S3DevKitCBoard(), new NetConfig(), Options());
        }

        /// <summary>
        /// This board's boot configuration. The DevKitC-1 N8R8/N16R8 has 8 MB of PSRAM, so the
        /// image builds every service with two connections each: the HTTP status page runs at
        /// boot, echo, discard and chargen wait for "service enable": 13 blocks added to
        /// NetConfig.TcpSockets (8 KB each with the default NetConfig).
        /// </summary>
        public static FirmwareOptions Options()
        {
            FirmwareOptions options = new FirmwareOptions();
            options.Dhcp = true; // or a static address: options.Address = IPv4.Parse("198.18.0.2"); options.Gateway = ...
            ServiceOptions services = new ServiceOptions();
            services.Enabled = ServiceSet.Http;
            services.Available = ServiceSet.All;
            services.ConnectionsPerService = 2;
            options.Services = services;
            return options;
        }
    }
}
