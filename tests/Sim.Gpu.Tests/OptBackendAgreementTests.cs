using Sim.Gpu.Model;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

/// <summary>The backends' contract on the OPT family's tiny model.</summary>
public class OptBackendAgreementTests : BackendAgreementContract
{
    protected override LlamaWeights Weights() => OptFamilyTests.Weights();

    protected override Tensor Prompt(int batch, int length) => OptFamilyTests.Prompt(batch, length);
}
