namespace GrainMarket.Runtime;

/// <summary>Implemented by grains that receive durable reminders.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Delivers a reminder tick. Delivery is at least once: the handler must be idempotent.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
