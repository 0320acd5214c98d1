using System.Collections.Concurrent;
using GrainMarket.Runtime.Core;
using GrainMarket.Runtime.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GrainMarket.Runtime.Reminders;

/// <summary>
/// Registers reminders and delivers them. Each poll claims the reminders due within the next poll interval (a
/// lease in the table, so silos never need to partition the work), then fires each one on a local timer at its
/// exact due time. Success completes the row (one-shot: deleted; periodic: moved to the next due time); failure
/// releases it for a retry with exponential back-off. Delivery is at least once.
/// </summary>
internal sealed partial class ReminderService(
    IReminderTable table,
    GrainRuntime runtime,
    TimeProvider timeProvider,
    IOptions<GrainRuntimeOptions> options,
    ILogger<ReminderService> logger) : BackgroundService, IReminderRegistry
{
    private const int ClaimBatch = 256;
    private static readonly TimeSpan TombstoneLifetime = TimeSpan.FromMinutes(1);
    private readonly GrainRuntimeOptions _options = options.Value;
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), ScheduledDelivery> _scheduled = new();
    private readonly CancellationTokenSource _stopping = new();

    // Reminders removed on this silo, briefly: a tick already on its way checks this when its turn starts.
    private readonly ConcurrentDictionary<(GrainId GrainId, string Name), DateTimeOffset> _removed = new();
    private int _stopped;

    public async Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan? period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        if (period is { } p && p <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A periodic reminder's period must be positive.");
        }

        Unschedule(grainId, reminderName);
        _removed.TryRemove((grainId, reminderName), out _);
        return await table.UpsertAsync(grainId, reminderName, timeProvider.GetUtcNow() + dueTime, period, _stopping.Token);
    }

    public async Task UnregisterReminderAsync(GrainId grainId, string reminderName)
    {
        _removed[(grainId, reminderName)] = timeProvider.GetUtcNow();
        Unschedule(grainId, reminderName);
        await table.RemoveAsync(grainId, reminderName, _stopping.Token);
    }

    public async Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName) =>
        await table.ReadAsync(grainId, reminderName, _stopping.Token);

    public async Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId) =>
        [.. await table.ReadAllAsync(grainId, _stopping.Token)];

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host may stop its services twice (WebApplicationFactory does, after disposing them): stop once.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await base.StopAsync(cancellationToken);
        foreach (var key in _scheduled.Keys)
        {
            Unschedule(key.GrainId, key.Name);
        }

        try
        {
            await table.ReleaseClaimsAsync(_options.SiloName, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReleaseFailed(exception);
        }
    }

    public override void Dispose()
    {
        // Disposing counts as stopped: a late StopAsync must not touch the disposed token.
        Interlocked.Exchange(ref _stopped, 1);
        _stopping.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(exception);
            }

            try
            {
                await Task.Delay(_options.ReminderPollInterval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, removedAt) in _removed)
        {
            if (now - removedAt > TombstoneLifetime)
            {
                _removed.TryRemove(key, out _);
            }
        }

        var claimed = await table.ClaimDueAsync(
            _options.SiloName, now, now + (_options.ReminderPollInterval * 2), now + _options.ReminderLease, ClaimBatch, cancellationToken);
        foreach (var entry in claimed)
        {
            Schedule(entry);
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        var delay = entry.DueAt - timeProvider.GetUtcNow();
        var delivery = new ScheduledDelivery(entry);
        _scheduled[(entry.GrainId, entry.Name)] = delivery;
        if (delay <= TimeSpan.Zero)
        {
            _ = DeliverAsync(delivery);
            return;
        }

        delivery.Timer = timeProvider.CreateTimer(
            static state => { var (self, d) = ((ReminderService, ScheduledDelivery))state!; self.OnTimer(d); },
            (this, delivery),
            delay,
            Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(ScheduledDelivery delivery)
    {
        // Timers run on the monotonic clock and may fire a few milliseconds before the wall clock reaches the due
        // time; a reminder never fires early, so the rest is waited out.
        var remaining = delivery.Entry.DueAt - timeProvider.GetUtcNow();
        if (remaining > TimeSpan.Zero && !delivery.IsCancelled)
        {
            delivery.Timer?.Change(remaining, Timeout.InfiniteTimeSpan);
            return;
        }

        _ = DeliverAsync(delivery);
    }

    private void Unschedule(GrainId grainId, string name)
    {
        if (_scheduled.TryRemove((grainId, name), out var delivery))
        {
            delivery.Cancel();
        }
    }

    private async Task DeliverAsync(ScheduledDelivery delivery)
    {
        var entry = delivery.Entry;

        // A registration or removal since the claim replaced this delivery.
        if (!_scheduled.TryRemove(new KeyValuePair<(GrainId, string), ScheduledDelivery>((entry.GrainId, entry.Name), delivery)) || delivery.IsCancelled)
        {
            return;
        }

        delivery.Timer?.Dispose();
        var now = timeProvider.GetUtcNow();
        try
        {
            // A claim can race with a removal or a re-registration: deliver only the registration that still stands.
            var current = await table.ReadAsync(entry.GrainId, entry.Name, _stopping.Token);
            if (current is null || current.Generation != entry.Generation)
            {
                return;
            }

            var key = (entry.GrainId, entry.Name);
            await runtime.DeliverReminderAsync(entry.GrainId, entry.Name, new TickStatus(entry.DueAt, now, entry.Period, entry.Attempts + 1), () => !_removed.ContainsKey(key));
            await table.CompleteAsync(entry, NextDueAt(entry, timeProvider.GetUtcNow()), _stopping.Token);
        }
        catch (Exception exception) when (!_stopping.IsCancellationRequested)
        {
            var backoff = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, entry.Attempts), _options.ReminderMaxBackoff.TotalSeconds));
            LogDeliveryFailed(entry.Name, entry.GrainId, entry.Attempts + 1, backoff.TotalSeconds, exception);
            try
            {
                await table.RetryLaterAsync(entry, timeProvider.GetUtcNow() + backoff, _stopping.Token);
            }
            catch (Exception retryException) when (!_stopping.IsCancellationRequested)
            {
                // The lease expires on its own; another poll retries then.
                LogPollFailed(retryException);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the claim is released in StopAsync.
        }
    }

    /// <summary>The first multiple of the period after <paramref name="now"/>; missed ticks are skipped, as in Orleans.</summary>
    internal static DateTimeOffset? NextDueAt(ReminderEntry entry, DateTimeOffset now)
    {
        if (entry.Period is not { } period)
        {
            return null;
        }

        var next = entry.DueAt + period;
        if (next <= now)
        {
            var missed = (long)Math.Floor((now - entry.DueAt) / period);
            next = entry.DueAt + (period * (missed + 1));
        }

        return next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming due reminders failed")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} failed (attempt {Attempt}); retrying in {BackoffSeconds} s")]
    private partial void LogDeliveryFailed(string reminderName, GrainId grainId, int attempt, double backoffSeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing reminder claims at shutdown failed")]
    private partial void LogReleaseFailed(Exception exception);

    private sealed class ScheduledDelivery(ReminderEntry entry)
    {
        private volatile bool _cancelled;

        public ReminderEntry Entry { get; } = entry;

        public ITimer? Timer { get; set; }

        public bool IsCancelled => _cancelled;

        public void Cancel()
        {
            _cancelled = true;
            Timer?.Dispose();
        }
    }
}
