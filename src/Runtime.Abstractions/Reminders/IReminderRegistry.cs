namespace GrainMarket.Runtime;

/// <summary>Registers durable reminders for grains. Reminders survive silo restarts and fire at least once.</summary>
public interface IReminderRegistry
{
    Task<IGrainReminder> RegisterOrUpdateReminderAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan? period);

    Task UnregisterReminderAsync(GrainId grainId, string reminderName);

    Task<IGrainReminder?> GetReminderAsync(GrainId grainId, string reminderName);

    Task<IReadOnlyList<IGrainReminder>> GetRemindersAsync(GrainId grainId);
}
