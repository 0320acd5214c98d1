using GrainMarket.Runtime.Hosting;

namespace GrainMarket.Silo.Extensions;

public static class SiloExtensions
{
    /// <summary>
    /// Hosts the grain runtime with the marketplace grains in this process. Storage is PostgreSQL from
    /// <c>GRAINMARKET_DB</c>, or memory when <c>GRAINMARKET_IN_MEMORY=true</c> (data lost on exit).
    /// </summary>
    public static IHostApplicationBuilder AddGrainMarketSilo(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration["GRAINMARKET_DB"];
        var inMemory = configuration.GetValue<bool>("GRAINMARKET_IN_MEMORY");
        if (!inMemory && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set GRAINMARKET_DB to an Npgsql connection string, or GRAINMARKET_IN_MEMORY=true to run without one (data is lost on exit).");
        }

        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.AddGrains(GrainsAssembly.Value);
            runtime.Configure(options =>
            {
                if (configuration["GRAINMARKET_SILO_NAME"] is { Length: > 0 } name)
                {
                    options.SiloName = name;
                }
            });
            if (inMemory)
            {
                runtime.UseInMemoryStorage();
            }
            else
            {
                runtime.UsePostgres(connectionString!);
            }
        });

        if (inMemory)
        {
            builder.Services.AddHostedService<InMemoryWarning>();
        }

        return builder;
    }
}
