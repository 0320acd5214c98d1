using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

public sealed class AlarmGrain([PersistentState("alarm")] IPersistentState<AlarmState> alarm) : Grain, IAlarmGrain, IRemindable
{
    async Task<string> IAlarmGrain.ScheduleAsync(string name, TimeSpan dueTime)
    {
        await RegisterOrUpdateReminder(name, dueTime);
        return Environment.GetEnvironmentVariable("GRAINMARKET_SILO_NAME") ?? "unnamed";
    }

    Task<AlarmState> IAlarmGrain.GetAsync() => Task.FromResult(alarm.State);

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // At least once: a repeated delivery of the same one-shot reminder must not count twice.
        if (!alarm.State.Fired.Contains(reminderName))
        {
            alarm.State = alarm.State with { Fired = [.. alarm.State.Fired, reminderName] };
            await alarm.WriteStateAsync();
        }
    }
}
