namespace NanoIP.VirtualBoard.Enc28j60;

/// <summary>
/// The SPI instruction decoder (DS39662 section 4.2, Table 4-1). One call = one CS-low transaction;
/// byte 0 is a 3-bit opcode and a 5-bit argument. MISO is high-impedance (read as 0x00) while the
/// opcode shifts in.
/// </summary>
public sealed partial class Enc28j60Model
{
    private const int OpRcr = 0, OpRbmOrUndefined = 1, OpWcr = 2, OpWbmOrUndefined = 3, OpBfs = 4, OpBfc = 5, OpSrc = 7;
    private const int BufferArgument = 0x1A;

    private byte[] _scratch = new byte[64];

    public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        if (writeBuffer.Length != readBuffer.Length)
        {
            throw new ArgumentException("writeBuffer and readBuffer must have the same length.");
        }

        Transaction(writeBuffer, readBuffer, writeBuffer.Length);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Transaction(buffer, Span<byte>.Empty, buffer.Length);

    /// <summary>Clocks buffer.Length bytes with MOSI low (0x00 is RCR of address 0 in the current bank).</summary>
    public override void Read(Span<byte> buffer) => Transaction(ReadOnlySpan<byte>.Empty, buffer, buffer.Length);

    public override void WriteByte(byte value)
    {
        Span<byte> one = stackalloc byte[1];
        one[0] = value;
        Write(one);
    }

    public override byte ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        Read(one);
        return one[0];
    }

    /// <summary>Runs SPI bytes as one transaction (used by the socket server).</summary>
    public byte[] Transfer(byte[] mosi)
    {
        ArgumentNullException.ThrowIfNull(mosi);
        var miso = new byte[mosi.Length];
        TransferFullDuplex(mosi, miso);
        return miso;
    }

    private void Transaction(ReadOnlySpan<byte> mosi, Span<byte> miso, int length)
    {
        lock (_sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _transactionDepth++;
            try
            {
                CountTransaction(length);
                ServiceLocked();
                if (_scratch.Length < length)
                {
                    _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
                }

                Span<byte> pins = _scratch.AsSpan(0, length);
                pins.Clear();
                if (length > 0)
                {
                    if (_heldInReset || _fault == ChipFault.Unresponsive)
                    {
                        pins.Fill(0xFF); // nobody drives MISO
                    }
                    else
                    {
                        Execute(mosi, pins);
                    }
                }

                ApplyMisoFault(pins);
                if (!miso.IsEmpty)
                {
                    pins.CopyTo(miso);
                }

                ChargeBusTime(length);
            }
            finally
            {
                _transactionDepth--;
            }

            ServiceLocked();
            UpdateInt();
        }
    }

    private void Execute(ReadOnlySpan<byte> mosi, Span<byte> miso)
    {
        byte first = mosi.IsEmpty ? (byte)0 : mosi[0];
        int opcode = first >> 5;
        int argument = first & 0x1F;

        // Errata 2 (and a healthy chip's oscillator start-up): right after SRC the chip ignores commands.
        bool ignoreCommands = ConsumeResetWindow();

        switch (opcode)
        {
            case OpRcr:
                ReadControlRegisterCommand(argument, miso);
                break;
            case OpRbmOrUndefined:
                if (argument == BufferArgument)
                {
                    ReadBufferMemoryCommand(miso);
                }

                break;
            case OpWcr:
                if (!ignoreCommands && miso.Length >= 2)
                {
                    WriteRegister(Bank, argument, MosiAt(mosi, 1), WriteMode.Write);
                }

                break;
            case OpWbmOrUndefined:
                if (!ignoreCommands && argument == BufferArgument)
                {
                    WriteBufferMemoryCommand(mosi, miso.Length);
                }

                break;
            case OpBfs:
            case OpBfc:
                // BFS/BFC work on ETH registers only (DS39662 4.2.5, 4.2.6); on MAC/MII registers they do nothing.
                if (!ignoreCommands && miso.Length >= 2 && !RegisterMap.Get(Bank, argument).MacMii)
                {
                    WriteRegister(Bank, argument, MosiAt(mosi, 1), opcode == OpBfs ? WriteMode.Set : WriteMode.Clear);
                }

                break;
            case OpSrc:
                if (!ignoreCommands && argument == 0x1F)
                {
                    SystemResetCommand();
                }

                break;
        }
    }

    private void ReadControlRegisterCommand(int argument, Span<byte> miso)
    {
        int bank = Bank;
        byte value = ReadRegister(bank, argument, peek: false);

        // MAC and MII registers (and MISTAT) shift out a dummy byte first (DS39662 Figure 4-4).
        int first = RegisterMap.Get(bank, argument).MacMii ? 2 : 1;
        for (int i = first; i < miso.Length; i++)
        {
            miso[i] = value;
        }
    }

    private static byte MosiAt(ReadOnlySpan<byte> mosi, int index) => mosi.IsEmpty ? (byte)0 : mosi[index];
}
