namespace GrainMarket.Silo.Mail;

/// <summary>
/// The silo's mail loop: every <see cref="MailSettings.PollInterval"/> it turns waiting order and withdrawal events into
/// outbox rows (<see cref="MailEventMailer"/>), then, when this silo sends at all, drains the due outbox rows
/// (<see cref="OutboxSender"/>) until a batch comes back short. Every silo runs one; the database keeps them apart.
/// </summary>
public sealed class MailWorker(MailEventMailer mailer, IServiceProvider services, MailSettings settings, ILogger<MailWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sender = settings.Sends ? services.GetRequiredService<OutboxSender>() : null;
        logger.LogInformation("E-mail goes to {MailDestination}", settings.ToString());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await mailer.MailDueEventsAsync(stoppingToken) > 0)
                {
                }

                while (sender is not null && await sender.SendDueAsync(stoppingToken) >= settings.BatchSize)
                {
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or OrleansException)
            {
                // The database or a grain was away: the events and rows wait, and the next round tries again.
                logger.LogWarning(e, "The mail round failed; retrying in {PollInterval}", settings.PollInterval);
            }

            await Task.Delay(settings.PollInterval, stoppingToken);
        }
    }
}
