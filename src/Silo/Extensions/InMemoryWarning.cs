namespace GrainMarket.Silo.Extensions;

/// <summary>Says loudly, at start-up, that nothing this silo stores survives the process.</summary>
internal sealed partial class InMemoryWarning(ILogger<InMemoryWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogWarning();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "IN-MEMORY MODE: no database; every wallet, order and reminder is LOST when this process exits")]
    private partial void LogWarning();
}
