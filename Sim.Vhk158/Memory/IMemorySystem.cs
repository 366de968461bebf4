using Sim.Core.Events;
using Sim.Vhk158.Observation;

namespace Sim.Vhk158.Memory;

/// <summary>
/// A memory (HBM behind its interconnect, or DDR) built on a simulation: its channels are
/// resources that masters contend for. Transfers are priced analytically per channel (size,
/// pattern, outstanding requests), not per burst, so whole-model runs stay fast.
/// </summary>
public interface IMemorySystem
{
    /// <summary>The implementation's name, as the config selects it.</summary>
    string Name { get; }

    /// <summary>Bytes it holds; addresses run from 0 to this.</summary>
    long CapacityBytes { get; }

    /// <summary>Its channels (and ports), for reports: utilization, queue length.</summary>
    IReadOnlyList<UnitInfo> Units { get; }

    /// <summary>Starts a transfer at the current simulated time; the event fires when its last byte has moved.</summary>
    Event Transfer(in MemoryRequest request);

    /// <summary>
    /// Books a transfer now without an event, when its whole price is known at issue (it lies
    /// within one channel, or it is random); <paramref name="delayMs"/> is how long from now until
    /// its last byte has moved, exactly what <see cref="Transfer"/>'s event would wait. False for
    /// a sequential transfer over several channels, which books each channel when the one before
    /// ends (use <see cref="Transfer"/>). Lets a master that issues many transfers at once wait
    /// for them with one event.
    /// </summary>
    bool TryBook(in MemoryRequest request, out double delayMs);

    /// <summary>
    /// Prices a transfer that lies within one channel without booking it; null when it spans
    /// several. The quote depends only on the request's shape (master, channel, bytes, direction,
    /// pattern, request size), so a master that repeats a transfer may keep it and book it again.
    /// </summary>
    TransferQuote? Quote(in MemoryRequest request);

    /// <summary>Books a quoted transfer now (as <see cref="TryBook"/> would); returns how long until its last byte has moved (ms).</summary>
    double Book(in TransferQuote quote);

    /// <summary>Hands a monitor of every channel to the observer (only called when it watches resources).</summary>
    void Watch(IRunObserver observer);
}
