namespace Sim.Core.Events;

/// <summary>Something the engine resumes when an event is processed (a process, a condition, a callback).</summary>
internal interface IEventListener
{
    void OnEvent(Event ev);
}
