using System.Buffers.Binary;
using System.Text;

namespace Alpha2.Solana;

/// <summary>Reads Anchor (Borsh) instruction arguments; every read answers null rather than overrun hostile data.</summary>
internal sealed class BorshReader(byte[] data, int offset)
{
    private const int MaxStringBytes = 1024;

    private int _offset = offset;

    /// <summary>A u32 little-endian length, then that many UTF-8 bytes.</summary>
    public string? String()
    {
        if (_offset + 4 > data.Length)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(_offset, 4));
        if (length > MaxStringBytes || _offset + 4 + (int)length > data.Length)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(data, _offset + 4, (int)length);
        _offset += 4 + (int)length;
        return text;
    }

    public string? PublicKey()
    {
        if (_offset + 32 > data.Length)
        {
            return null;
        }

        var key = Base58.Encode(data.AsSpan(_offset, 32));
        _offset += 32;
        return key;
    }

    /// <summary>A little-endian u64, or null past the end.</summary>
    public ulong? U64()
    {
        if (_offset + 8 > data.Length)
        {
            return null;
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(_offset, 8));
        _offset += 8;
        return value;
    }

    /// <summary>A Borsh bool (one byte), or null past the end.</summary>
    public bool? Bool() => _offset < data.Length ? data[_offset++] != 0 : null;
}
