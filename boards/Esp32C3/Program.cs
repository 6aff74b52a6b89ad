using NanoIP.Boards.Esp32;

namespace NanoIP.Boards.Esp32C3
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Program.Run(new C3DevKitMBoard(), new NetConfig());
        }
    }
}
