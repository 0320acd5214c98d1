using GrainMarket.Accounts;
using GrainMarket.Common;
using Orleans;

namespace GrainMarket.Silo.Extensions;

/// <summary>
/// Creates the first admin account if its e-mail address has none. It is registered after the silo, so it starts once
/// the silo is active; in a cluster the address's grain may still live on a silo that is joining or leaving, so this
/// retries for a while. An address that belongs to an account without the admin role stops the host: the operator
/// believes there is an admin, and there is none.
/// </summary>
internal sealed partial class AdminBootstrap(IGrainFactory grains, ILogger<AdminBootstrap> logger, string email, string password) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            UserView? existing;
            try
            {
                existing = await EnsureAsync();
            }
            catch (Exception exception) when (attempt < 30 && !stoppingToken.IsCancellationRequested)
            {
                LogRetry(exception, attempt);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                continue;
            }

            if (existing is not null && !existing.Roles.Contains(Roles.Admin))
            {
                // Thrown out of ExecuteAsync, this stops the host (BackgroundServiceExceptionBehavior.StopHost).
                LogNotAdmin(email);
                throw new InvalidOperationException(
                    $"GRAINMARKET_ADMIN_EMAIL ({email}) belongs to an existing account without the admin role; give that account the admin role or configure another address.");
            }

            return;
        }
    }

    /// <summary>Registers the admin; null when it was created, the existing account otherwise.</summary>
    private async Task<UserView?> EnsureAsync()
    {
        var address = grains.GetGrain<IEmailGrain>(EmailAddress.Normalize(email));
        var result = await address.RegisterAsync(new Registration(email.Trim(), password, "Administrator", [Roles.Admin]));
        if (result.Succeeded)
        {
            LogCreated(email);
            return null;
        }

        var userId = await address.GetUserIdAsync() ?? throw new InvalidOperationException($"The address {email} could not be registered, and no account holds it ({result.Error?.Code}).");
        var existing = await grains.GetGrain<IUserGrain>(userId).GetAsync() ?? throw new InvalidOperationException($"The account of {email} was not found.");
        if (existing.Roles.Contains(Roles.Admin))
        {
            LogExists(email);
        }

        return existing;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin account {Email} created")]
    private partial void LogCreated(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin account {Email} is active (it already existed; its password was left as it is)")]
    private partial void LogExists(string email);

    [LoggerMessage(Level = LogLevel.Critical, Message = "GRAINMARKET_ADMIN_EMAIL {Email} belongs to an account without the admin role; the host stops")]
    private partial void LogNotAdmin(string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not create the admin account yet (attempt {Attempt}); retrying")]
    private partial void LogRetry(Exception exception, int attempt);
}
