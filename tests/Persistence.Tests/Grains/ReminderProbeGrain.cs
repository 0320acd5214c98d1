namespace GrainMarket.Persistence.Tests.Grains;

[GrainType("test-reminder-probe")]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private int _ticks;

    Task IReminderProbeGrain.StartAsync(string reminderName, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime: period, period: period);

    Task<int> IReminderProbeGrain.GetTickCountAsync() => Task.FromResult(_ticks);

    async Task IReminderProbeGrain.StopAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName)
            ?? throw new InvalidOperationException($"Reminder '{reminderName}' of {this.GetGrainId()} is not registered.");
        await this.UnregisterReminder(reminder);
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}
