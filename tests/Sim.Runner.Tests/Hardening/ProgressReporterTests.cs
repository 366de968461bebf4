using Sim.Runner.Infrastructure;

namespace Sim.Runner.Tests.Hardening;

/// <summary>Progress off a terminal inside one long item (issue 14): a few plain lines, none for short work. The clock is the test's.</summary>
public class ProgressReporterTests
{
    [Fact]
    public void A_long_item_prints_a_line_at_25_50_and_75_percent_then_done()
    {
        double now = 0;
        var output = new StringWriter();
        var reporter = ProgressReporter.Plain(1, output, () => now);
        for (int step = 0; step <= 100; step++)
        {
            now = step * 0.2; // 20 s in all
            reporter.Within("prefill 2048", step / 100.0);
        }
        reporter.Done("prefill 2048", cached: false);
        Assert.Equal(
        [
            "[0/1] prefill 2048: 25 % (5.0 s)",
            "[0/1] prefill 2048: 50 % (10.0 s)",
            "[0/1] prefill 2048: 75 % (15.0 s)",
            "[1/1] prefill 2048 done (20.0 s)",
        ], output.ToString().TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Work_within_two_seconds_prints_nothing()
    {
        double now = 0;
        var output = new StringWriter();
        var reporter = ProgressReporter.Plain(1, output, () => now);
        for (int step = 0; step <= 100; step++)
        {
            now = step * 0.015;
            reporter.Within("decode 512", step / 100.0);
        }
        reporter.Done("decode 512", cached: false);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void Quarters_passed_before_two_seconds_are_not_printed_late()
    {
        double now = 0;
        var output = new StringWriter();
        var reporter = ProgressReporter.Plain(2, output, () => now);
        reporter.Within("prefill 1024", 0.3);  // 25 % at 0 s: too early to print
        now = 2.5;
        reporter.Within("prefill 1024", 0.4);  // no new quarter
        reporter.Within("prefill 1024", 0.55); // 50 %
        Assert.Equal("[0/2] prefill 1024: 50 % (2.5 s)\n", output.ToString().Replace("\r\n", "\n"));
    }
}
