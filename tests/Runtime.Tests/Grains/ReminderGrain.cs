namespace GrainMarket.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task ScheduleOnceAsync(string name, TimeSpan dueTime);

    Task SchedulePeriodicAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task RemoveAsync(string name);

    Task<bool> ExistsAsync(string name);
}

/// <summary>Writes "{name}" and "{name}:late:{milliseconds}" to the journal for every tick.</summary>
public sealed class ReminderGrain(TimeProvider timeProvider) : Grain, IReminderGrain, IRemindable
{
    Task IReminderGrain.ScheduleOnceAsync(string name, TimeSpan dueTime) => RegisterOrUpdateReminder(name, dueTime);

    Task IReminderGrain.SchedulePeriodicAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    async Task IReminderGrain.RemoveAsync(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"No reminder {name}.");
        await UnregisterReminder(reminder);
    }

    async Task<bool> IReminderGrain.ExistsAsync(string name) => await GetReminder(name) is not null;

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        var key = this.GetPrimaryKeyString();
        Journal.Write(key, reminderName);
        Journal.Write(key, $"{reminderName}:late:{(long)(timeProvider.GetUtcNow() - status.DueAt).TotalMilliseconds}");
        return Task.CompletedTask;
    }
}
