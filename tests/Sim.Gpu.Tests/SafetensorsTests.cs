using System.Text.Json.Nodes;
using Sim.Core.Errors;
using Sim.Gpu.Backends;
using Sim.Gpu.Model;
using Sim.Gpu.Safetensors;
using static TorchSharp.torch;

namespace Sim.Gpu.Tests;

public class SafetensorsTests
{
    [Fact]
    public void RoundTripKeepsDtypeShapeAndBytes()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var path = tmp.File("t.safetensors");
        using var a = randn([3, 5]);
        using var b = randn([7]).to(ScalarType.Float16);
        using var c = arange(0L, 6L).view(2, 3);
        SafetensorsWriter.Write(path, [("a", a), ("b.x", b), ("c", c)]);

        using var r = new SafetensorsReader(path);
        Assert.Equal(new[] { "a", "b.x", "c" }, r.Entries.Keys.Order());
        Assert.Equal("F16", r.Entries["b.x"].DType);
        using var a2 = r.Read("a");
        using var b2 = r.Read("b.x");
        using var c2 = r.Read("c");
        Assert.True(a.eq(a2).all().item<bool>());
        Assert.True(b.eq(b2).all().item<bool>());
        Assert.Equal(new long[] { 2, 3 }, c2.shape);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, c2.data<long>().ToArray());
        // The data part starts 8-byte aligned, as the format asks.
        Assert.Equal(0, (8 + BitConverter.ToInt64(File.ReadAllBytes(path), 0)) % 8);
    }

    [Fact]
    public void TruncatedFileIsBadInput()
    {
        TinyModel.Init();
        using var tmp = new TempDir();
        var path = tmp.File("t.safetensors");
        using var a = randn([64, 64]);
        SafetensorsWriter.Write(path, [("a", a)]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<InputException>(() => new SafetensorsReader(path).Dispose());
        Assert.Contains("data_offsets", e.Message);
        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InputException>(() => new SafetensorsReader(path).Dispose());
    }

    [Fact]
    public void HuggingFaceFolderRoundTripGivesTheSameModel()
    {
        using var tmp = new TempDir();
        using var w = TinyModel.Weights();
        HuggingFaceFolder.Save(tmp.Path, w);
        var config = JsonNode.Parse(File.ReadAllText(tmp.File("config.json")))!;
        Assert.Equal("LlamaForCausalLM", config["architectures"]![0]!.GetValue<string>());
        Assert.Equal(64, config["hidden_size"]!.GetValue<int>());

        using var loaded = HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32);
        using var prompt = TinyModel.Prompt(1, 7);
        using var b1 = new TorchOptBackend(w);
        using var b2 = new TorchOptBackend(loaded);
        using var l1 = b1.Logits(prompt);
        using var l2 = b2.Logits(prompt);
        Assert.True(l1.eq(l2).all().item<bool>());
    }

    [Fact]
    public void MissingOrMisshapenTensorsAreNamed()
    {
        using var tmp = new TempDir();
        using var w = TinyModel.Weights();
        var named = w.Named().ToList();

        SafetensorsWriter.Write(tmp.File("model.safetensors"), named.Where(n => n.Name != "model.layers.1.mlp.up_proj.weight"));
        var e = Assert.Throws<InputException>(() => HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32));
        Assert.Contains("model.layers.1.mlp.up_proj.weight", e.Message);

        using var wrong = zeros(3, 3);
        SafetensorsWriter.Write(tmp.File("model.safetensors"),
            named.Select(n => n.Name == "model.norm.weight" ? (n.Name, wrong) : n));
        e = Assert.Throws<InputException>(() => HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32));
        Assert.Contains("model.norm.weight", e.Message);
        Assert.Contains("[3,3]", e.Message);
    }

    [Fact]
    public void ConfigThatDisagreesWithTheDescriptionIsBadInput()
    {
        using var tmp = new TempDir();
        using var w = TinyModel.Weights();
        HuggingFaceFolder.Save(tmp.Path, w);
        var config = JsonNode.Parse(File.ReadAllText(tmp.File("config.json")))!;
        config["num_hidden_layers"] = 5;
        File.WriteAllText(tmp.File("config.json"), config.ToJsonString());
        var e = Assert.Throws<InputException>(() => HuggingFaceFolder.Load(tmp.Path, w.Model, CPU, ScalarType.Float32));
        Assert.Contains("num_hidden_layers", e.Message);
        Assert.Contains("config.json", e.Message);
    }

    [Fact]
    public void FolderWithoutSafetensorsIsBadInput()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<InputException>(() => HuggingFaceFolder.Load(tmp.Path, TinyModel.Description(), CPU, ScalarType.Float32));
        Assert.Contains("safetensors", e.Message);
    }
}
