using NanoIP.Drivers.Enc28j60;

namespace NanoIP.App.Console.Commands
{
    /// <summary>mem: bytes fixed at start-up per part (ARCHITECTURE §4), the frame pool's use, and free heap when the board knows it.</summary>
    public sealed class MemCommand : IConsoleCommand
    {
        public string Name
        {
            get { return "mem"; }
        }

        public string Summary
        {
            get { return "memory fixed at start-up by part, frame pool use, free heap"; }
        }

        public string Usage
        {
            get { return "mem"; }
        }

        public string Help
        {
            get
            {
                return "  Footprints are the buffers each part allocated from NetConfig at start-up; the steady\r\n"
                    + "  state allocates nothing more. Free heap needs a board hook (no GC query in the device API).";
            }
        }

        public IConsoleJob Run(ConsoleContext ctx, CommandArgs args)
        {
            if (args.Count > 1)
            {
                return ctx.Fail(this, "unexpected argument '" + args[1] + "'");
            }

            NetStack s = ctx.Stack;
            FramePool pool = s.Frames;
            string text = "footprint (bytes allocated at start-up):\r\n"
                + Row("frame pool", pool.FootprintBytes, pool.Capacity.ToString() + " x " + pool.FrameLength.ToString())
                + Row("arp", s.Arp.FootprintBytes, s.Arp.Capacity.ToString() + " entries")
                + Row("udp", s.Udp.FootprintBytes, s.Udp.Capacity.ToString() + " sockets")
                + Row("tcp", s.Tcp.FootprintBytes, null)
                + Row("stack total", s.FootprintBytes, null);
            Enc28j60Driver enc = ctx.Device as Enc28j60Driver;
            if (enc != null)
            {
                text = text + Row("driver", enc.FootprintBytes, "ENC28J60 SPI staging");
            }

            text = text + Row("console", ctx.Shell.FootprintBytes, "line, history, registry")
                + "frame pool: " + pool.Free.ToString() + " of " + pool.Capacity.ToString() + " free, low water "
                + pool.LowWater.ToString() + ", exhausted " + pool.Exhausted.ToString() + "\r\n";
            long free = ctx.Heap == null ? -1 : ctx.Heap.FreeBytes;
            text = text + (free < 0 ? "heap free: unknown (the board provides no heap query)\r\n" : "heap free: " + free.ToString() + " bytes\r\n");
            ctx.Write(text);
            return null;
        }

        private static string Row(string part, int bytes, string detail)
        {
            return "  " + TextFormat.Left(part, 13) + TextFormat.Right(bytes.ToString(), 8) + (detail == null ? string.Empty : "  (" + detail + ")") + "\r\n";
        }
    }
}
