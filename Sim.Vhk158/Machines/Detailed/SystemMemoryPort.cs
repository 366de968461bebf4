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
/// the bytes the weight format stores (by default Length / BandwidthRatio: INT4 weights, sparse
/// indices); a zero-filled load moves none.
/// </summary>
internal sealed class SystemMemoryPort : IMemoryPort
{
    private readonly Simulation _sim;
    private readonly IMemorySystem _memory;
    private readonly HardwareConfig _config;
    private readonly AnalyticMemoryPort _onChip;
    private readonly int _cores, _stride, _channels, _requestBytes;
    private readonly WeightFormat _weights;
    private readonly double _pathLatencyMs;
    /// <summary>Per PC, when its observed row was last busy to (spans of in-flight transfers do not count twice).</summary>
    private readonly double[] _observedUntil;
    private ActivityCounters? _counters;
    private readonly long _channelBytes;
    private IRunObserver? _observer;
    private int _firstUnit;
    private readonly Dictionary<TransferShape, Priced> _quotes = new();
    private readonly (TransferShape Shape, Priced? Priced)[] _last;
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
        _weights = options.Weights;
        _pathLatencyMs = options.Issue.PathLatencyNs * 1e-6;
        _observedUntil = new double[_channels];
        _last = new (TransferShape, Priced?)[_cores * 2];
    }

    /// <summary>Counts the bytes every transfer moves into <paramref name="counters"/>.</summary>
    public void Count(ActivityCounters? counters) => _counters = counters;

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
        var (quotes, bytes) = QuotesFor(i, core, share);
        if (_counters is { } counters)
        {
            counters.Add(i.Module == Module.ST ? ActivityCounters.Counter.HbmWriteBytes : ActivityCounters.Counter.HbmReadBytes, bytes);
            if (i.Module == Module.LD && i.Operand == Operand.Weight) counters.Add(ActivityCounters.Counter.HbmWeightBytes, bytes);
        }
        double now = _sim.Now, longest = 0;
        foreach (ref readonly var quote in quotes.AsSpan())
        {
            // Every portion lies within its PC, so its price is known now: all are booked at once and
            // the unit waits for the longest with one event (not one per channel).
            double delay = _memory.Book(quote);
            longest = Math.Max(longest, delay);
            if (_observer is { } observer)
            {
                // Each channel's row shows the span its portion takes, from issue (or the end of the
                // span it last showed: transfers in flight overlap) to last byte.
                int pc = quote.Channel;
                double start = Math.Max(now, _observedUntil[pc]), end = now + delay;
                _observedUntil[pc] = Math.Max(_observedUntil[pc], end);
                observer.Executed(_firstUnit + pc, i, start, Math.Max(0, end - start), group);
            }
        }
        // The data reaches the core's buffers a path latency after the memory delivered it.
        return longest + _pathLatencyMs;
    }

    /// <summary>
    /// The priced per-PC portions of a load or store of core <paramref name="core"/>, and the bytes
    /// they move. A program repeats a few transfer shapes many times and a price depends only on
    /// the shape, so they are kept by shape (bounded: the memo starts over when it grows large).
    /// </summary>
    private Priced QuotesFor(in Instruction i, int core, double share)
    {
        var shape = new TransferShape(core, i.Module, i.Target, i.Operand, i.Length, i.Channels, i.Cross, i.BandwidthRatio, i.SparseRatio, share);
        // Loads and stores mostly repeat the shape just before: check that before hashing.
        ref var last = ref _last[core * 2 + (i.Module == Module.LD ? 0 : 1)];
        if (last.Priced is { } repeated && last.Shape == shape) return repeated;
        if (_quotes.TryGetValue(shape, out var known)) return (last = (shape, known)).Priced!;
        if (_quotes.Count >= MaxShapes) _quotes.Clear();
        // Weight loads move what the compressed model stores (WeightFormat); others their length.
        long bytes = Math.Max(1, (long)Math.Round(_weights.Bytes(i, share)));
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
        return (last = (shape, _quotes[shape] = new Priced(quotes, bytes))).Priced!;
    }

    /// <summary>A load or store's priced per-PC portions and the bytes they move.</summary>
    private sealed record Priced(TransferQuote[] Quotes, long Bytes);

    /// <summary>What a load or store's per-PC prices depend on.</summary>
    private readonly record struct TransferShape(int Core, Module Module, LoadTarget Target, Operand Operand, int Length, int Channels, bool Cross,
        double Ratio, double Density, double Share);

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
