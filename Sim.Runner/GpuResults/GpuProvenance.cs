namespace Sim.Runner.GpuResults;

/// <summary>Where a GPU number came from: the file (or live run), the device, backend, date and measurement protocol.</summary>
public sealed record GpuProvenance(string Origin, string Device, string Backend, string Date, string Protocol)
{
    public override string ToString()
    {
        var details = new[] { Device, $"backend {Backend}", Date, Protocol.Length > 0 ? $"protocol {Protocol}" : "" }.Where(s => s.Length > 0);
        return $"{Origin} ({string.Join(", ", details)})";
    }
}
