using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Sim.Runner.Infrastructure;

/// <summary>
/// Progress of long work on stderr: a Spectre.Console progress bar when both output streams are
/// a terminal (and not --quiet), else a few plain lines, which logs and pipes can read:
/// <c>[k/n] decode 512 done (12.0 s)</c> none for work done within 2 s, then one every 10 s and one
/// at the end, so a cached run stays quiet; and inside an item that runs past 2 s (one long
/// bucket), a line as it passes 25, 50 and 75 % (<c>[0/1] prefill 2048: 50 % (11.2 s)</c>).
/// Safe to call from worker threads.
/// </summary>
public sealed class ProgressReporter
{
    private readonly TextWriter? _plain;
    private readonly ProgressTask? _bar;
    private readonly int _total;
    private readonly Func<double> _seconds;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Share> _inside = new(StringComparer.Ordinal);
    private int _done;
    private double _lastLine = double.NegativeInfinity;

    /// <summary>Work shorter than this prints no plain progress; after it, a line at most this often.</summary>
    private const double FirstLineAfterS = 2, LineEveryS = 10;

    /// <summary>Plain lines inside an item: at these quarters (25, 50, 75 %).</summary>
    private const int Quarters = 4;

    /// <summary>An item under way: when it was first reported, its share, the last quarter passed.</summary>
    private sealed record Share(double StartS)
    {
        public double Value { get; set; }
        public int Quarter { get; set; }
    }

    private ProgressReporter(int total, TextWriter? plain, ProgressTask? bar, Func<double> seconds)
    {
        _total = total;
        _plain = plain;
        _bar = bar;
        _seconds = seconds;
    }

    /// <summary>A reporter writing plain lines to <paramref name="plain"/>, timed by <paramref name="seconds"/> (tests drive the clock).</summary>
    internal static ProgressReporter Plain(int total, TextWriter plain, Func<double> seconds) => new(total, plain, null, seconds);

    /// <summary>Whether a live progress bar can be drawn (a terminal, nothing redirected, not --quiet).</summary>
    public static bool Live => !Console.IsOutputRedirected && !Console.IsErrorRedirected && !QuietOption.Filters(Console.Error);

    /// <summary>Runs <paramref name="work"/> with a reporter for <paramref name="total"/> items.</summary>
    public static T Run<T>(string title, int total, Func<ProgressReporter, T> work)
    {
        var clock = Stopwatch.StartNew();
        Func<double> seconds = () => clock.Elapsed.TotalSeconds;
        if (!Live || total == 0) return work(new ProgressReporter(total, Console.Error, null, seconds));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx => work(new ProgressReporter(total, null, ctx.AddTask(Markup.Escape(title), maxValue: total), seconds)));
    }

    /// <summary>Where the pipeline reports progress inside <paramref name="item"/> (a share from 0 to 1).</summary>
    public IProgress<double> Inside(string item) => Sim.Vhk158.Pipeline.LayerProgress.To(share => Within(item, share));

    /// <summary><paramref name="item"/> is <paramref name="share"/> (0 to 1) done.</summary>
    public void Within(string item, double share)
    {
        lock (_lock)
        {
            double now = _seconds();
            if (!_inside.TryGetValue(item, out var s)) _inside[item] = s = new Share(now);
            s.Value = Math.Clamp(share, 0, 1);
            if (_bar is not null)
            {
                _bar.Value = _done + _inside.Values.Sum(x => x.Value);
                return;
            }
            int quarter = (int)(s.Value * Quarters);
            if (quarter <= s.Quarter || quarter >= Quarters) return;
            s.Quarter = quarter;
            if (now - s.StartS < FirstLineAfterS) return;
            _plain!.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{_done}/{_total}] {item}: {quarter * 100 / Quarters} % ({now:F1} s)"));
        }
    }

    /// <summary>One item finished; <paramref name="cached"/> when it was reused rather than computed.</summary>
    public void Done(string item, bool cached)
    {
        lock (_lock)
        {
            _done++;
            _inside.Remove(item);
            if (_bar is not null)
            {
                _bar.Value = _done + _inside.Values.Sum(x => x.Value);
                return;
            }
            double now = _seconds();
            bool due = now >= FirstLineAfterS && now - _lastLine >= LineEveryS;
            bool last = _done == _total && now >= FirstLineAfterS;
            if (!due && !last) return;
            _lastLine = now;
            _plain!.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{_done}/{_total}] {item} {(cached ? "cached" : "done")} ({now:F1} s)"));
        }
    }
}
