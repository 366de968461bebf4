using System.CommandLine;
using System.Globalization;
using Sim.Runner.Infrastructure;
using Sim.Runner.Reporting;
using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;
using Sim.Vhk158.Profiling;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim compile</c>: write the encoded VHK158 instruction streams of one bucket.</summary>
public static class CompileCommand
{
    public static Command Create()
    {
        var simulation = new SimulationOptions(
            "Output folder: the streams go to OUT/inst_output/PREFIX_STAGE_token_L/ (default: the config's OUTPUT_DIR, ./.compiler_output in the artifact's).");
        var bucketOptions = new BucketOptions();
        var format = FormatOption.Create("the instruction counts");
        var cmd = new Command("compile",
            "Compile one IR bucket into the VHK158 ISA and write one little-endian 32-bit word file per module " +
            "queue (ld.bin, st.bin, mm.bin, mv.bin, misc.bin, sys.bin) plus counts.csv. A config whose values " +
            "overflow an ISA field is rejected naming the field.\n\nExample:\n" +
            "  vhksim compile --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 512");
        simulation.AddTo(cmd, withCacheSwitch: false);
        bucketOptions.AddTo(cmd);
        cmd.Options.Add(format);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var pipeline = simulation.Build(r, export: false);
            var source = pipeline.Source;
            var (st, l) = bucketOptions.Read(r);
            var dir = Path.Combine(simulation.OutDir(r, pipeline.Config), "inst_output",
                Path.GetFileNameWithoutExtension(IrProgram.FileName(st, l, source.Prefix)));
            var program = pipeline.Compile(new Bucket(st, l));
            var counts = InstructionStreamWriter.Write(program, dir);
            var rows = Enum.GetValues<Module>().Select(m => (IReadOnlyList<string>)[m.ToString(), counts[(int)m].ToString(CultureInfo.InvariantCulture)])
                .Append(["TOTAL", counts.Sum().ToString(CultureInfo.InvariantCulture)]).ToList();
            new ResultTable(["module", "instructions"], rows).Print(r.GetValue(format)!);
            Console.Error.WriteLine($"wrote {dir}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
