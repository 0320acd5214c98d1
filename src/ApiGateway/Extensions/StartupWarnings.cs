using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GrainMarket.ApiGateway.Extensions;

/// <summary>
/// Logs every registered <see cref="StartupWarning"/> once when the host starts: settings that are fine for a try-out
/// but not for production (no database, Orleans' traffic unauthenticated).
/// </summary>
public sealed partial class StartupWarnings(ILogger<StartupWarnings> logger, IEnumerable<StartupWarning> warnings) : IHostedService
{
    /// <summary>Registers <paramref name="text"/> to be logged as a warning at start.</summary>
    public static void Add(IServiceCollection services, string text)
    {
        services.AddSingleton(new StartupWarning(text));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StartupWarnings>());
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in warnings)
        {
            LogWarning(warning.Text);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private partial void LogWarning(string warning);
}
