using GrainMarket.ApiGateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddGrainMarketGateway();

var app = builder.Build();

app.MapGrainMarketGateway();

app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
