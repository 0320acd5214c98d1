namespace GrainMarket.Runtime.Hosting;

/// <summary>Settings of the grain runtime in one silo. Defaults follow Orleans where Orleans has the setting.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>How long a caller waits for a grain call's response.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often expired calls are failed (the resolution of <see cref="ResponseTimeout"/>).</summary>
    public TimeSpan ResponseTimeoutCheckPeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>An activation idle this long is deactivated.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long shutdown waits for activations to deactivate.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>This silo's name in logs, reminder claims and (later) membership.</summary>
    public string SiloName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>How often the reminder service looks for due reminders.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claim on a due reminder lasts before another silo may take it over.</summary>
    public TimeSpan ReminderLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest back-off between failed deliveries of a reminder.</summary>
    public TimeSpan ReminderMaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a transaction waits for a transaction lock before it aborts.</summary>
    public TimeSpan TransactionLockWaitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an older transaction waits for a lock that younger ones hold before it wounds them (aborts them unless
    /// they are already committing) whatever they are doing. A younger holder that waits for another lock on the same
    /// silo is wounded at once; this bound breaks the cycles of waits that pass through other silos.
    /// </summary>
    public TimeSpan TransactionWoundAfter { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a participant holds a transaction's lock without a verdict before it asks the database.</summary>
    public TimeSpan TransactionLockLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long transaction verdicts are kept for participants that ask late.</summary>
    public TimeSpan TransactionRecordRetention { get; set; } = TimeSpan.FromHours(1);
}
