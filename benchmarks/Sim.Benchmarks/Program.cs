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
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
