using NanoIP.Sockets;

namespace NanoIP.App.Console
{
    /// <summary>Number and column formatting for command output (integer arithmetic only: no System.Math on the device).</summary>
    public static class TextFormat
    {
        private const string HexDigits = "0123456789abcdef";

        /// <summary>text padded with spaces to width (left-aligned); longer text is kept whole.</summary>
        public static string Left(string text, int width)
        {
            return text.Length >= width ? text : text.PadRight(width, ' ');
        }

        /// <summary>text padded with spaces to width (right-aligned).</summary>
        public static string Right(string text, int width)
        {
            return text.Length >= width ? text : text.PadLeft(width, ' ');
        }

        /// <summary>value as "0x" and digits lowercase hex digits.</summary>
        public static string Hex(long value, int digits)
        {
            char[] c = new char[digits + 2];
            c[0] = '0';
            c[1] = 'x';
            for (int i = digits - 1; i >= 0; i--)
            {
                c[2 + i] = HexDigits[(int)(value & 0xF)];
                value >>= 4;
            }

            return new string(c);
        }

        /// <summary>A non-negative value with leading zeros to digits ("007").</summary>
        public static string Zeros(long value, int digits)
        {
            string s = value.ToString();
            return s.Length >= digits ? s : s.PadLeft(digits, '0');
        }

        /// <summary>Microseconds as milliseconds with three decimals ("1.234"), as iputils prints rtt statistics.</summary>
        public static string Millis3(long micros)
        {
            if (micros < 0)
            {
                return "-" + Millis3(-micros);
            }

            return (micros / 1000).ToString() + "." + Zeros(micros % 1000, 3);
        }

        /// <summary>A reply's round trip with iputils' precision rules: 123, 12.3, 1.23 or 0.123 (ms).</summary>
        public static string PingTime(long micros)
        {
            if (micros >= 100000 - 50)
            {
                return ((micros + 500) / 1000).ToString();
            }

            if (micros >= 10000 - 5)
            {
                long t = micros + 50;
                return (t / 1000).ToString() + "." + ((t % 1000) / 100).ToString();
            }

            if (micros >= 1000)
            {
                long t = micros + 5;
                return (t / 1000).ToString() + "." + Zeros((t % 1000) / 10, 2);
            }

            return Millis3(micros);
        }

        /// <summary>Byte count as ifconfig shows it beside the raw number: "44.6 KiB", "0.0 B".</summary>
        public static string HumanBytes(long bytes)
        {
            string[] units = new string[] { "B", "KiB", "MiB", "GiB", "TiB" };
            int u = 0;
            long scale = 1;
            while (u < units.Length - 1 && bytes >= scale * 1024)
            {
                scale *= 1024;
                u++;
            }

            long tenths = (bytes * 10 + scale / 2) / scale;
            return (tenths / 10).ToString() + "." + (tenths % 10).ToString() + " " + units[u];
        }

        /// <summary>Integer square root (floor), by Newton's method.</summary>
        public static long Sqrt(long value)
        {
            if (value <= 0)
            {
                return 0;
            }

            long x = value;
            long y = x / 2 + (x & 1);
            while (y < x)
            {
                x = y;
                y = (x + value / x) / 2;
            }

            return x;
        }

        /// <summary>Received bytes as console text: printable ASCII and TAB as is, LF as CRLF, CR dropped, anything else '.'.</summary>
        public static string Printable(byte[] data, int offset, int count)
        {
            char[] c = new char[count * 2];
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (b == '\n')
                {
                    c[n++] = '\r';
                    c[n++] = '\n';
                }
                else if (b != '\r')
                {
                    c[n++] = (b >= 0x20 && b < 0x7F) || b == '\t' ? (char)b : '.';
                }
            }

            return new string(c, 0, n);
        }

        /// <summary>text as bytes, one per character (the console types ASCII).</summary>
        public static byte[] Ascii(string text)
        {
            byte[] b = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                char ch = text[i];
                b[i] = ch < 0x100 ? (byte)ch : (byte)'?';
            }

            return b;
        }

        /// <summary>"a.b.c.d:port", or "a.b.c.d:*" for port 0 (ss's wildcard).</summary>
        public static string EndPoint(uint address, int port)
        {
            return NanoIP.Network.IPv4.ToString(address) + ":" + (port == 0 ? "*" : port.ToString());
        }

        /// <summary>The Linux strerror text of the errno a SocketError stands for.</summary>
        public static string ErrorText(SocketError error)
        {
            switch (error)
            {
                case SocketError.Success: return "Success";
                case SocketError.WouldBlock: return "Resource temporarily unavailable";
                case SocketError.AddressAlreadyInUse: return "Address already in use";
                case SocketError.AddressNotAvailable: return "Cannot assign requested address";
                case SocketError.ConnectionRefused: return "Connection refused";
                case SocketError.ConnectionReset: return "Connection reset by peer";
                case SocketError.ConnectionAborted: return "Software caused connection abort";
                case SocketError.TimedOut: return "Connection timed out";
                case SocketError.HostUnreachable: return "No route to host";
                case SocketError.NetworkUnreachable: return "Network is unreachable";
                case SocketError.NotConnected: return "Transport endpoint is not connected";
                case SocketError.IsConnected: return "Transport endpoint is already connected";
                case SocketError.NoBufferSpace: return "No buffer space available";
                case SocketError.InvalidArgument: return "Invalid argument";
                case SocketError.MessageSize: return "Message too long";
                case SocketError.Shutdown: return "Cannot send after transport endpoint shutdown";
                case SocketError.TooManyOpenSockets: return "Too many open files";
                case SocketError.OperationNotSupported: return "Operation not supported";
                case SocketError.AlreadyInProgress: return "Operation already in progress";
                case SocketError.NotSocket: return "Socket operation on non-socket";
                case SocketError.InProgress: return "Operation now in progress";
                case SocketError.AccessDenied: return "Permission denied";
                case SocketError.DestinationAddressRequired: return "Destination address required";
                case SocketError.ProtocolNotSupported: return "Protocol not supported";
                case SocketError.NetworkDown: return "Network is down";
                default: return "Unknown error " + ((int)error).ToString();
            }
        }
    }
}
