namespace Sim.Vhk158.Observation;

/// <summary>
/// A resource of a machine (a channel, an engine, a token FIFO) that a monitor watched; its
/// figures are read with <see cref="Report"/> once the run is over.
/// </summary>
public sealed record WatchedResource(string Name, string Kind, Func<ResourceReport> Report);
