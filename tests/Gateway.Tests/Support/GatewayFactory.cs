using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;

namespace GrainMarket.Gateway.Tests.Support;

/// <summary>The co-hosted silo and gateway, on the test PostgreSQL or in memory, with test-friendly settings.</summary>
public class GatewayFactory(bool postgres, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The signing key of every test gateway, so that a token from one is good on another.</summary>
    public const string JwtKey = "test-signing-key-of-at-least-thirty-two-bytes";

    /// <summary>A fixed signing key, and cheap password hashing: the production iteration count is tested on its own.</summary>
    private static readonly Dictionary<string, string> TestDefaults = new()
    {
        ["GRAINMARKET_JWT_KEY"] = JwtKey,
        ["GRAINMARKET_PASSWORD_ITERATIONS"] = "1000",
        ["GRAINMARKET_LOGIN_LIMIT_PER_MINUTE"] = "100000",

        // Tests search, check out, bid and open live streams as a few users from one (test server) address, many at once.
        ["GRAINMARKET_SEARCH_LIMIT_PER_MINUTE"] = "100000",
        ["GRAINMARKET_CHECKOUT_LIMIT_PER_MINUTE"] = "100000",
        ["GRAINMARKET_BID_LIMIT_PER_MINUTE"] = "100000",
        ["GRAINMARKET_UPLOAD_LIMIT_PER_MINUTE"] = "100000",
        ["GRAINMARKET_WS_PER_ADDRESS"] = "100000",
        ["GRAINMARKET_WS_MESSAGES_PER_SECOND"] = "100000",

        // Tests log the shared admin in many times at once; the oldest sessions must not end under a running test.
        ["GRAINMARKET_MAX_SESSIONS"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(new FileLoggerProvider(FileLoggerProvider.DefaultPath)));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<CallCycleRecorder>();
            services.AddSingleton<IIncomingGrainCallFilter>(provider => provider.GetRequiredService<CallCycleRecorder>());
        });
        if (postgres)
        {
            builder.UseSetting("GRAINMARKET_DB", TestDatabase.ConnectionString);

            // A cluster of its own in Orleans' membership table: the silos of earlier runs (killed ones keep their rows)
            // and of other factories on the same rows are never its members. Stored state is keyed by the service id,
            // which every silo shares, so it does not change what a factory reads.
            builder.UseSetting("GRAINMARKET_CLUSTER_ID", $"gateway-tests-{Guid.NewGuid():N}");
        }
        else
        {
            builder.UseSetting("GRAINMARKET_IN_MEMORY", "true");
        }

        foreach (var (name, value) in TestDefaults.Concat(settings ?? new Dictionary<string, string>()).GroupBy(p => p.Key).Select(g => g.Last()))
        {
            builder.UseSetting(name, value);
        }
    }
}
