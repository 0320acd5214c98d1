namespace GrainMarket.Cluster.TestGrains;

/// <summary>Records each durable reminder it receives in its persistent state.</summary>
[Alias("gm.clustertest.alarm")]
public interface IAlarmGrain : IGrainWithStringKey
{
    /// <summary>Registers a reminder that fires once after <paramref name="dueTime"/>; returns the silo that hosts the activation.</summary>
    [Alias("schedule")]
    Task<string> ScheduleAsync(string name, TimeSpan dueTime);

    /// <summary>The reminders received so far, each once, in order.</summary>
    [Alias("get")]
    Task<AlarmView> GetAsync();
}
