namespace NanoIP.App
{
    /// <summary>A byte-oriented console: a UART on the device, stdin/stdout on the virtual board.</summary>
    public interface IConsolePort
    {
        /// <summary>Writes text as it is (the caller adds "\r\n").</summary>
        void Write(string text);

        /// <summary>Copies up to count waiting input bytes into buffer; 0 when none wait. Never blocks.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>False once the input side is closed for good (headless run).</summary>
        bool InputOpen { get; }
    }
}
