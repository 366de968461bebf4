namespace Sim.Gpu.Backends;

/// <summary>A backend that can say what it loaded and chose (libraries, kernels), for the run's log.</summary>
public interface IDescribedBackend
{
    string Details { get; }
}
