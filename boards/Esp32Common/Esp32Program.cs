using System;
using System.Threading;
using NanoIP.App;

namespace NanoIP.Boards.Esp32
{
    /// <summary>What every ESP32 board's Main does: boot the firmware, retrying until an ENC28J60 answers, then run the network thread.</summary>
    public static class Esp32Program
    {
        /// <summary>Time between boot attempts (a module plugged in after power-up is found within this).</summary>
        public const int BootRetryMs = 5000;

        /// <summary>
        /// Boots the firmware with the board's boot configuration (addressing, console, the TCP
        /// services at boot and those the console may enable later) and runs it.
        /// </summary>
        public static void Run(IBoard board, NetConfig config, FirmwareOptions options)
        {
            // RFC 6528 secret: on ESP32 targets System.Random reads the hardware RNG (esp_random).
            byte[] seed = new byte[4];
            new Random().NextBytes(seed);
            config.IsnSecret = (uint)(seed[0] | seed[1] << 8 | seed[2] << 16 | seed[3] << 24);
            ReserveServiceSockets(config, options);

            Firmware firmware = new Firmware(board, config, options);
            while (!firmware.Boot())
            {
                // Boot has printed why; a module plugged in later is picked up by the next attempt.
                board.Console.Write("retrying in 5 s\r\n");
                Thread.Sleep(BootRetryMs);
            }

            firmware.Run(-1);
        }

        /// <summary>
        /// Adds the TCP control blocks the services need (every built service with all its
        /// connections busy) to NetConfig.TcpSockets, so they never take the application's
        /// and "service enable" always finds its sockets. Returns how many were added.
        /// </summary>
        public static int ReserveServiceSockets(NetConfig config, FirmwareOptions options)
        {
            int n = options == null || options.Services == null ? 0 : options.Services.TcpSocketsNeeded;
            config.TcpSockets += n;
            return n;
        }
    }
}
