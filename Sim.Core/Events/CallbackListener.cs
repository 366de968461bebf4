namespace Sim.Core.Events;

/// <summary>Adapts a user callback to the engine's listener interface; a callback counts as handling a failure.</summary>
internal sealed class CallbackListener(Action<Event> callback) : IEventListener
{
    public void OnEvent(Event ev)
    {
        ev.MarkHandled();
        callback(ev);
    }
}
