namespace GrainMarket.Runtime.Tests.Grains;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls the first grain of <paramref name="path"/> with the rest of it; returns the keys visited.</summary>
    Task<string> CallAsync(string[] path);
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    async Task<string> ICycleGrain.CallAsync(string[] path)
    {
        if (path.Length == 0)
        {
            return this.GetPrimaryKeyString();
        }

        var rest = await GrainFactory.GetGrain<ICycleGrain>(path[0]).CallAsync(path[1..]);
        return $"{this.GetPrimaryKeyString()}>{rest}";
    }
}
