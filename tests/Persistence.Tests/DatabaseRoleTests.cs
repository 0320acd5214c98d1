using Npgsql;

namespace GrainMarket.Persistence.Tests;

/// <summary>
/// The role the application connects as (the one in <c>GRAINMARKET_TEST_DB</c>; <c>./grainmarket</c> starts its
/// private PostgreSQL the same way for tests, <c>up</c>, <c>cluster</c> and <c>bench</c>): a password checked with
/// scram-sha-256, no superuser, no role creation. A database a developer points the tests at must be set up alike.
/// </summary>
public sealed class DatabaseRoleTests
{
    /// <summary>PostgreSQL's <c>invalid_password</c>: the server asked for a password and the one given was wrong.</summary>
    private const string InvalidPassword = "28P01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_application_role_is_no_superuser_and_cannot_create_roles()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestDatabase.ServerConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user");
        await using var reader = await command.ExecuteReaderAsync(Ct);

        Assert.True(await reader.ReadAsync(Ct));
        Assert.False(reader.GetBoolean(0), "the application's role is a superuser");
        Assert.False(reader.GetBoolean(1), "the application's role may create roles");
        Assert.False(await reader.ReadAsync(Ct));
    }

    [Fact]
    public async Task The_application_role_is_refused_when_it_tries_to_create_a_role()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestDatabase.ServerConnectionString);
        await using var command = dataSource.CreateCommand($"CREATE ROLE gm_test_{Guid.NewGuid():N}");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task A_wrong_password_for_the_application_role_is_refused()
    {
        var wrong = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString)
        {
            Password = $"wrong-{Guid.NewGuid():N}",
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(Ct));

        Assert.Equal(InvalidPassword, refused.SqlState);
    }

    [Fact]
    public async Task Passwords_are_stored_as_scram_sha_256()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestDatabase.ServerConnectionString);
        await using var command = dataSource.CreateCommand("SHOW password_encryption");

        Assert.Equal("scram-sha-256", await command.ExecuteScalarAsync(Ct));
    }
}
