using System.CommandLine;
using Sim.Runner.Reporting;

namespace Sim.Runner.Infrastructure;

/// <summary><c>--format table|csv|json|markdown</c>: how a verb prints its results on stdout (<see cref="ResultTable"/>).</summary>
public static class FormatOption
{
    /// <param name="what">what is printed, e.g. "the sweep's results"</param>
    public static Option<string> Create(string what, string defaultFormat = ResultTable.Table)
    {
        var option = new Option<string>("--format")
        {
            Description = $"How to print {what}: table, csv, json or markdown.",
            DefaultValueFactory = _ => defaultFormat,
        };
        option.AcceptOnlyFromAmong(ResultTable.Formats);
        return option;
    }
}
