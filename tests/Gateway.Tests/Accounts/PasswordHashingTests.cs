using System.Net;
using System.Net.Http.Json;
using GrainMarket.Accounts;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;
using Orleans.Runtime;

namespace GrainMarket.Gateway.Tests.Accounts;

public sealed class PasswordHashingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_defaults_are_OWASPs_PBKDF2_figures()
    {
        Assert.Equal(new PasswordHashingOptions("sha256", 600_000), PasswordHashingOptions.From(null, null));
        Assert.Equal(new PasswordHashingOptions("sha512", 220_000), PasswordHashingOptions.From("sha512", null));
        Assert.StartsWith("pbkdf2$sha256$600000$", new PasswordHasher(PasswordHashingOptions.Default).Hash("a password"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hash_verifies_its_password_only_and_asks_for_a_rehash_under_new_parameters()
    {
        var old = new PasswordHasher(new PasswordHashingOptions("sha256", 1_000));
        var current = new PasswordHasher(new PasswordHashingOptions("sha512", 2_000));
        var hash = old.Hash("the password");

        Assert.True(old.Verify("the password", hash, out var sameParameters));
        Assert.False(sameParameters);
        Assert.False(old.Verify("the passworD", hash, out _));
        Assert.True(current.Verify("the password", hash, out var needsRehash));
        Assert.True(needsRehash);
        Assert.NotEqual(hash, old.Hash("the password"));
    }

    [Fact]
    public async Task A_login_after_the_parameters_changed_stores_the_password_under_the_new_ones()
    {
        var email = $"rehash-{Guid.NewGuid():N}@grainmarket.test";
        const string Password = "rehash me please";
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct)).DisposeAsync();
        try
        {
            await using (var before = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_PASSWORD_ITERATIONS"] = "1000" }, Ct, schema))
            {
                using var client = before.CreateClient();
                await Json.ReadAsync(await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Rae" }, Ct), HttpStatusCode.Accepted);
            }

            Assert.StartsWith("pbkdf2$sha256$1000$", await StoredHashAsync(schema, email), StringComparison.Ordinal);

            await using (var after = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_PASSWORD_PRF"] = "sha512", ["GRAINMARKET_PASSWORD_ITERATIONS"] = "1500" }, Ct, schema))
            {
                using var client = after.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password }, Ct)).StatusCode);
            }

            Assert.StartsWith("pbkdf2$sha512$1500$", await StoredHashAsync(schema, email), StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
        }
    }

    private static async Task<string?> StoredHashAsync(string schema, string email)
    {
        await using var dataSource = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(schema));
        await using var command = dataSource.CreateCommand("SELECT id FROM users WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        var userId = Assert.IsType<Guid>(await command.ExecuteScalarAsync(Ct));
        var user = await StoredState.PersistentAsync<UserState>(dataSource, GrainId.Create("user", userId.ToString("N")), "user", Ct);
        return user?.PasswordHash;
    }
}
