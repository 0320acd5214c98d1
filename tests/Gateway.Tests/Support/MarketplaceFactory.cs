namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// The one silo and gateway on PostgreSQL that the marketplace tests of this assembly share (an assembly fixture):
/// one silo per database, so singleton grains (the platform wallet, the category tree) have one activation. Tests
/// create their own users and keys and never assert on totals other tests change. The host starts before the first test
/// (<see cref="IAsyncLifetime.InitializeAsync"/>): WebApplicationFactory starts it lazily and not thread-safely, and two
/// test classes touching it at once used to start two silos on one database, so one grain had two activations.
/// </summary>
public sealed class MarketplaceFactory() : GatewayFactory(postgres: true, new Dictionary<string, string>
{
    ["GRAINMARKET_ADMIN_EMAIL"] = AdminEmail,
    ["GRAINMARKET_ADMIN_PASSWORD"] = AdminPassword,
}), IAsyncLifetime
{
    public const string AdminEmail = "admin@grainmarket.test";

    public const string AdminPassword = "admin-password-for-tests";

    ValueTask IAsyncLifetime.InitializeAsync()
    {
        _ = Services;
        return ValueTask.CompletedTask;
    }
}
