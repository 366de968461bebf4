using BenchmarkDotNet.Running;
using Sim.Benchmarks;

// Quick stopwatch figures for the simulation engine:
//   dotnet run -c Release --project benchmarks/Sim.Benchmarks -- des-quick
if (args is ["des-quick"])
{
    DesQuick.Run();
    return;
}

// Every benchmark class in this assembly is selectable by name:
//   dotnet run -c Release --project benchmarks/Sim.Benchmarks -- --filter '*Des*'
// Quick Stopwatch checks that skip BenchmarkDotNet:
//   dotnet run -c Release --project benchmarks/Sim.Benchmarks -- ir-stopwatch
if (args is ["ir-stopwatch", ..]) { Sim.Benchmarks.Ir.IrStopwatch.Run(); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
