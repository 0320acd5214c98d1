using System.Diagnostics;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Stops the silo when the process named by <c>GRAINMARKET_EXIT_WITH_PID</c> is gone, so that silos started by a test
/// run or a benchmark never outlive it, even when that run is killed.
/// </summary>
internal sealed partial class ParentProcessWatch(int parentId, IHostApplicationLifetime lifetime, ILogger<ParentProcessWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsAlive(parentId))
            {
                LogParentGone(parentId);
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Process {ParentId} that started this silo is gone; stopping")]
    private partial void LogParentGone(int parentId);
}
