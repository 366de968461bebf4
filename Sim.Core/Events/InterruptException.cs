namespace Sim.Core.Events;

/// <summary>
/// What an interrupted process is resumed with (SimPy's <c>Interrupt</c>); it carries the
/// <see cref="Cause"/> given to <see cref="Process.Interrupt"/>. A process that does not take it
/// with <see cref="Process.HandleInterrupt"/> in that step fails with it.
/// </summary>
public sealed class InterruptException : Exception
{
    /// <summary>An interrupt with <paramref name="cause"/>.</summary>
    public InterruptException(object? cause) : base(cause is null ? "The process was interrupted." : $"The process was interrupted: {cause}")
    {
        Cause = cause;
    }

    /// <summary>Why the process was interrupted (e.g. a <c>Resources.Preempted</c>); may be null.</summary>
    public object? Cause { get; }
}
