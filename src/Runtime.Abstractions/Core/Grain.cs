namespace GrainMarket.Runtime;

/// <summary>Base class of grain implementations: lifecycle hooks, deactivation control, timers and reminders.</summary>
public abstract class Grain
{
    protected Grain()
    {
        GrainContext = GrainConstruction.Current
            ?? throw new InvalidOperationException($"{GetType().Name} is a grain: obtain it through IGrainFactory.GetGrain, never with 'new'.");
    }

    /// <summary>The runtime's handle on this activation.</summary>
    public IGrainContext GrainContext { get; }

    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>The grain id in text form, for logs and messages.</summary>
    public string IdentityString => GrainContext.GrainId.ToString();

    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    protected IGrainFactory GrainFactory => (IGrainFactory)(ServiceProvider.GetService(typeof(IGrainFactory))
        ?? throw new InvalidOperationException("IGrainFactory is not registered."));

    private IReminderRegistry Reminders => (IReminderRegistry)(ServiceProvider.GetService(typeof(IReminderRegistry))
        ?? throw new InvalidOperationException("Reminders are not configured in this silo."));

    /// <summary>Runs when the activation is created, after persistent state was read, before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is being removed; the last chance to write state.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    protected void DelayDeactivation(TimeSpan timeSpan) => GrainContext.DelayDeactivation(timeSpan);

    /// <summary>Registers a timer whose callbacks run as turns of this grain; it dies with the activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterGrainTimer(static (cb, ct) => cb(ct), callback, options);
    }

    /// <summary>Registers a timer with a state argument.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
        => GrainContext.RegisterGrainTimer(callback, state, options);

    /// <summary>Registers a timer due after <paramref name="dueTime"/> and then every <paramref name="period"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
        => RegisterGrainTimer(callback, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });

    /// <summary>Registers or replaces a durable periodic reminder; it fires <see cref="IRemindable.ReceiveReminder"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        EnsureRemindable();
        return Reminders.RegisterOrUpdateReminderAsync(GrainId, reminderName, dueTime, period);
    }

    /// <summary>Registers or replaces a durable one-shot reminder that fires once, after <paramref name="dueTime"/>.</summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime)
    {
        EnsureRemindable();
        return Reminders.RegisterOrUpdateReminderAsync(GrainId, reminderName, dueTime, period: null);
    }

    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Reminders.UnregisterReminderAsync(GrainId, reminder.ReminderName);
    }

    protected Task<IGrainReminder?> GetReminder(string reminderName) => Reminders.GetReminderAsync(GrainId, reminderName);

    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Reminders.GetRemindersAsync(GrainId);

    private void EnsureRemindable()
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"{GetType().Name} registers a reminder but does not implement IRemindable.");
        }
    }
}
