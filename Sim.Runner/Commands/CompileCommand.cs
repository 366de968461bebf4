using System.CommandLine;
using Sim.Runner.Infrastructure;
using Sim.Vhk158.Compiler;
using Sim.Workloads.Ir;
using Sim.Vhk158.Isa;

namespace Sim.Runner.Commands;

/// <summary><c>vhksim compile</c>: write the encoded VHK158 instruction streams of one bucket.</summary>
public static class CompileCommand
{
    public static Command Create()
    {
        var workload = new WorkloadOptions();
        var bucketOptions = new BucketOptions();
        var outDir = new Option<string>("--out") { Description = "Output folder (default .compiler_output/inst_output/{prefix}_{stage}_token_{L}).", };
        var cmd = new Command("compile",
            "Compile one IR bucket into the VHK158 ISA and write one little-endian 32-bit word file per module " +
            "queue (ld.bin, st.bin, mm.bin, mv.bin, misc.bin, sys.bin) plus counts.csv. A config whose values " +
            "overflow an ISA field is rejected naming the field.\n\nExample:\n" +
            "  vhksim compile --ir-dir ../shared/flightllm-reference/ir_output --stage decode --tokens 512");
        workload.AddTo(cmd);
        bucketOptions.AddTo(cmd);
        cmd.Options.Add(outDir);
        cmd.SetAction(r => ErrorBoundary.Run(() =>
        {
            var config = workload.LoadConfig(r);
            var source = workload.Source(r, config);
            var (st, l) = bucketOptions.Read(r);
            var dir = r.GetValue(outDir) ?? Path.Combine(".compiler_output", "inst_output",
                Path.GetFileNameWithoutExtension(IrProgram.FileName(st, l, source.Prefix)));
            var program = new ProgramCompiler(config, source.Masks, source.Describe(st, l)).Compile(source.Load(st, l));
            var counts = InstructionStreamWriter.Write(program, dir);
            foreach (var m in Enum.GetValues<Module>()) Console.Out.WriteLine($"{m,-5} {counts[(int)m],12:N0}");
            Console.Out.WriteLine($"TOTAL {counts.Sum(),12:N0}");
            Console.Error.WriteLine($"wrote {dir}");
            return ErrorBoundary.Ok;
        }));
        return cmd;
    }
}
