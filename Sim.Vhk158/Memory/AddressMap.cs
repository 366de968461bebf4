namespace Sim.Vhk158.Memory;

/// <summary>
/// Where addresses live: channel i holds bytes [i·ChannelBytes, (i+1)·ChannelBytes), the
/// U280's and the Versal HBM's default (non-interleaved) global address map.
/// </summary>
public sealed record AddressMap(int Channels, long ChannelBytes)
{
    public long CapacityBytes => Channels * ChannelBytes;

    /// <summary>The channel that holds all of <paramref name="bytes"/> from <paramref name="address"/> on, or null when they span several (or fall outside).</summary>
    public int? ChannelOf(long address, long bytes)
    {
        if (bytes <= 0 || address < 0 || address > CapacityBytes - bytes) return null;
        long first = address / ChannelBytes;
        return first == (address + bytes - 1) / ChannelBytes ? (int)first : null;
    }

    /// <summary>The channel portions of <paramref name="bytes"/> from <paramref name="address"/> on, in address order.</summary>
    public ChannelPortion[] Split(long address, long bytes)
    {
        if (bytes <= 0) throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "a transfer moves at least one byte");
        if (address < 0 || address > CapacityBytes - bytes)
            throw new ArgumentOutOfRangeException(nameof(address), address, $"[{address}, {address}+{bytes}) is outside the memory's {CapacityBytes} bytes");
        int first = (int)(address / ChannelBytes), last = (int)((address + bytes - 1) / ChannelBytes);
        var portions = new ChannelPortion[last - first + 1];
        for (int c = first; c <= last; c++)
        {
            long from = Math.Max(address, c * ChannelBytes), to = Math.Min(address + bytes, (c + 1) * ChannelBytes);
            portions[c - first] = new ChannelPortion(c, to - from);
        }
        return portions;
    }
}
