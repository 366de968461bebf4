namespace Sim.Core.Events;

/// <summary>Where an event is in its life.</summary>
public enum EventState : byte
{
    /// <summary>Not happened yet; nothing scheduled (or waiting in a resource's queue).</summary>
    Pending,

    /// <summary>Scheduled for a future time (a timeout); not happened yet.</summary>
    Scheduled,

    /// <summary>Happened (value or failure set) at the current time; its callbacks are queued.</summary>
    Triggered,

    /// <summary>Happened and its callbacks have run.</summary>
    Processed,
}
