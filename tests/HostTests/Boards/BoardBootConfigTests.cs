using System.Text;
using nanoFramework.TestFramework;
using NanoIP.App;
using NanoIP.Boards.Esp32;
using NanoIP.Services.Apps;
using NanoIP.VirtualBoard.Board;

namespace NanoIP.HostTests.Boards
{
    /// <summary>
    /// Each ESP32 board's boot configuration (Program.Options) booted on the virtual board the way
    /// Esp32Program does it: the sockets the services need are added to NetConfig, the services
    /// chosen for boot run, the available ones can be enabled from the console, the rest cannot.
    /// </summary>
    [TestClass]
    public class BoardBootConfigTests
    {
        private sealed class CaptureConsole : IConsolePort
        {
            public readonly StringBuilder Text = new();
            public void Write(string text) => Text.Append(text);
            public int Read(byte[] buffer, int offset, int count) => 0;
            public bool InputOpen => false;
        }

        private static readonly (string Name, Func<FirmwareOptions> Options, ServiceSet Boot, ServiceSet Built, int Connections)[] Boards =
        {
            ("Esp32DevKitC", NanoIP.Boards.Esp32DevKitC.Program.Options, ServiceSet.Http, ServiceSet.Http | ServiceSet.Echo, 1),
            ("Esp32S3", NanoIP.Boards.Esp32S3.Program.Options, ServiceSet.Http, ServiceSet.All, 2),
            ("Esp32C3", NanoIP.Boards.Esp32C3.Program.Options, ServiceSet.Http, ServiceSet.Http, 1),
        };

        [TestMethod]
        public void EveryBoardBootsItsServicesAndReservesTheirSockets()
        {
            foreach (var b in Boards)
            {
                FirmwareOptions options = b.Options();
                Assert.IsTrue(options.Dhcp, b.Name + ": boards ask DHCP for their address");
                Assert.AreEqual((int)b.Boot, (int)options.Services.Enabled, b.Name);
                Assert.AreEqual((int)b.Built, (int)options.Services.Built, b.Name);

                var config = new NetConfig();
                int before = config.TcpSockets;
                int added = Esp32Program.ReserveServiceSockets(config, options);
                Assert.AreEqual(options.Services.TcpSocketsNeeded, added, b.Name);
                Assert.AreEqual(before + added, config.TcpSockets, b.Name);

                var console = new CaptureConsole();
                using var board = new VirtualEsp32Board(new VirtualBoardOptions { VirtualTime = true }, console);
                options.SingleThreaded = true;
                var firmware = new Firmware(board, config, options);
                Assert.IsTrue(firmware.Boot(), b.Name);
                Assert.Contains("services: http 80\r\n", console.Text.ToString(), b.Name);

                // Every built service can run at once: the reserved blocks are enough.
                console.Text.Clear();
                firmware.Shell.Execute("service enable all", board.NowMs);
                string text = console.Text.ToString();
                Assert.AreEqual(0, text.Split("cannot listen").Length - 1, b.Name + ": " + text);
                Assert.AreEqual((int)b.Built, (int)firmware.Services.Enabled, b.Name);
                Assert.AreEqual(b.Connections, firmware.Services.GetService(0).MaxConnections, b.Name);

                console.Text.Clear();
                firmware.Shell.Execute("service enable chargen", board.NowMs);
                bool chargenBuilt = (b.Built & ServiceSet.Chargen) != 0;
                Assert.AreEqual(chargenBuilt ? "chargen: already running\r\n" : "service: chargen: not built into this firmware (ServiceOptions.Available)\r\n",
                    console.Text.ToString().Replace(App.Console.ConsoleShell.Prompt, ""), b.Name);
            }
        }
    }
}
