using System.Net;
using System.Net.Http.Json;
using GrainMarket.Gateway.Tests.Support;
using Npgsql;

namespace GrainMarket.Gateway.Tests.Security;

/// <summary>
/// A grain write PostgreSQL refuses (here a CHECK the test adds to its own schema): the grain answers from the database
/// afterwards (issue #24, item 12), and the failure's log lines hold no stored value such as the account's e-mail
/// address, even with Npgsql's <c>Include Error Detail</c> asked for in the connection string (item 19).
/// </summary>
public sealed class StorageFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_refused_profile_write_leaves_the_stored_profile_and_logs_no_e_mail_address()
    {
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct)).DisposeAsync();
        try
        {
            var connection = IsolatedFactory.ConnectionStringOf(schema) + ";Include Error Detail=true";
            await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_DB"] = connection }, Ct, schema);
            using var user = await TestUsers.CreateAsync(factory);
            var constraint = $"refused_name_{Guid.NewGuid():N}";
            await using (var database = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(schema)))
            {
                await using var check = database.CreateCommand($"ALTER TABLE users ADD CONSTRAINT {constraint} CHECK (display_name <> 'Refused by the database')");
                await check.ExecuteNonQueryAsync(Ct);
            }

            var refused = await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "Refused by the database" }, Ct);
            var me = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));
            var renamed = await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "Accepted by the database" }, Ct);

            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            Assert.Equal("Test buyer", me.GetProperty("displayName").GetString());
            Assert.Equal("Accepted by the database", (await Json.ReadAsync(renamed)).GetProperty("displayName").GetString());
            var log = await ReadSharedAsync(FileLoggerProvider.DefaultPath);
            var failure = log.Split('\n').Where(line => line.Contains(constraint, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(failure);
            Assert.DoesNotContain(user.Email, log, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_profile_write_that_loses_its_version_check_answers_a_retryable_conflict_and_the_retry_is_applied()
    {
        var schema = TestDatabase.NewSchemaName();
        await (await TestDatabase.CreateSchemaAsync(schema, migrate: false, Ct)).DisposeAsync();
        try
        {
            await using var factory = await IsolatedFactory.StartAsync(new Dictionary<string, string> { ["GRAINMARKET_DB"] = IsolatedFactory.ConnectionStringOf(schema) }, Ct, schema);
            using var user = await TestUsers.CreateAsync(factory);
            Assert.Equal(HttpStatusCode.OK, (await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "First name" }, Ct)).StatusCode);

            // Another writer (a stale activation elsewhere, say) moved the stored state on behind this activation's back.
            await using (var database = NpgsqlDataSource.Create(IsolatedFactory.ConnectionStringOf(schema)))
            {
                await using var bump = database.CreateCommand("UPDATE orleans_grain_state SET version = version + 1 WHERE grain_id LIKE '%' || $1");
                bump.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Id.ToString("N") });
                Assert.Equal(1, await bump.ExecuteNonQueryAsync(Ct));
            }

            var refused = await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "Lost the version check" }, Ct);
            var problem = await Json.ReadAsync(refused, HttpStatusCode.Conflict);
            var retried = await user.Client.PatchAsJsonAsync("/api/me", new { displayName = "Second name" }, Ct);

            Assert.Equal("transaction-conflict", problem.GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
            var me = await Json.ReadAsync(await user.Client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct));
            Assert.Equal("Second name", me.GetProperty("displayName").GetString());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestDatabase.DropSchemaAsync(schema, CancellationToken.None);
        }
    }

    /// <summary>Reads the test log while other tests may be appending to it.</summary>
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(Ct);
    }
}
