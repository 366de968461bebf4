using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Config;
using Sim.Vhk158.Memory;
using Sim.Vhk158.Memory.Benchmarks;

namespace Sim.Runner.Commands;

/// <summary>
/// <c>vhksim hbm</c>: an HBM microbenchmark through the memory model a config selects
/// (<see cref="MemoryBenchmark"/>); prints the sustained bandwidth as a table or one JSON object.
/// </summary>
public static class HbmCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = $"Hardware config YAML (default {WorkloadOptions.DefaultConfig}); its MEMORY and INTERCONNECT sections pick the model.", DefaultValueFactory = _ => ShippedFiles.Resolve(WorkloadOptions.DefaultConfig) };
        var pattern = new Option<string>("--pattern") { Description = "sequential (each master walks its slice) or random (requests uniformly over the channels' space).", DefaultValueFactory = _ => "sequential" };
        pattern.AcceptOnlyFromAmong("sequential", "random");
        var bytes = new Option<int>("--bytes") { Description = "Request (AXI transaction) size in bytes.", DefaultValueFactory = _ => 64 };
        var channels = new Option<int?>("--channels") { Description = "How many pseudo-channels, from PC 0 on (default 1; with --all-channels, all of them)." };
        var masters = new Option<int>("--masters") { Description = "Masters issuing the traffic (default 1).", DefaultValueFactory = _ => 1 };
        var allChannels = new Option<bool>("--all-channels") { Description = "One master per channel, each on its own channel: the aggregate bandwidth." };
        var write = new Option<bool>("--write") { Description = "Write instead of read." };
        var format = FormatOption.Create("the bandwidth (json: one object with gb_per_s)");

        var command = new Command("hbm",
            "Drive masters' reads through the HBM model of a config and print the sustained bandwidth.\n\n" +
            "Examples:\n" +
            "  vhksim hbm --config configs/u280.yaml --pattern random --bytes 64 --channels 1\n" +
            "  vhksim hbm --config configs/u280.yaml --pattern sequential --bytes 256 --all-channels --format json")
        {
            config, pattern, bytes, channels, masters, allChannels, write, format,
        };
        command.SetAction(r => ErrorBoundary.Run(() =>
        {
            var hw = HardwareConfigLoader.Load(r.GetValue(config)!);
            bool all = r.GetValue(allChannels);
            var spec = new MemoryBenchmarkSpec(
                r.GetValue(pattern) == "random" ? AccessPattern.Random : AccessPattern.Sequential, r.GetValue(bytes),
                r.GetValue(channels) ?? (all ? hw.HbmChannelNum : 1), r.GetValue(masters), all, r.GetValue(write));
            var result = MemoryBenchmark.Run(hw, spec);
            if (r.GetValue(format) == ResultTable.Json) Console.Out.Write(Json(result));
            else Table(result).Print(r.GetValue(format)!);
            return ErrorBoundary.Ok;
        }));
        return command;
    }

    private static string Json(MemoryBenchmarkResult x) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["model"] = x.Model,
        ["interconnect"] = x.Interconnect,
        ["pattern"] = x.Spec.Pattern.ToString().ToLowerInvariant(),
        ["request_bytes"] = x.Spec.RequestBytes,
        ["channels"] = x.Spec.Channels,
        ["masters"] = x.Masters,
        ["write"] = x.Spec.Write,
        ["bytes_moved"] = x.Bytes,
        ["time_ms"] = x.TimeMs,
        ["gb_per_s"] = Math.Round(x.GbPerS, 6),
        ["gb_per_s_per_master"] = Math.Round(x.GbPerSPerMaster, 6),
    }) + "\n";

    private static ResultTable Table(MemoryBenchmarkResult x)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new (string, string)[]
        {
            ("model", $"{x.Model} behind {x.Interconnect}"),
            ("pattern", $"{x.Spec.Pattern.ToString().ToLowerInvariant()} {(x.Spec.Write ? "writes" : "reads")} of {x.Spec.RequestBytes} B"),
            ("channels", x.Spec.Channels.ToString(c)),
            ("masters", x.Masters.ToString(c)),
            ("bytes moved", x.Bytes.ToString(c)),
            ("time (ms)", x.TimeMs.ToString("F6", c)),
            ("GB/s", x.GbPerS.ToString("F3", c)),
            ("GB/s per master", x.GbPerSPerMaster.ToString("F3", c)),
        };
        return new ResultTable(["quantity", "value"], rows.Select(r => (IReadOnlyList<string>)[r.Item1, r.Item2]).ToList());
    }
}
