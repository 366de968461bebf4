using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// Progress of long work on stderr: a Spectre.Console progress bar when both output streams are
/// a terminal, else a few plain lines (<c>[k/n] decode 512 done (12.0 s)</c>), which logs and
/// pipes can read: none for work done within 2 s, then one every 10 s and one at the end, so a
/// cached run stays quiet. Safe to call from worker threads.
/// </summary>
public sealed class ProgressReporter
{
    private readonly TextWriter? _plain;
    private readonly ProgressTask? _bar;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private int _done;
    private double _lastLine = double.NegativeInfinity;

    /// <summary>Work shorter than this prints no plain progress; after it, a line at most this often.</summary>
    private const double FirstLineAfterS = 2, LineEveryS = 10;

    private ProgressReporter(int total, TextWriter? plain, ProgressTask? bar)
    {
        _total = total;
        _plain = plain;
        _bar = bar;
    }

    /// <summary>Whether a live progress bar can be drawn (a terminal, nothing redirected).</summary>
    public static bool Live => !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>Runs <paramref name="work"/> with a reporter for <paramref name="total"/> items.</summary>
    public static T Run<T>(string title, int total, Func<ProgressReporter, T> work)
    {
        if (!Live || total == 0) return work(new ProgressReporter(total, Console.Error, null));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx => work(new ProgressReporter(total, null, ctx.AddTask(Markup.Escape(title), maxValue: total))));
    }

    /// <summary>One item finished; <paramref name="cached"/> when it was reused rather than computed.</summary>
    public void Done(string item, bool cached)
    {
        lock (_lock)
        {
            _done++;
            if (_bar is not null)
            {
                _bar.Increment(1);
                return;
            }
            double now = _clock.Elapsed.TotalSeconds;
            bool due = now >= FirstLineAfterS && now - _lastLine >= LineEveryS;
            bool last = _done == _total && now >= FirstLineAfterS;
            if (!due && !last) return;
            _lastLine = now;
            _plain!.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{_done}/{_total}] {item} {(cached ? "cached" : "done")} ({now:F1} s)"));
        }
    }
}
