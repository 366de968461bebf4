using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Sim.Gpu.Cuda;

/// <summary>
/// Where the time of one decode step goes between and inside its kernels (VHKSIM_OPT_TIMELINE=1, with the step
/// profile): the kernels, built with TIMELINE=1, record for every GEMV warp and attention block when it started, when
/// its wait for the previous kernel returned, when its input was ready and when it left (%globaltimer). One graph
/// replay is recorded; the report says, per part of a layer and averaged over the layers, how long after the previous
/// kernel's last warp left the first wait returned, how long staging took, how far the last warp trails the median
/// one, and the part's share of the step. Diagnostics only: the records cost an atomic and a store per warp.
/// </summary>
internal sealed class DecodeTimeline
{
    public const string EnvVar = "VHKSIM_OPT_TIMELINE";

    /// <summary>A file to write the recorded warps to as CSV (with the timeline on), for analyses the report does not make.</summary>
    public const string RecordsEnvVar = "VHKSIM_OPT_TIMELINE_RECORDS";

    /// <summary>The kernels' TimelineRecord (llama.cu): 88 bytes, <see cref="Marks"/> times.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public unsafe struct Record
    {
        public ulong Key;
        public uint Block, Warp, Sm, Units;
        public fixed ulong T[Marks];

        /// <summary>A record of launch <paramref name="key"/> with the given marks (tests, analyses).</summary>
        public static Record Of(ulong key, params ReadOnlySpan<ulong> marks)
        {
            var r = new Record { Key = key };
            for (var k = 0; k < Marks && k < marks.Length; k++) r.T[k] = marks[k];
            return r;
        }
    }

    /// <summary>TIMELINE_MARKS: the points each record carries.</summary>
    public const int Marks = 8;

    /// <summary>What happens between mark k-1 and mark k (k = 1..7), for a GEMV warp and an attention block.</summary>
    public static readonly string[] GemvSteps = ["to wait", "x load", "norm stats", "stage", "first batch", "loop", "tail work"];
    public static readonly string[] AttentionSteps = ["issue loads", "to wait", "q rotate", "softmax", "values", "combine", "exit"];

    /// <summary>One launch of the step, in launch order: its part's name, its layer, the key its records carry
    /// (the address of its weights or of its layer's key cache) and the weight bytes it reads.</summary>
    public sealed record Launch(string Part, int Layer, ulong Key, long Bytes);

    private readonly CudaEngine _gpu;
    private readonly ulong _records, _count;
    private readonly int _capacity;

    public static bool Requested => On(Environment.GetEnvironmentVariable);

    private static bool On(Func<string, string?> variable) => variable(EnvVar)?.Trim() is "1" or "on";

    /// <summary>
    /// The file VHKSIM_OPT_TIMELINE_RECORDS names (null: none), checked before any GPU work: it needs the timeline on
    /// and a folder that exists.
    /// </summary>
    public static string? RecordsFile(Func<string, string?> variable)
    {
        var path = variable(RecordsEnvVar)?.Trim();
        if (string.IsNullOrEmpty(path)) return null;
        if (!On(variable))
            throw new Sim.Core.Errors.InputException($"{RecordsEnvVar} needs the timeline on ({EnvVar}=1, with VHKSIM_OPT_PROFILE=1)");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
            throw new Sim.Core.Errors.InputException($"{RecordsEnvVar}: the folder of '{path}' does not exist");
        return path;
    }

    public DecodeTimeline(CudaEngine gpu, LlamaKernels kernels, int capacity)
    {
        _gpu = gpu;
        _capacity = capacity;
        _records = gpu.Alloc((long)capacity * Marshal.SizeOf<Record>());
        _gpu.Upload<ulong>(kernels.Global("timeline_records").Address, [_records]);
        _gpu.Upload<uint>(kernels.Global("timeline_capacity").Address, [(uint)capacity]);
        _count = kernels.Global("timeline_count").Address;
    }

    /// <summary>The records of what <paramref name="replay"/> launches (the count zeroed before it).</summary>
    public Record[] Capture(Action replay)
    {
        _gpu.Upload<uint>(_count, [0u]);
        replay();
        _gpu.Synchronize();
        var count = new uint[1];
        _gpu.Download<uint>(count, _count);
        var records = new Record[Math.Min((int)count[0], _capacity)];
        _gpu.Download<Record>(records, _records);
        return records;
    }

    /// <summary>The report (see the class); lines start with "opt timeline".</summary>
    public static string Report(IReadOnlyList<Record> records, IReadOnlyList<Launch> launches)
    {
        var byKey = records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.ToArray());
        var found = launches.Where(l => byKey.ContainsKey(l.Key)).ToList();
        if (found.Count == 0) return "opt timeline: no records (kernels built without TIMELINE?)";
        var origin = byKey[found[0].Key].Min(r => At(r, 0));
        var rows = new List<(string Part, double[] Values)>();
        double? previousEnd = null;
        foreach (var l in found)
        {
            var rs = byKey[l.Key];
            var waitedMark = l.Part == "attention" ? 2 : 1;
            double[] Sorted(Func<Record, double> f) => rs.Select(f).Order().ToArray();
            double Rel(Record r, int k) => (double)(At(r, k) - origin);
            var ends = Sorted(r => Rel(r, Marks - 1));
            if (previousEnd is { } pe)
            {
                var starts = Sorted(r => Rel(r, 0) - pe);
                var waited = Sorted(r => Rel(r, waitedMark) - pe);
                var values = new List<double>
                {
                    ends[^1] - pe,                                          // share
                    starts[0], Percentile(starts, 0.5), Percentile(starts, 0.9), starts[^1],
                    waited[0], Percentile(waited, 0.5), Percentile(waited, 0.9), waited[^1],
                    Percentile(ends, 0.5) - pe, ends[^1] - pe,
                    starts.Count(t => t < 0) / (double)starts.Length,
                };
                for (var k = 1; k < Marks; k++)
                    values.Add(Percentile(Sorted(r => (double)(At(r, k) - At(r, k - 1))), 0.5));
                rows.Add((l.Part, values.ToArray()));
            }
            previousEnd = ends[^1];
        }
        var tick = records.SelectMany(r => Enumerable.Range(1, Marks - 1).Select(k => At(r, k) - At(r, k - 1)))
                          .Where(d => d > 0 && d < 1_000_000).DefaultIfEmpty(0UL).Min();
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(string.Create(inv,
            $"opt timeline: {records.Count} records of one graph replay, {found.Count} launches, first to last {previousEnd!.Value / 1000:0} µs, " +
            $"smallest step between marks {tick} ns; per part, means over the layers, in µs from the previous kernel's last warp out " +
            $"(min/median/p90/max over the warps, attention: blocks); steps: median time between marks"));
        foreach (var g in rows.GroupBy(r => r.Part))
        {
            var launch = found.First(l => l.Part == g.Key);
            double Mean(int i) => g.Average(r => r.Values[i]) / 1000;
            var share = Mean(0);
            var rate = launch.Bytes > 0 ? string.Create(inv, $" ({launch.Bytes / (share * 1e-6) / 1e12:0.00} TB/s)") : "";
            var names = g.Key == "attention" ? AttentionSteps : GemvSteps;
            var steps = string.Join(", ", names.Select((n, k) => string.Create(inv, $"{n} {Mean(12 + k):0.00}")));
            sb.Append(string.Create(inv,
                $"\nopt timeline {g.Key} ×{g.Count()}: share {share:0.00}{rate}; start {Mean(1):0.00}/{Mean(2):0.00}/{Mean(3):0.00}/{Mean(4):0.00}, " +
                $"wait returned {Mean(5):0.00}/{Mean(6):0.00}/{Mean(7):0.00}/{Mean(8):0.00}, end median {Mean(9):0.00}, last {Mean(10):0.00}; " +
                $"{100 * g.Average(r => r.Values[11]):0} % started before; steps: {steps}"));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The records as CSV, one row per GEMV warp or attention block in launch order: the launch's index, part and layer,
    /// block, warp, SM, units done, and the marks in ns from the first launch's first start. Records of no listed launch
    /// are left out.
    /// </summary>
    public static string Csv(IReadOnlyList<Record> records, IReadOnlyList<Launch> launches)
    {
        var index = new Dictionary<ulong, int>();
        for (var i = 0; i < launches.Count; i++) index.TryAdd(launches[i].Key, i);
        var listed = records.Where(r => index.ContainsKey(r.Key)).ToList();
        var sb = new StringBuilder("launch,part,layer,block,warp,sm,units");
        for (var k = 0; k < Marks; k++) sb.Append(",t").Append(k);
        sb.Append('\n');
        if (listed.Count == 0) return sb.ToString();
        var origin = listed.Min(r => At(r, 0));
        var inv = CultureInfo.InvariantCulture;
        foreach (var r in listed.OrderBy(r => index[r.Key]).ThenBy(r => r.Block).ThenBy(r => r.Warp))
        {
            var l = launches[index[r.Key]];
            sb.Append(string.Create(inv, $"{index[r.Key]},{l.Part},{l.Layer},{r.Block},{r.Warp},{r.Sm},{r.Units}"));
            for (var k = 0; k < Marks; k++) sb.Append(',').Append(((long)(At(r, k) - origin)).ToString(inv));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static unsafe ulong At(in Record r, int k)
    {
        fixed (ulong* t = r.T) return t[k];
    }

    /// <summary>The p-quantile of sorted values (nearest rank below).</summary>
    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Floor(p * (sorted.Length - 1))];
}
