using System.Reflection;
using Sim.Tests.Shared;
using Sim.Workloads.Models;

namespace Sim.Workloads.Tests.Models;

/// <summary>The cache-key text of a model changes with every setting, those added later included.</summary>
public class ModelFingerprintTests
{
    private static ModelDescription Llama() =>
        ModelDescriptionLoader.Load(Path.Combine(ReferenceData.RepoRoot, "configs", "models", "llama2-7b.yaml"));

    [Fact]
    public void Equal_descriptions_give_equal_text()
    {
        Assert.Equal(ModelFingerprint.Of(Llama()), ModelFingerprint.Of(Llama()));
    }

    [Fact]
    public void Changing_any_setting_changes_the_text()
    {
        var baseline = ModelFingerprint.Of(Llama());
        int checkedSettings = 0;
        foreach (var (owner, property) in Settings())
        {
            var model = Llama();
            object target = owner is null ? model : owner.GetValue(model)!;
            var value = property.GetValue(target);
            object? changed = value switch
            {
                int i => i + 1,
                double d => d * 2 + 1,
                string s => s + "x",
                bool b => !b,
                Enum e => Enum.GetValues(e.GetType()).Cast<object>().FirstOrDefault(v => !v.Equals(e)),
                List<string> l => l.Append("extra").ToList(),
                null when property.PropertyType == typeof(bool?) => true,   // unset (the family's default) against set
                _ => null,
            };
            Assert.True(changed is not null, $"{property.Name}: a {property.PropertyType.Name} setting this test cannot vary; teach it");
            property.SetValue(target, changed);
            Assert.NotEqual(baseline, ModelFingerprint.Of(model));
            checkedSettings++;
        }
        Assert.True(checkedSettings >= 20, $"only {checkedSettings} settings found");
    }

    // Every settable property of the description and of its nested settings objects.
    private static IEnumerable<(PropertyInfo? Owner, PropertyInfo Property)> Settings()
    {
        foreach (var p in typeof(ModelDescription).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            if (p.PropertyType.IsClass && p.PropertyType != typeof(string) && p.PropertyType != typeof(List<string>))
            {
                foreach (var inner in p.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(q => q.SetMethod is { IsPublic: true }))
                    yield return (p, inner);
            }
            else yield return (null, p);
        }
    }
}
