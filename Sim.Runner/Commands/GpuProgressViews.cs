using System.Globalization;
using Sim.Gpu.Measurement;
using Spectre.Console;

namespace Sim.Runner.Commands;

/// <summary>Progress as plain lines (no terminal attached: logs, CI, the GPU machine).</summary>
internal sealed class PlainGpuProgress(TextWriter output) : IMeasurementProgress
{
    public void CaseStarted(string backend, MeasurementCase c, int runs) =>
        output.WriteLine($"{backend} {c}: {runs} runs");

    public void RunFinished(string phase, double ms) { }

    public void CaseFinished(CaseMeasurement m) => output.WriteLine(GpuProgressText.Summary(m));

    public void Note(string line) => output.WriteLine(line);
}

/// <summary>A live progress bar per case, for a terminal (drawn on <paramref name="console"/>: stderr, so stdout holds only results).</summary>
internal sealed class LiveGpuProgress(ProgressContext ctx, IAnsiConsole console) : IMeasurementProgress
{
    private ProgressTask? _task;
    private string _label = "";

    public void CaseStarted(string backend, MeasurementCase c, int runs)
    {
        _label = Markup.Escape($"{backend} {c}");
        _task = ctx.AddTask(_label, maxValue: runs);
    }

    public void RunFinished(string phase, double ms)
    {
        if (_task is null) return;
        _task.Description = $"{_label} [grey]{Markup.Escape(phase)}[/]";
        _task.Increment(1);
    }

    public void CaseFinished(CaseMeasurement m)
    {
        if (_task is not null)
        {
            _task.Description = _label;
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
        console.MarkupLine(Markup.Escape(GpuProgressText.Summary(m)));
    }

    public void Note(string line) => console.MarkupLine(Markup.Escape(line));
}

internal static class GpuProgressText
{
    public static string Summary(CaseMeasurement m)
    {
        var (lo, hi) = m.DecodeMsPerTokenRange;
        var energy = m.Energy is { } e
            ? string.Create(CultureInfo.InvariantCulture, $", {e.AvgWatts:0} W, {e.PrefillJoules:0.00} J/prefill, {e.DecodeJoulesPerToken:0.000} J/token")
            : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(m.Smoke ? "smoke run: " : "")}{m.Backend} {m.Case}: prefill {m.PrefillMs:0.00} ms ({m.Prefill.Min:0.00}–{m.Prefill.Max:0.00}), " +
            $"decode {m.DecodeMsPerToken:0.000} ms/token ({lo:0.000}–{hi:0.000}; {m.TokensPerSecond:0.0} tokens/s){energy}, " +
            $"{m.Host.OpsPerToken:0} ops/token, {m.Host.HostUsPerOp:0.0} µs/op, " +
            $"{m.Host.AllocBytesPerToken / 1024:0.0} KiB allocated/token, ops issued in {m.Host.IssueMsPerToken:0.000} ms/token");
    }
}
