using GrainMarket.Accounts;
using GrainMarket.Common;
using Orleans;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Creates the first admin account if its e-mail address has none. It is registered after the silo, so it starts once
/// the silo is active; in a cluster the address's grain may still live on a silo that is joining or leaving, so this
/// retries for a while.
/// </summary>
internal sealed partial class AdminBootstrap(IGrainFactory grains, ILogger<AdminBootstrap> logger, string email, string password) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await grains.GetGrain<IEmailGrain>(EmailAddress.Normalize(email))
                    .RegisterAsync(new Registration(email.Trim(), password, "Administrator", [Roles.Admin]));
                if (result.Succeeded)
                {
                    LogCreated(email);
                }
                else
                {
                    LogExists(email);
                }

                return;
            }
            catch (Exception exception) when (attempt < 30 && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(exception, attempt);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin account {Email} created")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin account {Email} is active (it already existed; its password was left as it is)")]
    private partial void LogExists(string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the admin account yet (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
