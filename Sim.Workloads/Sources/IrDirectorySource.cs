using System.Security.Cryptography;
using Sim.Core.Errors;
using Sim.Workloads.Ir;
using Sim.Workloads.Masks;

namespace Sim.Workloads.Sources;

/// <summary>
/// IR files and masks from a folder laid out like the artifact's <c>ir_output</c>:
/// <c>{prefix}_{stage}_token_{L}.yaml</c> plus <c>attention_mask/attention_mask_{i}.mask.npy</c>.
/// </summary>
public sealed class IrDirectorySource : IWorkloadSource
{
    private readonly string _dir;
    private readonly Lazy<MaskSet?> _masks;

    public IrDirectorySource(string dir, string prefix = "llama2", string? maskDir = null)
    {
        if (!Directory.Exists(dir)) throw new InputException($"IR folder '{dir}' does not exist");
        _dir = dir;
        Prefix = prefix;
        var masks = maskDir ?? Path.Combine(dir, "attention_mask");
        _masks = new Lazy<MaskSet?>(() => LoadMasks(masks), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Prefix { get; }
    public MaskSet? Masks => _masks.Value;

    public string Describe(Stage stage, int tokens) => Path.Combine(_dir, IrProgram.FileName(stage, tokens, Prefix));

    public IrProgram Load(Stage stage, int tokens) => IrReader.ReadFile(ExistingFile(stage, tokens));

    /// <summary>The IR file's name and the SHA-256 of its bytes.</summary>
    public string ContentKey(Stage stage, int tokens)
    {
        var path = ExistingFile(stage, tokens);
        try
        {
            using var stream = File.OpenRead(path);
            return $"IR file {Path.GetFileName(path)}\nsha256 {Convert.ToHexStringLower(SHA256.HashData(stream))}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read the IR file: {e.Message}", path, inner: e);
        }
    }

    private string ExistingFile(Stage stage, int tokens)
    {
        var path = Describe(stage, tokens);
        if (!File.Exists(path))
            throw new InputException($"IR file for {stage.ToString().ToLowerInvariant()} {tokens} not found: {path}");
        return path;
    }

    private static MaskSet? LoadMasks(string dir)
    {
        if (!Directory.Exists(dir)) return null;
        int layers = 0;
        while (File.Exists(Path.Combine(dir, MaskSet.FileName(layers)))) layers++;
        return layers == 0 ? null : MaskSet.Load(dir, layers);
    }
}
