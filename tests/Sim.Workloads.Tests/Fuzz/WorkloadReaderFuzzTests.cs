using System.Text;
using Sim.Tests.Fuzz;
using Sim.Tests.Shared;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks.Npy;
using Sim.Workloads.Models;
using Sim.Workloads.Tests.Ir;
using Xunit.Abstractions;

namespace Sim.Workloads.Tests.Fuzz;

/// <summary>
/// Whatever the bytes, the IR, model description and .npy readers return a value or throw an
/// input error, never another exception (issue 14). Inputs are valid files with random edits.
/// </summary>
public class WorkloadReaderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void IrReaderGivesAProgramOrAnInputError()
    {
        var seed = Encoding.UTF8.GetBytes(IrWriter.ToYaml(IrTestData.TinyProgram(Stage.Decode, 16)));
        Mutations.ValueOrInputError(Mutations.Of(seed), bytes => IrReader.Read(Encoding.UTF8.GetString(bytes), "fuzz.yaml"),
            300, output, "IR reader");
    }

    [Fact]
    public void ModelDescriptionLoaderGivesAModelOrAnInputError()
    {
        var seed = File.ReadAllBytes(Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));
        Mutations.ValueOrInputError(Mutations.Of(seed), bytes => Sim.Workloads.Models.ModelDescriptionLoader.Parse(Encoding.UTF8.GetString(bytes), "fuzz.yaml"),
            2000, output, "model description loader");
    }

    [Fact]
    public void NpyReaderGivesAnArrayOrAnInputError()
    {
        var seed = NpyWriter.Encode(Enumerable.Range(0, 24).Select(i => i % 3 == 0).ToArray(), [2, 3, 4]);
        Mutations.ValueOrInputError(Mutations.Of(seed), bytes => Sim.Workloads.Masks.Npy.NpyReader.Parse(bytes, "fuzz.npy"),
            4000, output, ".npy reader");
    }
}
