using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Catalog;

/// <summary>
/// A silo and gateway with <c>GRAINMARKET_PRODUCT_MODERATION=true</c> in a PostgreSQL schema of its own, so that its
/// singleton grains (the category tree) never share rows with the shared <see cref="MarketplaceFactory"/>'s.
/// </summary>
public sealed class ModerationFactory(string schema) : GatewayFactory(postgres: true, new Dictionary<string, string>
{
    ["GRAINMARKET_DB"] = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { SearchPath = schema }.ConnectionString,
    ["GRAINMARKET_PRODUCT_MODERATION"] = "true",
    ["GRAINMARKET_ADMIN_EMAIL"] = MarketplaceFactory.AdminEmail,
    ["GRAINMARKET_ADMIN_PASSWORD"] = MarketplaceFactory.AdminPassword,
})
{
    public static async Task<ModerationFactory> StartAsync(CancellationToken cancellationToken)
    {
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, cancellationToken)).DisposeAsync();
        return new ModerationFactory(schema);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
    }
}
