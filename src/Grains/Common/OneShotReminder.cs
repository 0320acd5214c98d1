namespace GrainMarket.Common;

/// <summary>
/// A deadline that must survive restarts, on Orleans reminders, which are always periodic: register it with
/// <c>this.RegisterOrUpdateReminder(name, dueTime, OneShotReminder.RetryPeriod)</c>, and in
/// <see cref="IRemindable.ReceiveReminder(string, TickStatus)"/> do the durable work first, then
/// <see cref="CompleteAsync{TGrain}"/>. Until then every <see cref="RetryPeriod"/> brings the reminder back, so work
/// that failed (an aborted transaction) is tried again; the callback must therefore be idempotent, and find nothing to
/// do when the state it was meant for never came to be (a reminder registered before a commit that then aborted).
/// </summary>
public static class OneShotReminder
{
    /// <summary>How soon a reminder whose work has not completed fires again (Orleans' minimum period in production).</summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Unregisters the reminder <paramref name="reminderName"/> of <paramref name="grain"/> if it is registered. It
    /// removes the registration as it stands now: call it once nothing is left to do for any registration of that name.
    /// </summary>
    public static async Task CompleteAsync<TGrain>(this TGrain grain, string reminderName)
        where TGrain : Grain, IRemindable
    {
        ArgumentNullException.ThrowIfNull(grain);
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        if (await grain.GetReminder(reminderName) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }
}
