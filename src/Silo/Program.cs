using GrainMarket.ApiGateway.Extensions;
using GrainMarket.Silo.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddGrainMarketSilo();
builder.AddGrainMarketGateway();

var app = builder.Build();

app.MapGrainMarketGateway();

app.Run();
