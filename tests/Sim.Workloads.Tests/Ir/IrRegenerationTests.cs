using System.Collections.Concurrent;
using System.Text;
using Sim.Tests.Shared;
using Sim.Workloads.Ir;

namespace Sim.Workloads.Tests.Ir;

/// <summary>The generator + writer reproduce the artifact's 144 IR files byte for byte (spec §1.7).</summary>
public class IrRegenerationTests
{
    [SkippableFact]
    public void All_reference_files_are_regenerated_byte_for_byte_from_the_7b_description()
    {
        ReferenceData.SkipIfAbsent();
        var generator = new IrGenerator(IrTestData.Model7b);
        var jobs = new[] { Stage.Prefill, Stage.Decode }
            .SelectMany(s => IrGenerator.Buckets(s, IrTestData.Model7b.MaxPositionEmbeddings).Select(l => (Stage: s, Tokens: l)))
            .ToList();
        var failures = new ConcurrentBag<string>();
        Parallel.ForEach(jobs, job =>
        {
            var name = generator.FileName(job.Stage, job.Tokens);
            var path = Path.Combine(ReferenceData.IrDir, name);
            if (!File.Exists(path)) { failures.Add($"{name}: no such reference file"); return; }
            var expected = File.ReadAllBytes(path);
            var actual = Encoding.UTF8.GetBytes(IrWriter.ToYaml(generator.Generate(job.Stage, job.Tokens)));
            if (!expected.AsSpan().SequenceEqual(actual))
                failures.Add($"{name}: {IrTestData.FirstDifference(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual))}");
        });
        var sorted = failures.Order(StringComparer.Ordinal).ToList();
        Assert.True(sorted.Count == 0, $"{sorted.Count} of {jobs.Count} files differ; first: {sorted.FirstOrDefault()}");

        // Every reference file is one of the buckets.
        var referenceNames = Directory.GetFiles(ReferenceData.IrDir, "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(referenceNames, jobs.Select(j => generator.FileName(j.Stage, j.Tokens)).Order(StringComparer.Ordinal));
    }
}
