using Sim.Vhk158.Compiler;
using Sim.Vhk158.Isa;
using Sim.Workloads.Ir;

namespace Sim.Vhk158.Tests.Compiler;

public class CompiledGroupCacheTests
{
    /// <summary>
    /// Groups taken from the cache (other layers of the bucket, other decode buckets) must be
    /// exactly what compiling the group alone gives, module queue by module queue.
    /// </summary>
    [Theory]
    [InlineData(Stage.Decode, 128)]
    [InlineData(Stage.Decode, 512)]
    [InlineData(Stage.Prefill, 64)]
    public void Shared_groups_equal_the_groups_compiled_alone(Stage stage, int tokens)
    {
        var config = TestWorkloads.Config();
        var cache = new CompiledGroupCache();
        // Another bucket first, so that this one finds groups compiled for it.
        foreach (var g in new ProgramCompiler(config, TestWorkloads.SyntheticMasks, "other", cache).Compile(TestWorkloads.Program(Stage.Decode, 64))) { }
        var shared = new ProgramCompiler(config, TestWorkloads.SyntheticMasks, "shared", cache).Compile(TestWorkloads.Program(stage, tokens)).ToList();
        var alone = TestWorkloads.Compile(config, stage, tokens);

        Assert.True(cache.Hits > 0, "the cache shared nothing");
        Assert.Contains(shared, g => g.Instructions.IsShared);
        Assert.Equal(alone.Count, shared.Count);
        for (int i = 0; i < alone.Count; i++)
            for (int m = 0; m < ModuleSet.Count; m++)
                Assert.True(alone[i].Instructions.Queue((Module)m).SequenceEqual(shared[i].Instructions.Queue((Module)m)),
                    $"group {i} ({alone[i].Group.Layer.Name}), {(Module)m} queue differs");
    }

    [Fact]
    public void A_shared_list_cannot_change_nor_go_back_to_a_pool()
    {
        var config = TestWorkloads.Config();
        var cache = new CompiledGroupCache();
        var group = new ProgramCompiler(config, null, "x", cache).Compile(TestWorkloads.Program(Stage.Decode, 32)).First(g => g.Instructions.IsShared);
        Assert.Throws<InvalidOperationException>(() => group.Instructions.Add(Instruction.Sys()));
        int before = group.Instructions.Count;
        group.Instructions.Recycle();
        Assert.Equal(before, group.Instructions.Count);
    }
}
