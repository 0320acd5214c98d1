namespace GrainMarket.Gateway.Tests.Support;

/// <summary>
/// The one silo and gateway on PostgreSQL that the marketplace tests of this assembly share (an assembly fixture):
/// one silo per database, so singleton grains (the platform wallet, the category tree) have one activation. Tests
/// create their own users and keys and never assert on totals other tests change. The server starts before the
/// first test: <c>WebApplicationFactory</c> is not thread-safe on first use, and test classes run in parallel
/// (two concurrent first calls once started two silos on one database).
/// </summary>
public sealed class MarketplaceFactory() : GatewayFactory(postgres: true, new Dictionary<string, string>
{
    ["GRAINMARKET_ADMIN_EMAIL"] = AdminEmail,
    ["GRAINMARKET_ADMIN_PASSWORD"] = AdminPassword,

    // Pay-after-win tests watch a winner default within seconds.
    ["GRAINMARKET_MIN_PAYMENT_DEADLINE_HOURS"] = "0.001",
}), IAsyncLifetime
{
    public const string AdminEmail = "admin@grainmarket.test";

    public const string AdminPassword = "admin-password-for-tests";

    public ValueTask InitializeAsync()
    {
        _ = Services;
        return ValueTask.CompletedTask;
    }
}
