namespace GrainMarket.Runtime.Reminders;

/// <summary>
/// One durable reminder row. <see cref="Generation"/> grows with every registration, so completing an old claim
/// never deletes or moves a newer registration.
/// </summary>
public sealed record ReminderEntry(
    GrainId GrainId,
    string Name,
    DateTimeOffset DueAt,
    TimeSpan? Period,
    long Generation,
    int Attempts) : IGrainReminder
{
    string IGrainReminder.ReminderName => Name;
}
