using GrainMarket.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GrainMarket.Runtime.Hosting;

/// <summary>Applies the SQL migrations before anything else starts, when the silo uses PostgreSQL.</summary>
internal sealed class MigrationHostedService(IServiceProvider services, SiloStatus status) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = services.GetService<MigrationSettings>();
        if (settings is not null)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(settings.Folder, cancellationToken);
        }

        status.MarkSchemaReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
