using BenchmarkDotNet.Attributes;

namespace Sim.Benchmarks;

/// <summary>
/// BenchmarkDotNet runs of the engine workloads. OperationsPerInvoke is the number of events, so
/// the reported time per operation is the time per event (events/s = 1e9 / ns per op).
/// </summary>
[MemoryDiagnoser]
public class DesBenchmarks
{
    private const int Events = 1_000_000;
    private const int PipelineTokens = 50_000; // 2 + 3 * 6 = 20 events per token

    /// <summary>Timeout-heavy: ten processes waiting on new timeout objects.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Timeouts() => DesWorkloads.Timeouts(Events, recycled: false);

    /// <summary>Timeout-heavy: ten processes waiting on recycled timeouts (Simulation.Delay).</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Delays() => DesWorkloads.Timeouts(Events, recycled: true);

    /// <summary>Store-heavy: producer and consumer through a bounded store (Events/2 items).</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long ProducerConsumer() => DesWorkloads.ProducerConsumer(Events / 2);

    /// <summary>Mixed: a six-stage token pipeline (gets, timeouts, puts).</summary>
    [Benchmark(OperationsPerInvoke = PipelineTokens * 20)]
    public long Pipeline() => DesWorkloads.Pipeline(PipelineTokens);

    /// <summary>Resource-heavy: eight processes sharing a two-unit resource (Events/2 uses).</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long SharedResource() => DesWorkloads.SharedResource(Events / 2);
}
