using GrainMarket.Database;
using Npgsql;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Applies <c>db/*.sql</c> before the silo starts: Orleans' ADO.NET providers find their tables and queries there, and
/// GrainMarket's storage its functions.
/// </summary>
/// <remarks>
/// The migration runs in <see cref="StartingAsync"/>, which the host runs for every <see cref="IHostedLifecycleService"/>
/// before it calls any hosted service's <c>StartAsync</c>, among them Orleans' <c>SiloHostedService</c> (which
/// <c>UseOrleans</c> registers the moment it is called). It is also registered before <c>UseOrleans</c>, so even
/// without that phase (hosted services start one after the other, in registration order, unless
/// <c>HostOptions.ServicesStartConcurrently</c> is set) it would complete first. A failed migration stops the start.
/// </remarks>
internal sealed class DatabaseMigration(DatabaseMigrator migrator) : IHostedLifecycleService
{
    /// <summary>
    /// <c>GrainMarket.Silo migrate</c>: applies <c>db/*.sql</c> to <c>GRAINMARKET_DB</c> and exits (0 when every file is
    /// applied), for a deployment step that migrates once per release, under a role the silos do not get.
    /// </summary>
    public static async Task<int> RunAloneAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var connectionString = configuration["GRAINMARKET_DB"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("migrate: set GRAINMARKET_DB to the Npgsql connection string of the database to migrate.");
            return 2;
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        await new DatabaseMigrator(dataSource, loggers.CreateLogger<DatabaseMigrator>()).MigrateAsync(DatabaseMigrator.DefaultFolder, stop.Token);
        return 0;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(DatabaseMigrator.DefaultFolder, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
