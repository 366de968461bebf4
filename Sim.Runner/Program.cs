return Sim.Runner.Cli.Run(args);
