namespace GrainMarket.Runtime;

/// <summary>When a reminder tick was due, when it is being delivered, and its period (null for a one-shot reminder).</summary>
public readonly record struct TickStatus(DateTimeOffset DueAt, DateTimeOffset CurrentTickTime, TimeSpan? Period, int Attempt);
