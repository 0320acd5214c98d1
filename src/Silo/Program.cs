using GrainMarket.ApiGateway.Extensions;
using GrainMarket.Runtime.Cluster;
using GrainMarket.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddGrainMarketSilo();
builder.AddGrainMarketGateway();

var app = builder.Build();

app.MapGrainMarketGateway();
app.MapSiloEndpoints();

app.Run();

/// <summary>Entry point of the co-hosted silo and gateway, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
