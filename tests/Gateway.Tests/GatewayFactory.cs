using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GrainMarket.Gateway.Tests;

/// <summary>The co-hosted silo and gateway, on the test PostgreSQL or in memory.</summary>
public sealed class GatewayFactory(bool postgres) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (postgres)
        {
            builder.UseSetting("GRAINMARKET_DB", TestDatabase.ConnectionString);
        }
        else
        {
            builder.UseSetting("GRAINMARKET_IN_MEMORY", "true");
        }
    }
}
