using NanoIP.Boards.Esp32;

namespace NanoIP.Boards.Esp32S3
{
    public static class Program
    {
        public static void Main()
        {
            Esp32Program.Run(new S3DevKitCBoard(), new NetConfig());
        }
    }
}
