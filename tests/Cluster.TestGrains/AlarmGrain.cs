namespace GrainMarket.Cluster.TestGrains;

[GrainType("alarm")]
public sealed class AlarmGrain([PersistentState("alarm")] IPersistentState<AlarmState> alarm) : Grain, IAlarmGrain, IRemindable
{
    /// <summary>
    /// Orleans has no one-shot reminder: it repeats at this period (the production minimum) until the first tick's
    /// durable work is done and unregisters it.
    /// </summary>
    private static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    async Task<string> IAlarmGrain.ScheduleAsync(string name, TimeSpan dueTime)
    {
        await this.RegisterOrUpdateReminder(name, dueTime, RetryPeriod);
        return SiloName.Current;
    }

    Task<AlarmView> IAlarmGrain.GetAsync() => Task.FromResult(new AlarmView([.. alarm.State.Fired]));

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // At least once: a repeated delivery of the same reminder must not count twice.
        if (!alarm.State.Fired.Contains(reminderName))
        {
            alarm.State.Fired.Add(reminderName);
            try
            {
                await alarm.WriteStateAsync();
            }
            catch
            {
                // Not recorded: forget it here too, so the next tick tries again.
                alarm.State.Fired.Remove(reminderName);
                throw;
            }
        }

        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
