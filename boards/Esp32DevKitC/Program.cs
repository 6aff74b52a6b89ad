using NanoIP.Boards.Esp32;

namespace NanoIP.Boards.Esp32DevKitC
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Program.Run(new DevKitCBoard(), new NetConfig());
        }
    }
}
