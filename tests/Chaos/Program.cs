using GrainMarket.Chaos;

return await ChaosRun.RunAsync(ChaosOptions.Parse(args));
