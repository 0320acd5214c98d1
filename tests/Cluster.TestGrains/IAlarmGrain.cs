using GrainMarket.Runtime;

namespace GrainMarket.Cluster.TestGrains;

/// <summary>Records each durable reminder it receives in its persistent state.</summary>
public interface IAlarmGrain : IGrainWithStringKey
{
    /// <summary>Registers a one-shot reminder; returns the silo that hosts the activation.</summary>
    Task<string> ScheduleAsync(string name, TimeSpan dueTime);

    Task<AlarmState> GetAsync();
}
