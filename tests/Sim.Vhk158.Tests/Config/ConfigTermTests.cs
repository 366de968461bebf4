using Sim.Vhk158.Config;

namespace Sim.Vhk158.Tests.Config;

public class ConfigTermTests
{
    [Theory]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-7, 2, -4, 1)]   // Python: -7 // 2 == -4, -7 % 2 == 1
    [InlineData(7, -2, -4, -1)]  // Python: 7 // -2 == -4, 7 % -2 == -1
    [InlineData(-8, 2, -4, 0)]
    public void Division_and_remainder_follow_Python(long a, long b, long quotient, long remainder)
    {
        ConfigTerm x = a, y = b;
        Assert.Equal(quotient, (x / y).Value);
        Assert.Equal(remainder, (x % y).Value);
    }

    [Fact]
    public void Zero_divisor_gives_an_unknown_value()
    {
        ConfigTerm x = 5, zero = 0;
        Assert.Null((x / zero).Value);
        Assert.Null((x % zero).Value);
        Assert.Null(((x / zero) + 1).Value);
    }

    [Fact]
    public void Text_shows_keys_values_and_the_result()
    {
        var t = ConfigTerm.Key("A", 3) * (ConfigTerm.Key("B", 4) + 1);
        Assert.Equal("A (3) * (B (4) + 1) = 15", t.Shown);
        Assert.Equal(["A", "B"], t.Keys.ToArray());
    }
}
