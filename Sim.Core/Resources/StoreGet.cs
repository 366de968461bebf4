namespace Sim.Core.Resources;

/// <summary>A get from a <see cref="Store{T}"/>: happens with the item taken.</summary>
public sealed class StoreGet<T> : ResourceEvent
{
    private T _item = default!;

    internal StoreGet(Store<T> store) : base(store.Simulation)
    {
        Store = store;
    }

    internal Store<T> Store { get; }

    /// <summary>The item taken; throws before the get has happened.</summary>
    public T Item => IsTriggered ? _item : throw new InvalidOperationException("The store get has not happened yet.");

    private protected override object? GetValue() => _item;

    internal void Rearm(Store<T> store)
    {
        if (store != Store) throw new ArgumentException("The get to reuse belongs to another store.", "reuse");
        Rearm();
        _item = default!;
        IssuedAt = Simulation.Now;
    }

    internal void Complete(T item, bool immediately)
    {
        _item = item;
        if (immediately) SucceedImmediately();
        else Trigger(null, null);
    }
}
