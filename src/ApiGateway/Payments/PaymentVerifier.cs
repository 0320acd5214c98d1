using GrainMarket.ApiGateway.Http;
using GrainMarket.ApiGateway.ReadModels;
using GrainMarket.Payments;
using Npgsql;
using Orleans;

namespace GrainMarket.ApiGateway.Payments;

/// <summary>
/// Verification in the background (docs/payments.md): every <see cref="PaymentVerificationSettings.Interval"/> it asks the
/// provider about each payment GrainMarket created that no event has settled yet (<c>pending</c> or <c>failed</c> in
/// <c>payments</c>), at least that old and not past its deadline by more than one interval, and applies what the provider
/// reports through the payment grain — as a webhook would, so a verified success and the webhook that comes later
/// count once. One gateway sweeps at a time (a PostgreSQL advisory lock); the others skip that round.
/// </summary>
public sealed class PaymentVerifier(
    ReadModelDatabase readModels,
    PaymentProviders providers,
    IGrainFactory grains,
    PaymentVerificationSettings settings,
    TimeProvider time,
    ILogger<PaymentVerifier> logger) : BackgroundService
{
    /// <summary>
    /// The advisory lock a sweep holds: this constant and the schema's name (so that marketplaces in separate schemas of
    /// one database sweep independently).
    /// </summary>
    public const int SweepLock = 0x4750_5659; // "GPVY"

    /// <summary>Takes (<c>pg_try_advisory_lock</c>) or lets go of (<c>pg_advisory_unlock</c>) the sweep's lock.</summary>
    public static string SweepLockSql(string function) => $"SELECT {function}($1, hashtext(current_schema()))";

    private const int PageSize = 100;

    private const string Candidates =
        """
        SELECT provider, payment_id FROM payments
        WHERE status IN ('pending', 'failed') AND verify_until IS NOT NULL AND verify_until > $1 AND updated_at <= $2
          AND (provider, payment_id) > ($3, $4)
        ORDER BY provider, payment_id
        LIMIT $5
        """;

    /// <summary>
    /// One sweep: asks about every payment at least <paramref name="minimumAge"/> old that no event has settled; returns
    /// how many were asked about and how many events their answers applied (0, 0 when another gateway is sweeping).
    /// </summary>
    public async Task<(int Asked, int Applied)> SweepAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        if (!readModels.IsAvailable || providers.All.Count == 0)
        {
            return (0, 0);
        }

        await using var connection = await readModels.DataSource.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryAsync(connection, SweepLockSql("pg_try_advisory_lock"), cancellationToken))
        {
            return (0, 0);
        }

        try
        {
            var now = time.GetUtcNow();
            var (asked, applied) = (0, 0);
            var after = ("", "");
            while (true)
            {
                var page = await PageAsync(connection, now - settings.Interval, now - minimumAge, after, cancellationToken);
                foreach (var (provider, paymentId) in page)
                {
                    asked++;
                    applied += await VerifyAsync(provider, paymentId, cancellationToken);
                }

                if (page.Count < PageSize)
                {
                    return (asked, applied);
                }

                after = page[^1];
            }
        }
        finally
        {
            await AdvisoryAsync(connection, SweepLockSql("pg_advisory_unlock"), CancellationToken.None);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var (asked, applied) = await SweepAsync(settings.Interval, stoppingToken);
                    if (asked > 0)
                    {
                        logger.LogInformation("Verified {Asked} payments with their providers; {Applied} events applied", asked, applied);
                    }
                }
                catch (NpgsqlException exception)
                {
                    logger.LogWarning(exception, "Verifying payments failed; the next round tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Asks the provider about one payment and applies what it reports; a provider that fails is asked again next round.</summary>
    private async Task<int> VerifyAsync(string providerName, string paymentId, CancellationToken cancellationToken)
    {
        if (providers.Find(providerName) is not { } provider)
        {
            return 0;
        }

        try
        {
            var events = await provider.VerifyAsync(paymentId, cancellationToken);
            foreach (var e in events)
            {
                await TransactionRetry.RunAsync(() => grains.GetGrain<IPaymentGrain>(PaymentKeys.For(e.Provider, e.PaymentId)).ApplyAsync(e), cancellationToken);
            }

            return events.Count;
        }
        catch (PaymentProviderException exception)
        {
            logger.LogWarning("Verifying payment {Provider} {PaymentId} failed: {Reason}; asked again next round", providerName, paymentId, exception.Message);
            return 0;
        }
    }

    private static async Task<List<(string Provider, string PaymentId)>> PageAsync(
        NpgsqlConnection connection, DateTimeOffset deadlineAfter, DateTimeOffset createdBy, (string Provider, string PaymentId) after, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Candidates, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = deadlineAfter });
        command.Parameters.Add(new NpgsqlParameter { Value = createdBy });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Provider });
        command.Parameters.Add(new NpgsqlParameter { Value = after.PaymentId });
        command.Parameters.Add(new NpgsqlParameter { Value = PageSize });
        var page = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add((reader.GetString(0), reader.GetString(1)));
        }

        return page;
    }

    private static async Task<bool> AdvisoryAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = SweepLock });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}
