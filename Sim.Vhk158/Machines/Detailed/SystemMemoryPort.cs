using Sim.Core.Engine;
using Sim.Vhk158.Config;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Machines.Detailed;

/// <summary>
/// Loads and stores through a contended memory system (the MEMORY section's HBM behind its
/// interconnect). A transfer over c channels is c requests, one per pseudo-channel, that run
/// together; the instruction ends when the last one does. Placement follows the config's
/// *_HBM_CHANNEL_* keys (the buffer a load fills decides its first logical channel), and each
/// core owns its own physical channels: logical channel i of core k is PC i·stride + k, as the
/// U280 demo places its three cores' weights on PCs 4i, 4i+1, 4i+2. Weight loads move
/// Length / BandwidthRatio bytes (INT4 weights, sparse indices); a zero-filled load moves none.
/// </summary>
internal sealed class SystemMemoryPort : IMemoryPort
{
    private readonly Simulation _sim;
    private readonly IMemorySystem _memory;
    private readonly HardwareConfig _config;
    private readonly AnalyticMemoryPort _onChip;
    private readonly int _cores, _stride, _channels, _requestBytes;
    private readonly long _channelBytes;
    private IRunObserver? _observer;
    private int _firstUnit;
    private readonly Dictionary<TransferShape, TransferQuote[]> _quotes = new();
    private readonly (TransferShape Shape, TransferQuote[]? Quotes)[] _last;
    private const int MaxShapes = 1 << 14;

    public SystemMemoryPort(Simulation sim, IMemorySystem memory, HardwareConfig config, DetailedOptions options)
    {
        _sim = sim;
        _memory = memory;
        _config = config;
        _onChip = new AnalyticMemoryPort(config, options.CorrectionFactor);
        _cores = options.Cores;
        _stride = options.ChannelStride > 0 ? options.ChannelStride : options.Cores;
        _channels = config.HbmChannelNum;
        _channelBytes = memory.CapacityBytes / _channels;
        _requestBytes = options.MemoryRequestBytes;
        _last = new (TransferShape, TransferQuote[]?)[_cores * 2];
    }

    /// <summary>The memory's channels, to be listed as units of the machine.</summary>
    public IReadOnlyList<UnitInfo> Units => _memory.Units;

    /// <summary>Reports each channel's share of every transfer to <paramref name="observer"/> as unit <paramref name="firstUnit"/> + channel.</summary>
    public void Report(IRunObserver observer, int firstUnit)
    {
        _observer = observer;
        _firstUnit = firstUnit;
    }

    /// <summary>The observer unit of PC <paramref name="pc"/>'s row, or null when no observer was given.</summary>
    public int? UnitOf(int pc) => _observer is null ? null : _firstUnit + pc;

    public double Start(in Instruction i, int core, double share, int group)
    {
        // Zero fill happens on chip: no memory traffic, the reference's price.
        if (i.ZeroFill) return _onChip.Price(i, share);
        var quotes = QuotesFor(i, core, share);
        double now = _sim.Now, longest = 0;
        foreach (ref readonly var quote in quotes.AsSpan())
        {
            // Every portion lies within its PC, so its price is known now: all are booked at once and
            // the unit waits for the longest with one event (not one per channel).
            double delay = _memory.Book(quote);
            longest = Math.Max(longest, delay);
            // Each channel's row shows the span its portion takes, from issue to last byte.
            _observer?.Executed(_firstUnit + quote.Channel, i, now, delay, group);
        }
        return longest;
    }

    /// <summary>
    /// The priced per-PC portions of a load or store of core <paramref name="core"/>. A program
    /// repeats a few transfer shapes many times and a price depends only on the shape, so they are
    /// kept by shape (bounded: the memo starts over when it grows large).
    /// </summary>
    private TransferQuote[] QuotesFor(in Instruction i, int core, double share)
    {
        var shape = new TransferShape(core, i.Module, i.Target, i.Length, i.Channels, i.Cross, i.BandwidthRatio, share);
        // Loads and stores mostly repeat the shape just before: check that before hashing.
        ref var last = ref _last[core * 2 + (i.Module == Module.LD ? 0 : 1)];
        if (last.Quotes is not null && last.Shape == shape) return last.Quotes;
        if (_quotes.TryGetValue(shape, out var known)) return (last = (shape, known)).Quotes!;
        if (_quotes.Count >= MaxShapes) _quotes.Clear();
        double ratio = i.Module == Module.LD ? i.BandwidthRatio : 1;
        long bytes = Math.Max(1, (long)Math.Round(i.Length * share / ratio));
        // A transfer smaller than its channel count (a core's share of a short store) uses fewer channels.
        int channels = (int)Math.Clamp(bytes, 1, Math.Max(1, i.Channels));
        int first = FirstLogicalChannel(i);
        long perChannel = Math.Max(1, bytes / channels);
        var quotes = new TransferQuote[channels];
        for (int j = 0; j < channels; j++)
        {
            int pc = ((first + j) * _stride + core) % _channels;
            long chunk = j == channels - 1 ? bytes - perChannel * (channels - 1) : perChannel;
            // The decoder expands one LD/ST into one hardware LD/ST per channel, each on the AXI port of its PC.
            int master = pc + (i.Module == Module.LD ? 0 : _channels);
            var request = new MemoryRequest(master, pc * _channelBytes, Math.Min(chunk, _channelBytes), i.Module == Module.ST,
                i.Cross ? AccessPattern.Random : AccessPattern.Sequential, _requestBytes);
            quotes[j] = _memory.Quote(request) ?? throw new InvalidOperationException($"a transfer within PC {pc} spans several channels");
        }
        return (last = (shape, _quotes[shape] = quotes)).Quotes!;
    }

    /// <summary>What a load or store's per-PC prices depend on.</summary>
    private readonly record struct TransferShape(int Core, Module Module, LoadTarget Target, int Length, int Channels, bool Cross, double Ratio, double Share);

    private int FirstLogicalChannel(in Instruction i) => i.Module == Module.ST
        ? _config.GlobalBufferHbmChannelStartId
        : i.Target switch
        {
            LoadTarget.ABuffer => _config.ABufferHbmChannelStartId,
            LoadTarget.BBuffer => _config.BBufferHbmChannelId,
            LoadTarget.GlobalBuffer => _config.GlobalBufferHbmChannelStartId,
            LoadTarget.Meta => _config.MetaBufferHbmChannelId,
            LoadTarget.Fsb => _config.FsbBufferHbmChannelId,
            _ => _config.BiasBufferHbmChannelId,
        };
}
