namespace GrainMarket.Runtime;

/// <summary>A durable reminder's registration.</summary>
public interface IGrainReminder
{
    string ReminderName { get; }

    DateTimeOffset DueAt { get; }

    /// <summary>The period of a periodic reminder; null for a one-shot reminder.</summary>
    TimeSpan? Period { get; }
}
