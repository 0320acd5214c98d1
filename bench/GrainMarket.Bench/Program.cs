using GrainMarket.Bench;

return await BenchmarkRunner.RunAsync(args);
