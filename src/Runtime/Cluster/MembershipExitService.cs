using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Cluster;

/// <summary>Stops after every grain deactivated, and then leaves membership for good (status dead).</summary>
internal sealed class MembershipExitService(MembershipTable table, LocalSilo self, IOptions<ClusterOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        table.SetStatusAsync(options.Value.ClusterId, self.SiloId, SiloStatusKind.Dead, cancellationToken);
}
