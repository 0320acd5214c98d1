using System.Diagnostics.Metrics;
using GrainMarket.ApiGateway.Http;
using GrainMarket.Diagnostics;
using Npgsql;

namespace GrainMarket.ApiGateway.ReadModels;

/// <summary>
/// GrainMarket's gauges of marketplace-wide totals, read from the read models every <see cref="Refresh"/>: money held in
/// escrow (<c>sum(held)</c> over <c>wallets</c>) and the e-mail outbox's backlog (rows of <c>email_outbox</c> neither sent nor failed for good).
/// A scrape reports the last values read and never waits on the database; after a failed read it reports none, so a
/// stale figure is never taken for a current one. Without a database (the in-memory mode) there are no values. One
/// host per process reports them (the last to read, if a process runs several, as tests do).
/// </summary>
public sealed partial class MarketGauges(ReadModelDatabase readModels, MarketplaceSettings settings, ILogger<MarketGauges> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The last totals read. The gauges are on the static <see cref="MarketMetrics.Meter"/>, created once per process:
    /// OpenTelemetry listens to every meter of a name, so gauges of a meter per host would be one series written twice
    /// when hosts share a process (as test servers do), and a stopped host's would end it for the others.
    /// </summary>
    private static Totals? s_latest;

    private static readonly ObservableGauge<long> EscrowHeld = MarketMetrics.Meter.CreateObservableGauge(
        "grainmarket.escrow.held",
        () => Volatile.Read(ref s_latest) is { } totals ? [new Measurement<long>(totals.EscrowHeld, new KeyValuePair<string, object?>("currency", totals.Currency))] : Array.Empty<Measurement<long>>(),
        "{minor_unit}",
        "Money held in escrow over all wallets (pending holds of checkouts and bids), in minor units of the currency.");

    private static readonly ObservableGauge<long> OutboxBacklog = MarketMetrics.Meter.CreateObservableGauge(
        "grainmarket.outbox.backlog",
        () => Volatile.Read(ref s_latest) is { } totals ? [new Measurement<long>(totals.OutboxBacklog)] : Array.Empty<Measurement<long>>(),
        "{email}",
        "E-mails in the outbox not yet sent.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!readModels.IsAvailable)
        {
            return;
        }

        using var timer = new PeriodicTimer(Refresh);
        do
        {
            Volatile.Write(ref s_latest, await ReadAsync(stoppingToken));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<Totals?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = readModels.DataSource.CreateCommand(
                "SELECT (SELECT coalesce(sum(held), 0) FROM wallets)::bigint, (SELECT count(*) FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL)");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new Totals(reader.GetInt64(0), settings.Currency, reader.GetInt64(1));
        }
        catch (NpgsqlException exception)
        {
            LogReadFailed(exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the escrow and outbox totals for the metrics; they are left out until the next read")]
    private partial void LogReadFailed(Exception exception);

    private sealed record Totals(long EscrowHeld, string Currency, long OutboxBacklog);
}
