using Sim.Core.Engine;
using Sim.Core.Events;
using Sim.Vhk158.Memory.Interconnect;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Memory;

/// <summary>
/// A memory of channels behind an interconnect, every channel a <see cref="ChannelServer"/>. A
/// transfer is split over the channels its address range maps to and priced per channel portion,
/// never per burst, so it costs one event per channel touched:
/// <list type="bullet">
/// <item>a portion of n requests (sequential requests merged into the master's bursts) adds
/// n × S to its channel's backlog (<see cref="ChannelServer"/>) and ends no sooner than the
/// backlog is served, S the device's service per request (<see cref="IChannelTiming"/>, at
/// least the request over the channel's NoC intake), plus a read/write turnaround and the
/// crossbar's dead cycle where they apply;</item>
/// <item>its own time is that of a pipeline with the master's outstanding limit O and round trip
/// L (device latency plus the path's): L + S for the first request, then max(S, L/O) for each
/// next one, and no less than the bytes over the master's rate on that path;</item>
/// <item>one request carries one AXI ID, and AXI keeps a master's reads in order per ID: a
/// sequential transfer walks its channels one after another (one event each), and a random one
/// over k channels drains its pipeline whenever a request goes to another channel than the one
/// before (a run ends with probability 1 − Σ fᵢ², fᵢ the channels' shares). Masters that should
/// read channels at once issue one transfer each.</item>
/// </list>
/// Simulated time is in ms; prices are worked out in ns.
/// </summary>
public sealed class ChannelMemory : IMemorySystem
{
    private const double MsPerNs = 1e-6;

    private readonly Simulation _sim;
    private readonly AddressMap _map;
    private readonly IChannelTiming _timing;
    private readonly MasterLimits _master;
    private readonly IInterconnect _interconnect;
    private readonly ChannelServer[] _channels;

    /// <param name="unitPrefix">names the channels' units, e.g. <c>hbm</c> gives <c>hbm.pc07</c></param>
    public ChannelMemory(Simulation sim, string name, string unitPrefix, string unitKind, AddressMap map,
        IChannelTiming timing, MasterLimits master, IInterconnect interconnect)
    {
        _sim = sim;
        Name = name;
        _map = map;
        _timing = timing;
        _master = master;
        _interconnect = interconnect;
        _channels = Enumerable.Range(0, map.Channels)
            .Select(c => new ChannelServer(new UnitInfo($"{unitPrefix}.{(unitKind == "hbm-pc" ? "pc" : "ch")}{c:D2}", unitKind, -1, null)))
            .ToArray();
        Units = _channels.Select(c => c.Unit).ToArray();
    }

    public string Name { get; }

    public long CapacityBytes => _map.CapacityBytes;

    public IReadOnlyList<UnitInfo> Units { get; }

    /// <summary>How many channels it has (channel i holds addresses from i × <see cref="ChannelBytes"/> on).</summary>
    public int ChannelCount => _map.Channels;

    public long ChannelBytes => _map.ChannelBytes;

    /// <summary>Its interconnect's name (INTERCONNECT.impl).</summary>
    public string InterconnectName => _interconnect.Name;

    public Event Transfer(in MemoryRequest request)
    {
        var portions = Portions(request);
        if (portions.Length > 1 && request.Pattern == AccessPattern.Sequential)
            return new SequentialWalk(this, request, portions).Done;
        return _sim.Timeout(BookAtOnce(request, portions));
    }

    public bool TryBook(in MemoryRequest request, out double delayMs)
    {
        if (Quote(request) is { } quote)
        {
            delayMs = Book(quote);
            return true;
        }
        var portions = Portions(request);
        if (portions.Length > 1 && request.Pattern == AccessPattern.Sequential)
        {
            delayMs = 0;
            return false;
        }
        delayMs = BookAtOnce(request, portions);
        return true;
    }

    public TransferQuote? Quote(in MemoryRequest request)
    {
        Check(request);
        if (_map.ChannelOf(request.Address, request.Bytes) is not int channel) return null;
        var price = Price(request, new ChannelPortion(channel, request.Bytes), 0, crossesChannels: false);
        return new TransferQuote(request, channel, price.OccupancyNs, Math.Max(price.PipelineNs, price.PortNs), price.Requests, price.WriteSwitch);
    }

    public double Book(in TransferQuote quote)
    {
        double now = _sim.Now;
        double served = Book(quote.Channel, quote.Request, new PortionPrice(quote.OccupancyNs, quote.OwnNs, 0, quote.Requests, quote.WriteSwitch), now);
        return Math.Max(served, now + quote.OwnNs * MsPerNs) - now;
    }

    private ChannelPortion[] Portions(in MemoryRequest request)
    {
        Check(request);
        return _map.Split(request.Address, request.Bytes);
    }

    private static void Check(in MemoryRequest request)
    {
        if (request.RequestBytes <= 0) throw new ArgumentOutOfRangeException(nameof(request), request.RequestBytes, "requests carry at least one byte");
        if (request.Master < 0) throw new ArgumentOutOfRangeException(nameof(request), request.Master, "master ids are not negative");
    }

    /// <summary>Books a transfer within one channel, or a random one over several, now; returns how long until its last byte has moved (ms).</summary>
    private double BookAtOnce(in MemoryRequest request, ChannelPortion[] portions)
    {
        double now = _sim.Now;
        if (portions.Length == 1)
        {
            var price = Price(request, portions[0], 0, crossesChannels: false);
            double served = Book(portions[0].Channel, request, price, now);
            return Math.Max(served, now + Math.Max(price.PipelineNs, price.PortNs) * MsPerNs) - now;
        }
        double total = request.Bytes, switchShare = 1;
        foreach (var p in portions) switchShare -= Square(p.Bytes / total);
        double channelEnd = now, ownNs = 0, portNs = 0;
        foreach (var portion in portions)
        {
            var price = Price(request, portion, switchShare, crossesChannels: true);
            channelEnd = Math.Max(channelEnd, Book(portion.Channel, request, price, now));
            ownNs += price.PipelineNs;
            portNs += price.PortNs;
        }
        return Math.Max(channelEnd, now + Math.Max(ownNs, portNs) * MsPerNs) - now;
    }

    public void Watch(IRunObserver observer)
    {
        foreach (var channel in _channels)
            observer.Watch(new WatchedResource(channel.Unit.Name, channel.Unit.Kind, () => channel.Report(_sim.Now)));
    }

    /// <summary>The figures of channel <paramref name="channel"/> so far.</summary>
    public ResourceReport Report(int channel) => _channels[channel].Report(_sim.Now);

    private static double Square(double x) => x * x;

    /// <summary>A portion's price in ns: channel occupancy, the master's pipeline time and its port-bound time.</summary>
    private readonly record struct PortionPrice(double OccupancyNs, double PipelineNs, double PortNs, double Requests, bool WriteSwitch);

    private PortionPrice Price(in MemoryRequest request, ChannelPortion portion, double switchShare, bool crossesChannels)
    {
        var path = _interconnect.Path(request.Master, portion.Channel, request.Write);
        int bytes = (int)Math.Min(_master.EffectiveRequestBytes(request.RequestBytes, request.Pattern), portion.Bytes);
        var cost = _timing.Request(bytes, request.Pattern, request.Write, crossesChannels);
        double n = Math.Ceiling((double)portion.Bytes / bytes);
        double service = Math.Max(cost.ServiceNs, bytes / path.ChannelIngressGbPerS);
        double latency = cost.LatencyNs + path.LatencyNs;
        double pace = Math.Max(service, latency / _master.Outstanding);
        // Runs of requests to the same channel: one per portion when it is walked alone.
        double runs = Math.Max(1, n * switchShare);
        double pipeline = runs * (latency + service) + (n - runs) * pace;
        return new PortionPrice(n * service, pipeline, portion.Bytes / path.MasterGbPerS, n, path.WriteSwitchNs > 0);
    }

    /// <summary>Books a priced portion on its channel at <paramref name="now"/>, adding turnaround and dead cycles; returns when the channel has served it (ms).</summary>
    private double Book(int channel, in MemoryRequest request, in PortionPrice price, double now)
    {
        var server = _channels[channel];
        double occupancy = price.OccupancyNs;
        if (server.LastWrite is { } lastWrite && lastWrite != request.Write)
            occupancy += _timing.TurnaroundNs(request.Write);
        if (request.Write && price.WriteSwitch && server.LastWrite == true && server.LastWriter != request.Master)
        {
            // Back to back with another writer the switch interleaves every request; after idle, once.
            var path = _interconnect.Path(request.Master, channel, true);
            occupancy += (server.BusyAt(now) ? price.Requests : 1) * path.WriteSwitchNs;
        }
        return server.Book(now, occupancy * MsPerNs, request.Master, request.Write);
    }

    /// <summary>A sequential transfer over several channels: its portions one after another, one event each (each is booked when the one before ends).</summary>
    private sealed class SequentialWalk
    {
        private readonly ChannelMemory _memory;
        private readonly MemoryRequest _request;
        private readonly ChannelPortion[] _portions;
        private int _next;

        public SequentialWalk(ChannelMemory memory, in MemoryRequest request, ChannelPortion[] portions)
        {
            _memory = memory;
            _request = request;
            _portions = portions;
            Done = memory._sim.Event();
            Step().AddCallback(Continue);
        }

        public Event Done { get; }

        private Event Step()
        {
            var sim = _memory._sim;
            double now = sim.Now;
            var portion = _portions[_next++];
            var price = _memory.Price(_request, portion, 0, crossesChannels: true);
            double served = _memory.Book(portion.Channel, _request, price, now);
            double end = Math.Max(served, now + Math.Max(price.PipelineNs, price.PortNs) * MsPerNs);
            return sim.Timeout(end - now);
        }

        private void Continue(Event _)
        {
            if (_next == _portions.Length)
            {
                Done.Succeed();
                return;
            }
            Step().AddCallback(Continue);
        }
    }
}
