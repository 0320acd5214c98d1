using GrainMarket.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Transactions;

/// <summary>Deletes transaction verdicts older than the retention; only participants that ask late ever need them.</summary>
internal sealed partial class TransactionRecordJanitor(
    ITransactionStore store,
    TimeProvider timeProvider,
    IOptions<GrainRuntimeOptions> options,
    ILogger<TransactionRecordJanitor> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await store.PruneAsync(timeProvider.GetUtcNow() - options.Value.TransactionRecordRetention, stoppingToken);
                LogPruned(pruned);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPruneFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} transaction records")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning transaction records failed")]
    private partial void LogPruneFailed(Exception exception);
}
