namespace GrainMarket.Gateway.Tests.Sweeps;

public sealed record OpenApiParameter(string Name, string In, string Type);
