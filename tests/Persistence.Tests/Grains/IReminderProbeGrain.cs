namespace GrainMarket.Persistence.Tests.Grains;

/// <summary>Registers, counts and unregisters one durable reminder, to prove the reminder table round trip.</summary>
[Alias("gm.tests.reminderprobe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    /// <summary>Registers <paramref name="reminderName"/>, first due after one <paramref name="period"/>.</summary>
    [Alias("start")]
    Task StartAsync(string reminderName, TimeSpan period);

    /// <summary>How many ticks this activation has received.</summary>
    [Alias("ticks")]
    Task<int> GetTickCountAsync();

    /// <summary>Unregisters <paramref name="reminderName"/>; throws if it is not registered.</summary>
    [Alias("stop")]
    Task StopAsync(string reminderName);
}
