namespace Sim.Vhk158.Machines.Reference;

/// <summary>
/// A FIFO of token times for <see cref="ReferenceTightLoop"/>: a growable ring of doubles, the
/// end time of each releasing instruction in release order.
/// </summary>
internal sealed class EndTimeFifo
{
    private double[] _items = new double[16];
    private int _head, _count;

    public int Count => _count;

    public void Push(double time)
    {
        if (_count == _items.Length)
        {
            var bigger = new double[_items.Length * 2];
            for (int i = 0; i < _count; i++) bigger[i] = _items[(_head + i) % _items.Length];
            _items = bigger;
            _head = 0;
        }
        _items[(_head + _count++) % _items.Length] = time;
    }

    public double Pop()
    {
        double t = _items[_head];
        _head = (_head + 1) % _items.Length;
        _count--;
        return t;
    }
}
