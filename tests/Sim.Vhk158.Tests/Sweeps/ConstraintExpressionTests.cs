using Sim.Core.Errors;
using Sim.Vhk158.Sweeps.Specs;

namespace Sim.Vhk158.Tests.Sweeps;

/// <summary>The constraint language: keys, numbers, + - * /, comparisons, and/or; nothing else.</summary>
public sealed class ConstraintExpressionTests
{
    private static readonly Dictionary<string, double> Values = new() { ["A"] = 512, ["B"] = 64, ["MACHINE.ref.x"] = 2 };
    private static bool Holds(string text) => ConstraintExpression.Parse(text).Holds(k => Values.TryGetValue(k, out var v) ? v : null);

    [Theory]
    [InlineData("A >= B", true)]
    [InlineData("A < B", false)]
    [InlineData("A == B * 8", true)]
    [InlineData("A != 8 * B", false)]
    [InlineData("B + 2 * 3 == 70", true)] // precedence: * before +
    [InlineData("(B + 2) * 3 == 198", true)]
    [InlineData("A / B - 1 <= 7", true)]
    [InlineData("-B < 0", true)]
    [InlineData("A > 1 and B > 100", false)]
    [InlineData("A > 1000 or B > 1", true)]
    [InlineData("MACHINE.ref.x * 1.5e2 == 300", true)]
    public void Expressions_evaluate_over_config_keys(string text, bool expected) => Assert.Equal(expected, Holds(text));

    [Fact]
    public void It_lists_the_keys_it_reads() =>
        Assert.Equal(["A", "B"], ConstraintExpression.Parse("A * 2 >= B + A").Keys);

    [Theory]
    [InlineData("A >= ", "unexpected end")]
    [InlineData("A >> B", "unexpected '>'")]
    [InlineData("A + B", "compares nothing")]
    [InlineData("A >= B)", "unexpected ')'")]
    [InlineData("System.IO.File.Delete(\"x\") == 1", "unexpected '(")]
    public void Malformed_expressions_are_input_errors(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => ConstraintExpression.Parse(text));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Unknown_keys_and_division_by_zero_are_input_errors_when_evaluated()
    {
        Assert.Contains("C is not a config key", Assert.Throws<InputException>(() => Holds("C > 1")).Message);
        Assert.Contains("divides by zero", Assert.Throws<InputException>(() => Holds("A / (B - 64) > 1")).Message);
    }
}
