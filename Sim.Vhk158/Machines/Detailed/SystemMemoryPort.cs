using Sim.Core.Engine;
using Sim.Core.Events;
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
    }

    /// <summary>Counts the bytes every transfer moves into <paramref name="counters"/>.</summary>
    public void Count(ActivityCounters? counters) => _counters = counters;

    public bool IsAnalytic => false;

    /// <summary>The memory's channels, to be listed as units of the machine.</summary>
    public IReadOnlyList<UnitInfo> Units => _memory.Units;

    /// <summary>Reports each channel's share of every transfer to <paramref name="observer"/> as unit <paramref name="firstUnit"/> + channel.</summary>
    public void Report(IRunObserver observer, int firstUnit)
    {
        _observer = observer;
        _firstUnit = firstUnit;
    }

    public double Price(in Instruction i, double share) => throw new InvalidOperationException("a contended port starts transfers; it does not price them");

    public Event Start(in Instruction i, int core, double share, int group)
    {
        // Zero fill happens on chip: no memory traffic, the reference's price.
        if (i.ZeroFill) return _sim.Timeout(_onChip.Price(i, share));
        // Weight loads move what the compressed model stores (WeightFormat); others their length.
        long bytes = Math.Max(1, (long)Math.Round(_weights.Bytes(i, share)));
        _counters?.Add(i.Module == Module.ST ? ActivityCounters.Counter.HbmWriteBytes : ActivityCounters.Counter.HbmReadBytes, bytes);
        if (i.Module == Module.LD && i.Operand == Operand.Weight) _counters?.Add(ActivityCounters.Counter.HbmWeightBytes, bytes);
        // A transfer smaller than its channel count (a core's share of a short store) uses fewer channels.
        int channels = (int)Math.Clamp(bytes, 1, Math.Max(1, i.Channels));
        int first = FirstLogicalChannel(i);
        long perChannel = Math.Max(1, bytes / channels);
        var transfers = new Event[channels];
        for (int j = 0; j < channels; j++)
        {
            int pc = ((first + j) * _stride + core) % _channels;
            long chunk = j == channels - 1 ? bytes - perChannel * (channels - 1) : perChannel;
            // The decoder expands one LD/ST into one hardware LD/ST per channel, each on the AXI port of its PC.
            int master = pc + (i.Module == Module.LD ? 0 : _channels);
            var request = new MemoryRequest(master, pc * _channelBytes, Math.Min(chunk, _channelBytes), i.Module == Module.ST,
                i.Cross ? AccessPattern.Random : AccessPattern.Sequential, _requestBytes);
            transfers[j] = _memory.Transfer(request);
            if (_observer is { } observer)
            {
                // Each channel's row shows the span its portion took, from issue to last byte.
                var (ins, issued, channel) = (i, _sim.Now, pc);
                transfers[j].AddCallback(_ =>
                {
                    double start = Math.Max(issued, _observedUntil[channel]);
                    _observedUntil[channel] = _sim.Now;
                    observer.Executed(_firstUnit + channel, ins, start, _sim.Now - start, group);
                });
            }
        }
        var done = channels == 1 ? transfers[0] : _sim.AllOf(transfers);
        if (_pathLatencyMs <= 0) return done;
        // The data reaches the core's buffers a path latency after the memory delivered it.
        var arrived = _sim.Event();
        done.AddCallback(_ => _sim.Timeout(_pathLatencyMs).AddCallback(_ => arrived.Succeed()));
        return arrived;
    }

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
