using System.CommandLine;
using System.Globalization;
using Sim.Runner.Infrastructure;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim fpga</c>: end-to-end FPGA latency of request cases.</summary>
public static class FpgaCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions();
        var caseOptions = new CaseOptions();
        var cmd = new Command("fpga",
            "Simulate every IR bucket the cases need (prefill padded to 128, each decode step to its 16-aligned " +
            "context) and print prefill, decode, total and decode tokens/s per case.\n\nExamples:\n" +
            "  vhksim fpga --ir-dir ../shared/flightllm-reference/ir_output\n" +
            "  vhksim fpga --case 128:512 --case 1024:1024 --config configs/vhk158.yaml\n" +
            "  vhksim fpga --cases configs/cases.yaml --no-cache");
        simulation.AddTo(cmd);
        caseOptions.AddTo(cmd);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var (_, results, _) = caseOptions.Run(r, simulation);
            Console.Out.WriteLine($"{"Case (P:D)",-12} {"Prefill (ms)",12} {"Decode (ms)",12} {"Total (ms)",12} {"token/s",9}");
            foreach (var c in results)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{c.Prefill + ":" + c.Decode,-12} {c.PrefillMs,12:F1} {c.DecodeMs,12:F1} {c.TotalMs,12:F1} {c.TokensPerSecond,9:F1}"));
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
