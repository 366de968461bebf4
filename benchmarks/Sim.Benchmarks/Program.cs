using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable by name:
//   dotnet run -c Release --project benchmarks/Sim.Benchmarks -- --filter '*Des*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
