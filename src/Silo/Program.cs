using GrainMarket.ApiGateway.Extensions;
using GrainMarket.Silo.Extensions;

if (args is ["migrate", .. var rest])
{
    return await DatabaseMigration.RunAloneAsync(rest);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddGrainMarketSilo();
builder.AddGrainMarketGateway();

var app = builder.Build();

app.MapGrainMarketGateway();
app.MapGrainMarketDashboard();

await app.RunUntilStoppedAsync();
return 0;

/// <summary>Entry point of the co-hosted silo and gateway, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
